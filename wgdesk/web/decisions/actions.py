"""State changes of decisions."""

from __future__ import annotations

from datetime import date
from typing import Any

from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.core import records
from wgdesk.web.decisions.models import Decision
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.freeze import ensure_open


def add_decision(
    user: Any,
    meeting: Meeting,
    item: AgendaItem,
    text: tuple[str, str],
    decided_on: date,
    classification: int,
) -> Decision:
    """Record a decision taken at a meeting on an agenda item (not once it is locked)."""
    ensure_open(meeting.pk)
    return records.create(
        user,
        Decision,
        {"text": text},
        meeting=meeting,
        agenda_item=item,
        decided_on=decided_on,
        classification=classification,
        created_by=user.member,
    )


def edit_decision(
    user: Any, decision: Decision, text: tuple[str, str], classification: int
) -> Decision:
    """Change a decision's wording or classification, unless its minutes are locked."""
    ensure_open(decision.meeting_id)
    return records.update(user, decision, {"text": text}, classification=classification)
