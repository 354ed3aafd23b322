"""Search reads: match the index, then keep only rows whose record the policy shows the user.

The policy filter is part of the one SQL query that matches and ranks, so rows the user
may not see are never fetched: they cannot reach a snippet, a count or a facet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection, models
from django.db.models import Q, QuerySet, prefetch_related_objects

from wgdesk.web import policy
from wgdesk.web.core.withdrawal import live
from wgdesk.web.search.ddl import DOCUMENT, FTS
from wgdesk.web.search.models import SearchDocument
from wgdesk.web.search.sources import SOURCES

# Related rows each kind's result heading shows, loaded with the rows (no query per result).
HEADING_RELATED: dict[str, tuple[str, ...]] = {"positions.Position": ("agenda_item", "side")}
ATTACHED_KINDS = ("notes.Note", "attachments.Attachment")
MAX_RESULTS = 200  # past this the page says "200+": refine the query instead
TRIGRAM = 3  # FTS5's trigram index answers terms of three characters or more


@dataclass
class Found:
    """The policy-filtered, ranked index rows matching a query."""

    terms: list[str]
    documents: list[SearchDocument] = field(default_factory=list)
    capped: bool = False

    @property
    def by_kind(self) -> Counter[str]:
        """How many visible matches each kind of record has."""
        return Counter(document.kind for document in self.documents)


def model_of(kind: str) -> type[models.Model]:
    """The model an index row's kind names."""
    return apps.get_model(kind)


def visible_documents(user: Any) -> QuerySet[SearchDocument]:
    """Index rows of records the policy lets the user see (a subquery per kind of record)."""
    condition = Q(pk__in=[])
    for source in SOURCES:
        # Withdrawn records are not live content: search leaves them out (their pages remain).
        ids = live(policy.visible(user, model_of(source.kind))).values("pk")
        condition |= Q(kind=source.kind, object_id__in=ids)
    return SearchDocument.objects.filter(condition)


def _contains_all(documents: QuerySet[SearchDocument], terms: Sequence[str]) -> Any:
    """Rows containing every term somewhere (a scan, limited to the rows already chosen)."""
    for term in terms:
        documents = documents.filter(
            Q(ko__icontains=term) | Q(en__icontains=term) | Q(other__icontains=term)
        )
    return documents


def _fts5_phrase(term: str) -> str:
    """Quote a term as an FTS5 string, so operators and punctuation in it are plain text."""
    return '"' + term.replace('"', '""') + '"'


def _sqlite(documents: QuerySet[SearchDocument], terms: Sequence[str]) -> Any:
    """Match on SQLite: the trigram FTS5 index for long terms, LIKE for two-character ones."""
    long_terms = [t for t in terms if len(t) >= TRIGRAM]
    documents = _contains_all(documents, [t for t in terms if len(t) < TRIGRAM])
    if not long_terms:
        return documents.order_by("-id")
    return documents.extra(  # noqa: S610 - the query is a bound parameter
        tables=[FTS],
        where=[f"{FTS}.rowid = {DOCUMENT}.id", f"{FTS} MATCH %s"],
        params=[" AND ".join(_fts5_phrase(t) for t in long_terms)],
        select={"rank": f"bm25({FTS})"},
        order_by=["rank", "-id"],
    )


def _like_pattern(term: str) -> str:
    """A LIKE pattern finding a term anywhere, with LIKE's wildcards escaped."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _tsquery(terms: Sequence[str]) -> str:
    """A 'simple' tsquery giving credit to words that start with a query word."""
    words = [w for term in terms for w in term.split() if any(c.isalnum() for c in w)]
    quoted = ["'" + w.replace("\\", "\\\\").replace("'", "''") + "':*" for w in words]
    return " | ".join(quoted)


def _postgres(documents: QuerySet[SearchDocument], terms: Sequence[str]) -> Any:
    """Match on PostgreSQL: substring via the pg_trgm index, ranked by the tsvector."""
    where = [f"{DOCUMENT}.folded LIKE lower(%s)" for _ in terms]
    query = _tsquery(terms)
    rank = f"ts_rank({DOCUMENT}.tsv, to_tsquery('simple', %s))" if query else "0"
    return documents.extra(  # noqa: S610 - every value is a bound parameter
        where=where,
        params=[_like_pattern(t) for t in terms],
        select={"rank": rank},
        select_params=[query] if query else [],
        order_by=["-rank", "-id"],
    )


def search(user: Any, terms: Sequence[str], limit: int = MAX_RESULTS) -> Found:
    """Index rows matching every term, best first, among those the user may see."""
    found = Found(list(terms))
    if not terms:
        return found
    documents = visible_documents(user)
    matcher = _postgres if connection.vendor == "postgresql" else _sqlite
    rows = list(matcher(documents, terms)[: limit + 1])
    found.documents, found.capped = rows[:limit], len(rows) > limit
    return found


def records_for(user: Any, documents: Sequence[SearchDocument]) -> dict[tuple[str, int], Any]:
    """Load the records behind some index rows, again through the policy."""
    wanted: dict[str, list[int]] = {}
    for document in documents:
        wanted.setdefault(document.kind, []).append(document.object_id)
    loaded: dict[tuple[str, int], Any] = {}
    for kind, ids in wanted.items():
        rows = live(policy.visible(user, model_of(kind))).filter(pk__in=ids)
        for obj in rows.select_related(*HEADING_RELATED.get(kind, ())):
            loaded[(kind, obj.pk)] = obj
    # A note's or file's heading is its record's: one query per kind of record, not per row.
    attached = [obj for (kind, _pk), obj in loaded.items() if kind in ATTACHED_KINDS]
    prefetch_related_objects(attached, "target")
    return loaded
