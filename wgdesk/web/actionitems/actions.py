"""State changes of action items."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from wgdesk.web.actionitems.models import OPEN_STATUSES, ActionItem
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.core import records
from wgdesk.web.groups.models import Member
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.freeze import ensure_open
from wgdesk.web.notifications import actions as notifications
from wgdesk.web.policy import member_of


class OwnerCannotSee(ValueError):
    """The chosen owner could never read the action item: no active seat in the meeting's
    group, an observer's seat (observers take no actions), or clearance below its marking."""


def check_owner(owner: Member, working_group_id: int, classification: int) -> None:
    """Refuse an owner who could not see an action item of this group and marking."""
    seat = member_of(owner.user)
    if seat is None or seat.working_group_id != working_group_id or seat.role == "observer":
        raise OwnerCannotSee(f"member {owner.pk} holds no seat that may own this item")
    if seat.clearance < classification:
        raise OwnerCannotSee(f"member {owner.pk} is not cleared for level {classification}")


def add_action(
    user: Any,
    meeting: Meeting,
    item: AgendaItem | None,
    title: tuple[str, str],
    owner: Member,
    due_on: date,
    classification: int = 0,
) -> ActionItem:
    """Raise an action item at a meeting; its side is the owner's side; tell the owner.
    Not at a meeting whose minutes are locked (RecordFrozen)."""
    ensure_open(meeting.pk)
    check_owner(owner, meeting.series.working_group_id, classification)
    action = records.create(
        user,
        ActionItem,
        {"title": title},
        working_group_id=meeting.series.working_group_id,
        meeting=meeting,
        agenda_item=item,
        owner=owner,
        side_id=owner.side_id,
        due_on=due_on,
        classification=classification,
    )
    notifications.action_item_added(action)
    return action


def edit_action(
    user: Any,
    action: ActionItem,
    title: tuple[str, str],
    owner: Member,
    due_on: date,
    status: str,
) -> ActionItem:
    """Change an action item; closing it stamps the time, reopening clears it. Once its
    meeting's minutes are locked only the status may change (RecordFrozen otherwise)."""
    recorded = (action.title.ko, action.title.en, action.owner_id, action.due_on)
    if recorded != (*title, owner.pk, due_on):
        ensure_open(action.meeting_id)
    if owner.pk != action.owner_id:
        check_owner(owner, action.working_group_id, action.classification)
    closed_at = action.closed_at
    if status in OPEN_STATUSES:
        closed_at = None
    elif closed_at is None:
        closed_at = timezone.now()
    return records.update(
        user,
        action,
        {"title": title},
        owner=owner,
        side_id=owner.side_id,
        due_on=due_on,
        status=status,
        closed_at=closed_at,
    )
