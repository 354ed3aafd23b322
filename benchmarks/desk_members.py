"""Seat the load benchmark's users in a grown demo desk and write the benchmark's plan.

Run by ``desk_load.py`` in a child process whose environment names the database (Django
is configured once per process, and the benchmark measures two databases). The demo's
ten accounts are joined by members invited by their co-chair and accepted through the
desk's own actions, several per side and role; every one gets a confirmed TOTP device
with a secret derived from the username, so the benchmark can sign them in with real
codes. The plan (JSON) lists the users and the records the simulated users open.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

ROLES = ("delegate", "liaison", "secretariat", "observer")
CLEARANCE = {"delegate": 2, "liaison": 1, "secretariat": 2, "observer": 0}
PASSWORD = "wgdesk-bench-password-2018"  # a throw-away benchmark database


def bench_secret(username: str) -> str:
    """A fixed TOTP secret for a benchmark account (public, like the demo's)."""
    digest = hashlib.sha256(f"wgdesk-bench-totp:{username}".encode()).digest()
    return base64.b32encode(digest[:20]).decode("ascii")


def _seat(co_chair: Any, username: str, role: str, n: int) -> Any:
    """Invite and accept one member through the desk's actions (once: kept on reruns)."""
    from django.contrib.auth import get_user_model

    from wgdesk.web.groups import actions as groups

    existing = get_user_model().objects.filter(username=username).first()
    if existing is not None:
        existing.set_password(PASSWORD)
        existing.save(update_fields=["password"])
        return existing
    invitation = groups.invite(co_chair, None, role, CLEARANCE[role], f"{username}@bench.test")
    side = co_chair.member.side.code
    name = (f"{side} 참석자 {n}", f"{side} member {n}")
    return groups.accept(invitation.token, username, PASSWORD, name).user


def _confirm_totp(user: Any, secret: str) -> None:
    """Give the account a confirmed TOTP device with a known secret, never used yet."""
    from django.utils import timezone

    from wgdesk.web.accounts.models import TotpDevice

    TotpDevice.objects.update_or_create(
        user=user, defaults={"secret": secret, "confirmed_at": timezone.now(), "last_step": 0}
    )


def _accounts(total: int) -> list[dict[str, str]]:
    """The demo accounts plus benchmark members up to ``total``, sides and roles in turn."""
    from django.contrib.auth import get_user_model

    from wgdesk.web.demo.users import DEMO_PASSWORD, DEMO_USERS

    users = get_user_model().objects.select_related("member__side")
    accounts = []
    for spec in DEMO_USERS[:total]:
        _confirm_totp(users.get(username=spec.username), spec.totp_secret)
        accounts.append(
            {"username": spec.username, "password": DEMO_PASSWORD, "secret": spec.totp_secret}
        )
    chairs = {u.member.side.code: u for u in users.filter(member__role="co_chair")}
    for n in range(total - len(accounts)):
        side = ("ROK", "US")[n % 2]
        role = ROLES[(n // 2) % len(ROLES)]
        username = f"bench.{side.lower()}.{role}.{n // 2 + 1:02d}"
        user = _seat(chairs[side], username, role, n // 2 + 1)
        secret = bench_secret(username)
        _confirm_totp(user, secret)
        accounts.append({"username": username, "password": PASSWORD, "secret": secret})
    return accounts


def _records() -> dict[str, list[int]]:
    """The records the simulated users open: every meeting and every agenda item."""
    from wgdesk.web.agenda.models import AgendaItem
    from wgdesk.web.meetings.models import Meeting

    return {
        "meetings": list(Meeting.objects.order_by("pk").values_list("pk", flat=True)),
        "items": list(AgendaItem.objects.order_by("pk").values_list("pk", flat=True)),
    }


def main(total: int, plan_path: Path) -> None:
    """Seat the accounts and write the plan."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wgdesk.web.settings")
    import django

    django.setup()
    plan = {"users": _accounts(total), **_records()}
    plan_path.write_text(json.dumps(plan, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]))
