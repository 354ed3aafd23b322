"""State changes of the engagement log."""

from __future__ import annotations

from datetime import date
from typing import Any

from wgdesk.web.core import records
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.groups.models import Member


def log_engagement(
    user: Any,
    member: Member,
    counterpart: tuple[str, str],
    summary: tuple[str, str],
    held_on: date,
    place: str,
    visibility: str,
    classification: int,
) -> Engagement:
    """Log a member's meeting with an outside official, owned by the logging user's side."""
    if member.side_id != user.member.side_id:
        raise ValueError("an engagement is logged by the member's own side")
    return records.create(
        user,
        Engagement,
        {"counterpart": counterpart, "summary": summary},
        working_group_id=member.working_group_id,
        side_id=member.side_id,
        member=member,
        held_on=held_on,
        place=place,
        visibility=visibility,
        classification=classification,
    )


def edit_engagement(
    user: Any,
    engagement: Engagement,
    counterpart: tuple[str, str],
    summary: tuple[str, str],
    held_on: date,
    place: str,
    visibility: str,
    classification: int,
) -> Engagement:
    """Change a logged engagement."""
    return records.update(
        user,
        engagement,
        {"counterpart": counterpart, "summary": summary},
        held_on=held_on,
        place=place,
        visibility=visibility,
        classification=classification,
    )
