"""State changes of the engagement log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from wgdesk.web.core import records
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.groups.models import Member


@dataclass(frozen=True)
class EngagementEntry:
    """What is logged about one engagement (both when logging and when editing)."""

    counterpart: tuple[str, str]
    summary: tuple[str, str]
    held_on: date
    place: tuple[str, str]
    visibility: str
    classification: int

    def texts(self) -> dict[str, tuple[str, str]]:
        """The bilingual pairs."""
        return {"counterpart": self.counterpart, "summary": self.summary, "place": self.place}

    def fields(self) -> dict[str, Any]:
        """The plain fields."""
        return {
            "held_on": self.held_on,
            "visibility": self.visibility,
            "classification": self.classification,
        }


def log_engagement(user: Any, member: Member, entry: EngagementEntry) -> Engagement:
    """Log a member's meeting with an outside official, owned by the logging user's side."""
    if member.side_id != user.member.side_id:
        raise ValueError("an engagement is logged by the member's own side")
    return records.create(
        user,
        Engagement,
        entry.texts(),
        working_group_id=member.working_group_id,
        side_id=member.side_id,
        member=member,
        **entry.fields(),
    )


def edit_engagement(user: Any, engagement: Engagement, entry: EngagementEntry) -> Engagement:
    """Change a logged engagement."""
    return records.update(user, engagement, entry.texts(), **entry.fields())
