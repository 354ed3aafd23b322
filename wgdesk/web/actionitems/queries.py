"""Reads of action items, through the policy, including the carry-over rule."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from wgdesk.web import policy
from wgdesk.web.actionitems.models import OPEN_STATUSES, ActionItem
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.meetings.models import Meeting


def visible_actions(user: Any) -> QuerySet[ActionItem]:
    """Every action item the user may see, with owner and side loaded."""
    return policy.visible(user, ActionItem).select_related("owner", "side", "meeting")


def for_agenda_item(user: Any, item: AgendaItem) -> QuerySet[ActionItem]:
    """Action items raised on an agenda item."""
    return visible_actions(user).filter(agenda_item=item)


def raised_at(user: Any, meeting: Meeting) -> QuerySet[ActionItem]:
    """Action items raised at a meeting."""
    return visible_actions(user).filter(meeting=meeting)


def carried_over(user: Any, meeting: Meeting) -> QuerySet[ActionItem]:
    """Items from earlier meetings still open when this one starts: they come up for review.

    An item is carried from meeting to meeting until it is done (or dropped); one closed
    after this meeting began was still open at it, so it is reviewed here too.
    """
    still_open = Q(status__in=OPEN_STATUSES) | Q(closed_at__gt=meeting.starts_at)
    return visible_actions(user).filter(
        still_open,
        meeting__series__working_group_id=meeting.series.working_group_id,
        meeting__starts_at__lt=meeting.starts_at,
    )


def filtered(user: Any, status: str = "", side: str = "") -> QuerySet[ActionItem]:
    """Action items for the list page, optionally by status ("open" means not closed) and side."""
    rows = visible_actions(user)
    if status == "open":
        rows = rows.filter(status__in=OPEN_STATUSES)
    elif status:
        rows = rows.filter(status=status)
    if side:
        rows = rows.filter(side__code=side)
    return rows
