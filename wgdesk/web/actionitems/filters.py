"""Filters of the action items list: status ("open" = not done), side, owner, words, due days."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wgdesk.web import policy
from wgdesk.web.actionitems.models import OPEN_STATUSES, ActionItem, ActionStatus
from wgdesk.web.core.filtering import DeskFilter, day_filters, text_filter
from wgdesk.web.groups.models import Member, Side

# "open" is every status not closed (open or in progress), as the list always meant it.
STATUS_CHOICES = [
    ("open", _("Not done")),
    *[(v, label) for v, label in ActionStatus.choices if v != ActionStatus.OPEN],
]


def _status(queryset: QuerySet[ActionItem], name: str, value: str) -> QuerySet[ActionItem]:
    """Not done (open or in progress), or exactly one closed or in-progress status."""
    if value == "open":
        return queryset.filter(status__in=OPEN_STATUSES)
    return queryset.filter(status=value)


class ActionItemFilter(DeskFilter):
    """?status=&side=&owner=&q=&start=&end= over the action items the reader may see."""

    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS_CHOICES, method=_status)
    side = django_filters.ChoiceFilter(field_name="side__code", label=_("Side"))
    owner = django_filters.TypedChoiceFilter(field_name="owner_id", label=_("Owner"), coerce=int)
    q = text_filter("title_ko", "title_en")
    start, end = day_filters("due_on")

    class Meta:
        model = ActionItem
        fields: list[str] = []

    def set_choices(self, user: Any) -> None:
        """The group's sides and members."""
        self.choose("side", ((s.code, s.label) for s in policy.visible(user, Side)))
        members = sorted(policy.visible(user, Member), key=lambda m: str(m.name))
        self.choose("owner", ((m.pk, str(m.name)) for m in members))
