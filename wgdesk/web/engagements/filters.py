"""Filters of the engagement log: words, side, member, visibility and days held."""

from __future__ import annotations

from typing import Any

import django_filters
from django.utils.translation import gettext_lazy as _

from wgdesk.web import policy
from wgdesk.web.core.filtering import DeskFilter, day_filters, text_filter
from wgdesk.web.core.scoping import Visibility
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.groups.models import Member, Side


class EngagementFilter(DeskFilter):
    """?q=&side=&member=&visibility=&start=&end= over the engagements the reader may see."""

    q = text_filter("counterpart_ko", "counterpart_en", "summary_ko", "summary_en")
    side = django_filters.ChoiceFilter(field_name="side__code", label=_("Side"))
    member = django_filters.TypedChoiceFilter(field_name="member_id", label=_("Member"), coerce=int)
    visibility = django_filters.ChoiceFilter(label=_("Visibility"), choices=Visibility.choices)
    start, end = day_filters("held_on")

    class Meta:
        model = Engagement
        fields: list[str] = []

    def set_choices(self, user: Any) -> None:
        """The group's sides and members (who logged an engagement is no secret of itself)."""
        self.choose("side", ((s.code, s.label) for s in policy.visible(user, Side)))
        members = sorted(policy.visible(user, Member), key=lambda m: str(m.name))
        self.choose("member", ((m.pk, str(m.name)) for m in members))
