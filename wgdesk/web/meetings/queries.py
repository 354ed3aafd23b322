"""Reads of meetings, through the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wgdesk.web import policy
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.groups.models import Member
from wgdesk.web.meetings.models import AgendaEntry, Attendance, Meeting, MeetingSeries
from wgdesk.web.minutes.models import Minutes


def meetings(user: Any) -> QuerySet[Meeting]:
    """Every meeting the user may see, newest first."""
    return policy.visible(user, Meeting).select_related("series").order_by("-starts_at")


def series(user: Any) -> QuerySet[MeetingSeries]:
    """The meeting series of the user's group."""
    return policy.visible(user, MeetingSeries)


def agenda(user: Any, meeting: Meeting) -> QuerySet[AgendaEntry]:
    """A meeting's agenda in order."""
    return (
        policy.visible(user, AgendaEntry)
        .filter(meeting=meeting)
        .select_related("agenda_item__track")
        .order_by("order", "id")
    )


def addable_items(user: Any, meeting: Meeting) -> QuerySet[AgendaItem]:
    """Open agenda items not yet on a meeting's agenda (the picker shows their titles:
    neither the track nor the long descriptions are read)."""
    return (
        policy.visible(user, AgendaItem)
        .filter(status="open", withdrawn_at__isnull=True)
        .exclude(meetings=meeting)
        .defer("description_ko", "description_en")
        .order_by("track__order", "path")
    )


def reschedulable(meeting: Meeting) -> bool:
    """True while a meeting can still be postponed or cancelled: not cancelled, and its
    minutes (if any) still a draft (the actions enforce the same rule)."""
    if meeting.is_cancelled:
        return False
    return not Minutes.objects.filter(meeting_id=meeting.pk).exclude(status="draft").exists()


def attendance(user: Any, meeting: Meeting) -> dict[int, str]:
    """Attendance status by member id."""
    rows = policy.visible(user, Attendance).filter(meeting=meeting)
    return {row.member_id: row.status for row in rows}


def members(user: Any) -> QuerySet[Member]:
    """Members of the user's group (for attendance and owners)."""
    return policy.visible(user, Member).select_related("side").order_by("side_id", "id")
