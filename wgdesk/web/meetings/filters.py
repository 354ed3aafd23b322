"""Filters of the meetings list: words in the title, series, format and days held."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from wgdesk.web import policy
from wgdesk.web.core.filtering import DeskFilter, day_filters, text_filter
from wgdesk.web.meetings.models import Meeting, MeetingFormat, MeetingSeries


class MeetingFilter(DeskFilter):
    """?q=&series=&format=&start=&end= over the meetings the reader may see."""

    q = text_filter("title_ko", "title_en")
    series = django_filters.TypedChoiceFilter(field_name="series_id", label=_("Series"), coerce=int)
    format = django_filters.ChoiceFilter(label=_("Format"), choices=MeetingFormat.choices)
    start, end = day_filters("starts_at", instant=True)

    class Meta:
        model = Meeting
        fields: list[str] = []

    def set_choices(self, user: Any) -> None:
        """The group's meeting series."""
        self.choose("series", ((s.pk, str(s)) for s in policy.visible(user, MeetingSeries)))
