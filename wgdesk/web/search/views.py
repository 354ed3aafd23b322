"""The search page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wgdesk.web.search import present, queries
from wgdesk.web.search.highlight import parse

PER_PAGE = 25


def index(request: HttpRequest) -> HttpResponse:
    """GET /search/?q=: results the user may see, best first, with highlighted snippets."""
    text = request.GET.get("q", "")
    terms, ignored = parse(text)
    found = queries.search(request.user, terms)
    page = Paginator(found.documents, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    records = queries.records_for(request.user, shown)
    context = {
        "q": text,
        "terms": terms,
        "ignored": ignored,
        "found": found,
        "facets": [
            (present.KIND_LABELS.get(kind, kind), count)
            for kind, count in found.by_kind.most_common()
        ],
        "page": page,
        "hits": present.hits(request.user, shown, records, terms),
    }
    return render(request, "search/index.html", context)
