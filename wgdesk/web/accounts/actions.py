"""State changes of a member's own settings."""

from __future__ import annotations

from typing import Any

from wgdesk.web.core import zones
from wgdesk.web.groups.models import Member


def set_display_zone(user: Any, name: str) -> None:
    """Set the zone the user reads times in. A personal display preference, like the email
    language: it changes no record, so it is not an audit event."""
    zones.zone(name)  # UnknownZone for anything but an IANA name
    Member.objects.filter(user=user).update(time_zone=name)
    user.member.time_zone = name
