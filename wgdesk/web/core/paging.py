"""Page-by-page lists: the lists that grow with every meeting show one page at a time.

A list page renders ``PER_PAGE`` rows and links to the other pages; other query
parameters (filters) are kept in the links. The rows are always a policy-filtered
queryset: a page is a slice of what the user may see, never more.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PER_PAGE = 25


def page_of(request: HttpRequest, rows: Any, per_page: int | None = None) -> Page[Any]:
    """The page of ``rows`` named by ``?page=`` (the first for a missing or malformed
    number, the last for one past the end), with page links to show (``page.links``)."""
    page = Paginator(rows, per_page or PER_PAGE).get_page(request.GET.get("page"))
    page.links = list(  # type: ignore[attr-defined]
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page
