"""State changes of meetings: creation (in a time zone), postponing and cancelling, agenda
order and attendance."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.audit.actions import record
from wgdesk.web.core import records, zones
from wgdesk.web.groups.models import Member
from wgdesk.web.meetings.models import (
    AgendaEntry,
    Attendance,
    Meeting,
    MeetingSeries,
    MeetingStatus,
)
from wgdesk.web.minutes.freeze import ensure_open
from wgdesk.web.minutes.models import Minutes, MinutesStatus
from wgdesk.web.notifications import actions as notifications


def add_series(user: Any, title: tuple[str, str]) -> MeetingSeries:
    """Start a new series of meetings in the user's group."""
    return records.create(
        user, MeetingSeries, {"title": title}, working_group_id=user.member.working_group_id
    )


def _when(user: Any, starts_at: datetime, time_zone: str | None) -> tuple[datetime, str]:
    """A meeting's start as a UTC instant and its zone's name, checked: a naive time has no
    instant, and an unknown zone name is refused. No zone: the scheduler's display zone."""
    if timezone.is_naive(starts_at):
        raise ValueError("a meeting's start must be an aware datetime (place it in its zone)")
    name = time_zone or zones.display_zone(user).key
    zones.zone(name)  # UnknownZone (a ValueError) for anything but an IANA name
    return starts_at.astimezone(UTC), name


def add_meeting(
    user: Any,
    series: MeetingSeries,
    title: tuple[str, str],
    starts_at: datetime,
    place: tuple[str, str],
    format: str,
    time_zone: str | None = None,
) -> Meeting:
    """Schedule a meeting in a series, held in a time zone (default: the scheduler's)."""
    instant, name = _when(user, starts_at, time_zone)
    return records.create(
        user,
        Meeting,
        {"title": title, "place": place},
        series=series,
        starts_at=instant,
        time_zone=name,
        format=format,
    )


def edit_meeting(
    user: Any,
    meeting: Meeting,
    title: tuple[str, str],
    starts_at: datetime,
    place: tuple[str, str],
    format: str,
    time_zone: str | None = None,
) -> Meeting:
    """Change a meeting's title, time, time zone, place or format (not once its minutes
    are locked: RecordFrozen)."""
    ensure_open(meeting.pk)
    instant, name = _when(user, starts_at, time_zone or meeting.time_zone)
    return records.update(
        user,
        meeting,
        {"title": title, "place": place},
        starts_at=instant,
        time_zone=name,
        format=format,
    )


class NotReschedulable(Exception):
    """The meeting is cancelled, or its minutes are already under approval."""


def _ensure_reschedulable(meeting: Meeting) -> None:
    """Only a meeting still going ahead, whose minutes (if any) are a draft, can be moved or
    called off: submitted minutes say it was held; locked ones freeze it (RecordFrozen)."""
    ensure_open(meeting.pk)
    if meeting.is_cancelled:
        raise NotReschedulable(f"meeting {meeting.pk} is cancelled")
    if Minutes.objects.filter(meeting_id=meeting.pk).exclude(status=MinutesStatus.DRAFT).exists():
        raise NotReschedulable(f"the minutes of meeting {meeting.pk} are under approval")


def postpone_meeting(user: Any, meeting: Meeting, starts_at: datetime, reason: str) -> Meeting:
    """Move a meeting to a new start (aware; entered in the meeting's zone) with a reason;
    log "postpone" with both instants and tell both sides."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a postponement needs a reason")
    instant, _zone = _when(user, starts_at, meeting.time_zone)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _ensure_reschedulable(locked)
        previous = locked.starts_at
        records.update(
            user,
            meeting,
            verb="postpone",
            starts_at=instant,
            postponed_from=previous,
            schedule_changes=locked.schedule_changes + 1,
            status=MeetingStatus.POSTPONED,
            status_reason=reason,
        )
        notifications.meeting_rescheduled(meeting, "meeting_postponed")
    return meeting


def cancel_meeting(user: Any, meeting: Meeting, reason: str) -> Meeting:
    """Call a meeting off for good, with a reason; log "cancel" and tell both sides."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a cancellation needs a reason")
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _ensure_reschedulable(locked)
        records.update(
            user,
            meeting,
            verb="cancel",
            status=MeetingStatus.CANCELLED,
            status_reason=reason,
            schedule_changes=locked.schedule_changes + 1,
        )
        notifications.meeting_rescheduled(meeting, "meeting_cancelled")
    return meeting


def add_to_agenda(user: Any, meeting: Meeting, item: AgendaItem) -> AgendaEntry:
    """Put an agenda item at the end of a meeting's agenda (once; not once locked)."""
    ensure_open(meeting.pk)
    existing = AgendaEntry.objects.filter(meeting=meeting, agenda_item=item).first()
    if existing:
        return existing
    last = AgendaEntry.objects.filter(meeting=meeting).aggregate(m=Max("order"))["m"] or 0
    return records.create(user, AgendaEntry, meeting=meeting, agenda_item=item, order=last + 1)


def move_entry(user: Any, entry: AgendaEntry, offset: int) -> None:
    """Swap an agenda entry with its neighbour above (-1) or below (+1), unless locked."""
    ensure_open(entry.meeting_id)  # the swap below updates rows without a model save
    siblings = list(AgendaEntry.objects.filter(meeting_id=entry.meeting_id).order_by("order", "id"))
    index = next(i for i, e in enumerate(siblings) if e.pk == entry.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    with transaction.atomic():
        # Renumber the whole agenda so orders stay dense and unique after the swap.
        for number, sibling in enumerate(siblings, start=1):
            if sibling.order != number:
                AgendaEntry.objects.filter(pk=sibling.pk).update(order=number)
        record(user, "reorder", entry.meeting, {"order": [e.agenda_item_id for e in siblings]})


def remove_entry(user: Any, entry: AgendaEntry) -> None:
    """Take an item off a meeting's agenda, unless its minutes are locked."""
    ensure_open(entry.meeting_id)
    with transaction.atomic():
        record(user, "remove_agenda_item", entry.meeting, {"agenda_item": entry.agenda_item_id})
        entry.delete()


def set_attendance(user: Any, meeting: Meeting, statuses: dict[Member, str]) -> None:
    """Record who attended, unless the minutes are locked; members left out keep no row."""
    ensure_open(meeting.pk)  # the rows below change without a model save
    with transaction.atomic():
        changed = {}
        for member, status in statuses.items():
            row, created = Attendance.objects.get_or_create(
                meeting=meeting, member=member, defaults={"status": status}
            )
            if created or row.status != status:
                Attendance.objects.filter(pk=row.pk).update(status=status)
                changed[str(member.pk)] = status
        if changed:
            record(user, "attendance", meeting, changed)
