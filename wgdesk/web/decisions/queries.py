"""Reads of decisions, through the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wgdesk.web import policy
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.decisions.models import Decision
from wgdesk.web.meetings.models import Meeting


def visible_decisions(user: Any) -> QuerySet[Decision]:
    """Every decision the user may see."""
    return policy.visible(user, Decision).select_related("meeting", "agenda_item")


def for_agenda_item(user: Any, item: AgendaItem) -> QuerySet[Decision]:
    """Decisions on an agenda item."""
    return visible_decisions(user).filter(agenda_item=item)


def for_meeting(user: Any, meeting: Meeting) -> QuerySet[Decision]:
    """Decisions taken at a meeting."""
    return visible_decisions(user).filter(meeting=meeting)
