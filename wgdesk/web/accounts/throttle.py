"""Login throttling by account and by IP address, persisted in the database."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from wgdesk import config
from wgdesk.web.accounts.models import LoginAttempt

RESET = "reset"  # the stage of a request for a password reset email


def _window() -> timedelta:
    """Return the length of the throttle window."""
    return timedelta(minutes=config.get_int("login_window_minutes"))


def _retry_after(failures: QuerySet[LoginAttempt], limit: int, now: datetime) -> int:
    """Seconds until fewer than ``limit`` failures remain in the window (0 if not blocked)."""
    recent = list(failures.order_by("-at").values_list("at", flat=True)[:limit])
    if len(recent) < limit:
        return 0
    # The block lifts when the oldest of the last ``limit`` failures leaves the window.
    return max(0, math.ceil((recent[-1] + _window() - now).total_seconds()))


def _failures_since_success(
    username: str, since: datetime, stage: str, reset_by: tuple[str, ...]
) -> QuerySet[LoginAttempt]:
    """Failures of one sign-in step in the window, after the last success of ``reset_by``."""
    last_success = (
        LoginAttempt.objects.filter(
            username=username, success=True, stage__in=reset_by, at__gte=since
        )
        .order_by("-at")
        .values_list("at", flat=True)
        .first()
    )
    failures = LoginAttempt.objects.filter(
        username=username, success=False, stage=stage, at__gte=since
    )
    return failures.filter(at__gt=last_success) if last_success else failures


def _account_failures(username: str, since: datetime) -> QuerySet[LoginAttempt]:
    """Failures on an account in the window: each step's own, reset only by that step.

    A correct password resets password failures but never second-factor failures (else
    whoever holds the password could guess codes forever, four at a time); only a correct
    second factor, i.e. a completed sign-in, resets those.
    """
    password = _failures_since_success(username, since, "password", ("password", "totp"))
    code = _failures_since_success(username, since, "totp", ("totp",))
    return password | code


def retry_after(username: str, ip: str) -> int:
    """Return seconds the account or the address must wait before trying again (0 = go)."""
    now = timezone.now()
    since = now - _window()
    by_account = _retry_after(
        _account_failures(username.lower(), since), config.get_int("login_max_failures"), now
    )
    by_ip = _retry_after(
        LoginAttempt.objects.filter(ip=ip, success=False, at__gte=since),
        config.get_int("login_max_failures_ip"),
        now,
    )
    return max(by_account, by_ip)


def note(username: str, ip: str, stage: str, success: bool) -> None:
    """Record one sign-in step's outcome."""
    LoginAttempt.objects.create(
        username=username.lower(), ip=ip, at=timezone.now(), stage=stage, success=success
    )


def minutes_left(seconds: int) -> int:
    """Round a wait up to whole minutes for the message shown to the user."""
    return max(1, math.ceil(seconds / 60))


def reset_retry_after(address: str, ip: str) -> int:
    """Seconds before another reset email may be asked for this address or from this IP.

    The same window and limits as sign-in: every request counts against the address typed
    (known or not, so the answer reveals nothing) and, as a failure, against the address's
    IP, so an address cannot be flooded with emails nor the form used to probe accounts.
    """
    now = timezone.now()
    since = now - _window()
    by_address = _retry_after(
        LoginAttempt.objects.filter(username=_key(address), stage=RESET, at__gte=since),
        config.get_int("login_max_failures"),
        now,
    )
    by_ip = _retry_after(
        LoginAttempt.objects.filter(ip=ip, success=False, at__gte=since),
        config.get_int("login_max_failures_ip"),
        now,
    )
    return max(by_address, by_ip)


def note_reset(address: str, ip: str) -> None:
    """Record one request for a reset email (see ``reset_retry_after``)."""
    note(_key(address), ip, RESET, False)


def _key(address: str) -> str:
    """The typed address as the throttle's key (the column holds 150 characters)."""
    return address.strip().lower()[:150]
