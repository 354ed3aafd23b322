"""State changes of the API: tokens issued and revoked, requests counted against the limit."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Case, F, Value, When

from wgdesk import config
from wgdesk.web.api.models import ApiToken
from wgdesk.web.audit.actions import record
from wgdesk.web.exports import tokens

PREFIX = "wga_"  # recognisable if leaked (secret scanners), distinct from feed tokens
HINT_LENGTH = len(PREFIX) + 6


def issue_token(user: Any, name: str, expires_at: datetime | None) -> str:
    """Create a token for the user and return it; only its SHA-256 is kept."""
    token = tokens.new_token(PREFIX)
    with transaction.atomic():
        ApiToken.objects.create(
            user=user,
            name=name,
            digest=tokens.digest(token),
            hint=token[:HINT_LENGTH],
            expires_at=expires_at,
        )
        expiry = expires_at.isoformat() if expires_at else None
        data = {"name": name, "state": "issued", "expires_at": expiry}
        record(user, "api_token", user.member, data)
    return token


def revoke_token(user: Any, token_id: int) -> bool:
    """Delete one of the user's own tokens; return whether there was one."""
    with transaction.atomic():
        token = ApiToken.objects.filter(user=user, pk=token_id).first()
        if token is None:
            return False
        token.delete()
        record(user, "api_token", user.member, {"name": token.name, "state": "revoked"})
    return True


def count_request(token: ApiToken, now: datetime) -> int | None:
    """Count a request in the token's window; return seconds to wait when over the limit.

    One conditional UPDATE per request: it restarts the count when a new window has
    begun, so concurrent requests (and processes) share one exact count in the database.
    """
    window = max(config.get_int("api_rate_window_seconds"), 1)
    seconds = int(now.timestamp())
    start = seconds - seconds % window
    rows = ApiToken.objects.filter(pk=token.pk)
    with transaction.atomic():
        rows.update(
            window_count=Case(
                When(window_start=start, then=F("window_count") + 1), default=Value(1)
            ),
            window_start=start,
            last_used_at=now,
        )
        count = rows.values_list("window_count", flat=True).get()
    if count <= config.get_int("api_rate_limit"):
        return None
    return max(start + window - seconds, 1)


def expiry(days: int | None, now: datetime) -> datetime | None:
    """The expiry time of a token valid for some days (None: no expiry)."""
    return now + timedelta(days=days) if days else None
