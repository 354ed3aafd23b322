"""Filters of the audit trail: actor, kind of record, action and date range.

Every filter narrows the policy's visible events; its choices are the reader's group's
members and the fixed lists of kinds and actions, so the choice lists reveal nothing.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wgdesk.web.audit.describe import KINDS, VERBS, actor_seats
from wgdesk.web.audit.models import AuditEvent

_DAY = forms.DateInput(attrs={"type": "date"})


class AuditFilter(django_filters.FilterSet):  # type: ignore[misc]  # untyped library
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
        # Members by display name; kinds and actions from the fixed lists (no query, and
        # the same choices whatever the trail holds).
        self.seats = actor_seats(user)  # names and sides, for the rows too (one query)
        self.names = {pk: name for pk, (name, _side) in self.seats.items()}
        self.filters["actor"].extra["choices"] = sorted(self.names.items(), key=lambda kv: kv[1])
        self.filters["kind"].extra["choices"] = sorted(KINDS.items(), key=lambda kv: str(kv[1]))
        self.filters["action"].extra["choices"] = sorted(VERBS.items(), key=lambda kv: str(kv[1]))
