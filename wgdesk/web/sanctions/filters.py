"""Filters of the saved reviews: words in the title (either language), verdict, side, track
and days judged."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from wgdesk.web import policy
from wgdesk.web.agenda.models import Track
from wgdesk.web.core.filtering import DeskFilter, day_filters, text_filter
from wgdesk.web.groups.models import Side
from wgdesk.web.sanctions.models import ProjectReview, Verdict


class ReviewFilter(DeskFilter):
    """?q=&verdict=&side=&track=&start=&end= over the saved reviews the reader may see."""

    q = text_filter("title_ko", "title_en")
    verdict = django_filters.ChoiceFilter(label=_("Verdict"), choices=Verdict.choices)
    side = django_filters.ChoiceFilter(field_name="side__code", label=_("Side"))
    track = django_filters.TypedChoiceFilter(
        field_name="agenda_item__track_id", label=_("Track"), coerce=int
    )
    start, end = day_filters("reviewed_on")

    class Meta:
        model = ProjectReview
        fields: list[str] = []

    def set_choices(self, user: Any) -> None:
        """The group's sides and the tracks the reader may see."""
        self.choose("side", ((s.code, s.label) for s in policy.visible(user, Side)))
        tracks = policy.visible(user, Track).order_by("order", "id")
        self.choose("track", ((t.pk, str(t)) for t in tracks))
