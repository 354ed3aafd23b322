"""The screening API: build an index over list versions once, then screen names against it.

    screener = Screener.from_lists(["../shared/data/sanctions/un_consolidated_2025-04-19.xml"])
    result = screener.screen("Lee Won-ho", type="person")
    result.decision, result.best.ref, result.best.explanation

Every query goes through four stages, each a module with typed inputs and outputs:
1. ``analyse``: normalise and read the name as a person's and an organisation's
   (weighted terms, Korean readings, blocking keys) -> ``QueryAnalysis``;
2. ``retrieve``: the list names sharing its keys -> record numbers;
3. ``score``: each candidate scored by the rule that fits the pair, with the evidence,
   each entry's best name kept -> ``Scored``;
4. ``explain``: the entry's details weighed (type, date of birth, country), the decision
   taken with the thresholds, the explanation written from the evidence -> ``Match``.
A bad query yields a result with ``error`` set, never an exception, so a batch goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from wgdesk import config
from wgdesk.screening.analyse import QueryAnalysis, analyse_query
from wgdesk.screening.cache import BoundedCache
from wgdesk.screening.compare.entity import (
    COUNTRY_AGREES,
    SAME_BIRTH_DAY,
    DateSpan,
    parse_birth_date,
)
from wgdesk.screening.compare.terms import TermMemo
from wgdesk.screening.explain import adjusted, adjustments, build_match
from wgdesk.screening.index import ScreeningIndex
from wgdesk.screening.model import EntityType, ListVersion
from wgdesk.screening.results import Decision, Match, Query, ScreeningResult, Thresholds
from wgdesk.screening.retrieve import Retriever
from wgdesk.screening.score import KIND_ORDER, MaskKey, MaskRow, best_per_entry
from wgdesk.screening.text import Tokens, clean, tokenize

if TYPE_CHECKING:
    from wgdesk.screening.store import ListStore

# The most the date of birth and the country can add to a name score (compare/entity.py).
MAX_BONUS = SAME_BIRTH_DAY + COUNTRY_AGREES
# Results kept for repeated queries (bulk files repeat counterparties; a service sees the
# same names again): enough for a large batch's common names, a few MB at most.
RESULT_CACHE_SIZE = 8192
CacheKey = tuple[Query, int, Thresholds, int]
# Query words whose reach rows are kept (score.reach_rows). Full, the cache forgets every
# row at once, the common words' too (Kim, Trading: a row of thousands of names each), and
# recomputing those is the cost: at 2,048 words the bulk benchmark's 5,665 distinct words
# emptied it three times, and 8,192 made it 6-7% faster for 15 MB more at the run's end
# (docs/benchmarks.md). Only a few hundred words of the lists meet more than a few
# hundred names, so the rows of most words stay small.
MASK_CACHE_SIZE = 8192


def default_thresholds() -> Thresholds:
    """Return the thresholds from the settings registry."""
    return Thresholds(config.get_float("review_threshold"), config.get_float("match_threshold"))


def newest_per_source(versions: Iterable[ListVersion]) -> list[ListVersion]:
    """Keep one version per source, the newest by its publisher's stamp."""
    newest: dict[str, ListVersion] = {}
    for version in versions:
        current = newest.get(version.source)
        if current is None or version.version > current.version:
            newest[version.source] = version
    return list(newest.values())


