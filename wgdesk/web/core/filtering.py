"""Filtered list pages: a django-filter FilterSet over the policy's visible rows, paged.

Each list declares its filters once (``<app>/filters.py``); the FilterSet validates the
query string and renders the form (``core/filters.html``). The rows it narrows are always
``policy.visible(...)``'s, and its choice lists (meetings, tracks, members, sides) come
from visible rows too, so neither the rows nor the choices show what the reader may not see.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.paginator import Page
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.paging import page_of

DAY = forms.DateInput(attrs={"type": "date"})


def text_filter(*fields: str) -> django_filters.CharFilter:
    """A free-text filter (?q=): rows whose any of these fields contains the words."""

    def search(queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        """Every word must appear in one of the fields (case-insensitive)."""
        for word in value.split()[:8]:  # a bound on the query's size
            match = Q()
            for field in fields:
                match |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(match)
        return queryset

    return django_filters.CharFilter(label=_("Contains"), method=search, max_length=200)


def day_filters(
    field: str, instant: bool = False
) -> tuple[django_filters.DateFilter, django_filters.DateFilter]:
    """?start= and ?end=: days on or after, on or before; an instant (a DateTimeField) is
    compared by its day in the reader's time zone."""
    day = "date__" if instant else ""
    return (
        django_filters.DateFilter(
            field_name=field, lookup_expr=f"{day}gte", label=_("From"), widget=DAY
        ),
        django_filters.DateFilter(
            field_name=field, lookup_expr=f"{day}lte", label=_("To"), widget=DAY
        ),
    )


class DeskFilter(django_filters.FilterSet):  # type: ignore[misc]  # untyped library
    """A FilterSet told the reader, so its choices can be read through the policy."""

    def __init__(self, data: Any, queryset: QuerySet[Any], user: Any) -> None:
        super().__init__(data or None, queryset=queryset)
        self.user = user
        self.set_choices(user)

    def set_choices(self, user: Any) -> None:
        """Fill choice filters from rows the user may see (none by default)."""

    def choose(self, name: str, choices: Any) -> None:
        """Set the choices of one filter."""
        self.filters[name].extra["choices"] = list(choices)

    @property
    def valid(self) -> bool:
        """No filter is valid (every row); given filters must all be valid."""
        return not self.is_bound or self.is_valid()

    @property
    def active(self) -> bool:
        """True when some filter narrows the rows."""
        return (
            self.valid
            and self.is_bound
            and any(v not in (None, "") for v in self.form.cleaned_data.values())
        )


def filtered_page(request: HttpRequest, filterset: DeskFilter) -> tuple[Page[Any], int]:
    """The requested page of the filtered rows (none when a filter is malformed), and the
    status to answer with (400 for a malformed filter, so it is never silently ignored)."""
    rows = filterset.qs if filterset.valid else filterset.queryset.none()
    return page_of(request, rows), 200 if filterset.valid else 400
