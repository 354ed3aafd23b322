"""Times on pages, in emails and in exports, always with their zone ({% load clock %}).

``{{ meeting|when }}`` gives a meeting's start where it is held, and beside it the
reader's time when their clocks differ: "2018-12-21 10:00 KST · 20:00 EST the day before".
``{{ moment|stamp }}`` gives any other instant in the reader's zone: "2018-12-21 10:00 KST"
(``stamp:"seconds"`` adds seconds). The reader's zone is Django's current time zone,
which ``core.middleware.ReaderZoneMiddleware`` sets per request and the email writer per
recipient.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.utils import timezone

from wgdesk.web.core import zones

register = template.Library()


@register.filter
def when(meeting: Any) -> str:
    """A meeting's start in its own zone, then in the reader's when it differs."""
    if meeting is None or getattr(meeting, "starts_at", None) is None:
        return ""
    return zones.meeting_time(meeting.starts_at, meeting.zone, timezone.get_current_timezone())


@register.filter
def stamp(moment: datetime | None, detail: str = "") -> str:
    """An instant as date, time and zone in the reader's zone ("" when there is none)."""
    if moment is None:
        return ""
    return zones.stamp(moment, timezone.get_current_timezone(), seconds=detail == "seconds")


@register.filter
def was(meeting: Any) -> str:
    """A postponed meeting's earlier start, written like ``when`` ("" if never postponed)."""
    moment = getattr(meeting, "postponed_from", None)
    if moment is None:
        return ""
    return zones.meeting_time(moment, meeting.zone, timezone.get_current_timezone())