class Screener:
    """Screens names against an index built once over the given list versions."""

    def __init__(
        self,
        versions: Sequence[ListVersion],
        thresholds: Thresholds | None = None,
        cache_size: int = RESULT_CACHE_SIZE,
        phonetic: bool | None = None,
    ) -> None:
        self.versions = tuple(versions)
        self.thresholds = thresholds or default_thresholds()
        # The phonetic mode: Latin words that sound alike agree (the setting by default).
        self.phonetic = config.get_bool("phonetic_matching") if phonetic is None else phonetic
        self.index = ScreeningIndex(self.versions, self.phonetic)
        self.retriever = Retriever(self.index)
        self.max_name_length = int(config.get_float("max_name_length"))
        # The index never changes, so a repeated query has the same answer: keep it.
        # Copies of the screener share the cache; thresholds are part of the key.
        self.cache: BoundedCache[CacheKey, ScreeningResult] = BoundedCache(cache_size)
        self.term_memo = TermMemo()
        # Which list terms each query term's keys reach, per list name (score.term_bound).
        self.masks: BoundedCache[MaskKey, MaskRow] = BoundedCache(MASK_CACHE_SIZE)
        # Skip names whose exact upper bound cannot reach review. Off only to check that
        # pruning changes no answer (tests/screening/test_exactness.py).
        self.prune = True

    @classmethod
    def from_lists(
        cls, paths: Iterable[str | Path], thresholds: Thresholds | None = None
    ) -> Screener:
        """Load list files or folders (newest version per source) and index them."""
        from wgdesk.screening.lists import load_path

        versions = [v for path in paths for v in load_path(Path(path))]
        return cls(newest_per_source(versions), thresholds)

    @classmethod
    def from_store(
        cls, store: ListStore | None = None, thresholds: Thresholds | None = None
    ) -> Screener:
        """Index the active list versions of the local store (the configured one by default)."""
        from wgdesk.screening.store import SqliteListStore

        if store is None:
            with SqliteListStore.default() as opened:
                versions = opened.load_active()
        else:
            versions = store.load_active()
        return cls(versions, thresholds)

    def screen(
        self,
        name: str,
        *,
        type: EntityType | str | None = None,
        birth_date: str | None = None,
        nationality: str | None = None,
        country: str | None = None,
        id: str | None = None,
        limit: int = 10,
    ) -> ScreeningResult:
        """Screen one name; see :meth:`screen_query`."""
        try:
            kind = EntityType(type) if isinstance(type, str) else type
        except ValueError:
            query = Query(
                name=name, birth_date=birth_date, nationality=nationality, country=country, id=id
            )
            return _error(
                query, f"type {type!r} is not one of person, organization, vessel, aircraft"
            )
        query = Query(name, kind, birth_date, nationality, country, id)
        return self.screen_query(query, limit=limit)

    def screen_many(self, queries: Iterable[Query], limit: int = 10) -> Iterator[ScreeningResult]:
        """Screen queries one after another, lazily, in input order."""
        for query in queries:
            yield self.screen_query(query, limit=limit)

    def screen_query(self, query: Query, limit: int = 10) -> ScreeningResult:
        """Screen one query and return ranked candidates with a decision.

        A query screened before (same name and details; the caller's ``id`` aside) is
        answered from the result cache, with the new query in the result.
        """
        # The query without the caller's id (most have none: no copy then).
        bare = query if query.id is None else replace(query, id=None)
        key = (bare, limit, self.thresholds, self.max_name_length)
        try:
            kept = self.cache.get(key)
        except TypeError:  # a field that cannot be a key (a list for a name): no caching
            return self._screen_uncached(query, limit)
        if kept is None:
            kept = self.cache.put(key, self._screen_uncached(key[0], limit))
        return kept if kept.query == query else replace(kept, query=query)

    def analyse(self, name: str, kind: EntityType | None = None) -> QueryAnalysis:
        """Analyse a query name against this index (stage 1), e.g. to inspect its keys."""
        return self._analyse(tokenize(name), kind)

    def _analyse(self, tokens: Tokens, kind: EntityType | None) -> QueryAnalysis:
        """Analyse tokenised query words with this index's weights and kept comparisons."""
        return analyse_query(
            tokens, kind, self.index.query_weights, self.term_memo.rows, self.phonetic
        )

    def _screen_uncached(self, query: Query, limit: int) -> ScreeningResult:
        """Screen one query through the four stages."""
        problem = self._check(query)
        if problem is not None:
            return _error(query, problem)
        tokens = tokenize(query.name)  # cleans the name first
        if not tokens.words:
            return _error(query, "the name has no letters or digits")
        try:
            born = parse_birth_date(query.birth_date) if query.birth_date else None
        except ValueError as error:
            return _error(query, str(error))
        analysis = self._analyse(tokens, query.type)
        floor = self.thresholds.review - most_added(query, born)
        candidates = self.retriever.candidates(analysis.key_groups)
        matches: list[Match] = []
        records = self.index.records
        scoring = best_per_entry(
            analysis,
            records,
            candidates,
            floor,
            self.index.bound_keys,
            self.prune,
            self.phonetic,
            self.masks,
            self.index.han_entries,
        )
        for scored in scoring:
            record = self.index.records[scored.record_id]
            found = adjustments(query, born, record, self.index)
            final = adjusted(scored.score, found, self.thresholds)
            if final >= self.thresholds.review:
                matches.append(build_match(scored, self.index, final, found, self.thresholds))
        matches.sort(key=_rank)
        kept = tuple(matches[: max(limit, 0)])
        decision = kept[0].decision if kept else Decision.CLEAR
        return ScreeningResult(query, decision, kept)

    def _check(self, query: Query) -> str | None:
        """Return why a query cannot be screened, or None."""
        if not isinstance(query.name, str) or not clean(query.name):
            return "empty name"
        if len(query.name) > self.max_name_length:
            return (
                f"name too long ({len(query.name)} characters; the limit is "
                f"{self.max_name_length}, see WGDESK_MAX_NAME_LENGTH)"
            )
        return None


def most_added(query: Query, born: DateSpan | None) -> float:
    """Return the most the entry's details can add to a name score for this query.

    Only a date of birth or a country the query gives can raise a score (the type only
    lowers it), so a bare name must reach review on its name alone: candidates are then
    cut at review, not below it, and fewer are aligned. The answers are the same.
    """
    return (SAME_BIRTH_DAY if born is not None else 0.0) + (
        COUNTRY_AGREES if query.nationality or query.country else 0.0
    )


def _rank(match: Match) -> tuple[float, int, bool, str, str]:
    """Order matches: best score, then primary names, then the UN first, then by reference."""
    primary = match.matched_name == match.name
    return (-match.score, 0 if primary else 1, match.source != "un", match.source, match.ref)


def _error(query: Query, message: str) -> ScreeningResult:
    """Return the result of a query that could not be screened."""
    return ScreeningResult(replace(query), Decision.CLEAR, (), error=message)


__all__ = ["KIND_ORDER", "MAX_BONUS", "Screener", "default_thresholds", "newest_per_source"]
