"""Filters of the decisions list: words, meeting, track and days decided."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from wgdesk.web import policy
from wgdesk.web.agenda.models import Track
from wgdesk.web.core.filtering import DeskFilter, day_filters, text_filter
from wgdesk.web.decisions.models import Decision
from wgdesk.web.meetings.models import Meeting


class DecisionFilter(DeskFilter):
    """?q=&meeting=&track=&start=&end= over the decisions the reader may see."""

    q = text_filter("text_ko", "text_en")
    meeting = django_filters.TypedChoiceFilter(
        field_name="meeting_id", label=_("Meeting"), coerce=int
    )
    track = django_filters.TypedChoiceFilter(
        field_name="agenda_item__track_id", label=_("Track"), coerce=int
    )
    start, end = day_filters("decided_on")

    class Meta:
        model = Decision
        fields: list[str] = []

    def set_choices(self, user: Any) -> None:
        """Meetings (newest first) and tracks the reader may see."""
        meetings = policy.visible(user, Meeting).order_by("-starts_at")
        self.choose("meeting", ((m.pk, str(m.title)) for m in meetings))
        tracks = policy.visible(user, Track).order_by("order", "id")
        self.choose("track", ((t.pk, str(t)) for t in tracks))
