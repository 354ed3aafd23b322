"""Filters of the audit trail: actor, kind of record, action and date range.

Every filter narrows the policy's visible events; its choices are drawn from those same
events (and the reader's group's members), so the choice lists reveal nothing more.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wgdesk.web.audit.describe import actor_names, kind_label, verb_label
from wgdesk.web.audit.models import AuditEvent

_DAY = forms.DateInput(attrs={"type": "date"})


class AuditFilter(django_filters.FilterSet):
    """?actor=&kind=&action=&start=&end= over the events a reader may see."""

    actor = django_filters.TypedChoiceFilter(field_name="actor_id", label=_("By"), coerce=int)
    kind = django_filters.ChoiceFilter(field_name="object_type", label=_("Kind of record"))
    action = django_filters.ChoiceFilter(field_name="verb", label=_("Action"))
    # Days in the reader's zone (Django's current time zone, set per request).
    start = django_filters.DateFilter(
        field_name="at", lookup_expr="date__gte", label=_("From"), widget=_DAY
    )
    end = django_filters.DateFilter(
        field_name="at", lookup_expr="date__lte", label=_("To"), widget=_DAY
    )

    class Meta:
        model = AuditEvent
        fields: list[str] = []

    def __init__(self, data: Any, queryset: QuerySet[AuditEvent], user: Any) -> None:
        super().__init__(data, queryset=queryset)
        names = actor_names(user)
        self.filters["actor"].extra["choices"] = sorted(names.items(), key=lambda kv: kv[1])
        distinct = queryset.order_by()
        kinds = distinct.exclude(object_type="").values_list("object_type", flat=True).distinct()
        self.filters["kind"].extra["choices"] = sorted(
            ((k, kind_label(k)) for k in set(kinds)), key=lambda kv: str(kv[1])
        )
        verbs = set(distinct.values_list("verb", flat=True).distinct())
        self.filters["action"].extra["choices"] = sorted(
            ((v, verb_label(v)) for v in verbs), key=lambda kv: str(kv[1])
        )
