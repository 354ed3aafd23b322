"""The screening API: build an index over list versions once, then screen names against it.

    screener = Screener.from_lists(["../shared/data/sanctions/un_consolidated_2025-04-19.xml"])
    result = screener.screen("Lee Won-ho", type="person")
    result.decision, result.best.ref, result.best.explanation

Every query goes through the same steps: normalise and analyse the name (Korean
readings, weighted terms), fetch the list names sharing blocking keys, score each with
the name rules, adjust by date of birth, country and type, and decide with the
thresholds. A bad query yields a result with ``error`` set, never an exception, so a
batch goes on.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from wgdesk import config
from wgdesk.screening.compare.entity import (
    COUNTRY_AGREES,
    SAME_BIRTH_DAY,
    DateSpan,
    birth_date_match,
    country_match,
    parse_birth_date,
    type_match,
)
from wgdesk.screening.compare.korean import (
    best_korean_pairing,
    korean_name_match,
    korean_score_bound,
)
from wgdesk.screening.compare.terms import Memo, TermMemo, align, terms_match
from wgdesk.screening.index import (
    LEGAL_WEIGHT,
    NameRecord,
    ScreeningIndex,
    analyse_person,
    covered_weight,
    korean_keys,
    term_key_groups,
)
from wgdesk.screening.korean.names import KoreanReading
from wgdesk.screening.model import EntityType, ListVersion, NameKind
from wgdesk.screening.results import Decision, Match, Query, RuleResult, ScreeningResult, Thresholds
from wgdesk.screening.terms import Role, TermSet, is_descriptor, org_terms, term_set
from wgdesk.screening.text import Tokens, clean, tokenize

if TYPE_CHECKING:
    from wgdesk.screening.store import ListStore

# An untyped query that reads as a Korean personal name, against an organisation.
PERSON_AS_ORGANISATION = 0.85
# The most the date of birth and the country can add to a name score (compare/entity.py).
MAX_BONUS = SAME_BIRTH_DAY + COUNTRY_AGREES
# Results kept for repeated queries (bulk files repeat counterparties; a service sees the
# same names again): enough for a large batch's common names, a few MB at most.
RESULT_CACHE_SIZE = 8192
# Allocations between the cyclic collector's passes during a batch (Python's default: 700).
BATCH_COLLECTION_THRESHOLD = 20000
_KIND_ORDER = {
    NameKind.PRIMARY: 0,
    NameKind.ALIAS: 1,
    NameKind.ORIGINAL_SCRIPT: 1,
    NameKind.FORMER: 2,
}


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


@dataclass(frozen=True, slots=True)
class _QueryForm:
    """A query name analysed both as a person and as an organisation."""

    person_terms: TermSet
    person_weights: tuple[float, ...]
    person_groups: tuple[frozenset[str], ...]
    korean: tuple[KoreanReading, ...]
    org_terms: TermSet
    org_weights: tuple[float, ...]
    org_groups: tuple[frozenset[str], ...]
    keys: frozenset[str]
    key_groups: tuple[frozenset[str], ...]  # each term's keys, for candidate retrieval
    person_total: float
    org_total: float
    person_legal: float  # the weight of the query's legal forms, read as a person's name
    org_legal: float  # ... and as an organisation's
    person_like: bool  # untyped, no sign of an organisation, and reads as a Korean name
    # Term comparisons already made, per query term (compare/terms.py align).
    person_memo: Memo = field(default_factory=list)
    org_memo: Memo = field(default_factory=list)


CacheKey = tuple[Query, int, Thresholds, int]


class ResultCache:
    """The most recent screening results, by query, shared safely between threads."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._results: OrderedDict[CacheKey, ScreeningResult] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: CacheKey) -> ScreeningResult | None:
        """Return a kept result and mark it recent, or None."""
        with self._lock:
            found = self._results.get(key)
            if found is None:
                self.misses += 1
                return None
            self._results.move_to_end(key)
            self.hits += 1
            return found

    def put(self, key: CacheKey, result: ScreeningResult) -> None:
        """Keep a result, dropping the least recently used beyond the size."""
        if self.size <= 0:
            return
        with self._lock:
            self._results[key] = result
            self._results.move_to_end(key)
            while len(self._results) > self.size:
                self._results.popitem(last=False)


class Screener:
    """Screens names against an index built once over the given list versions."""

    def __init__(
        self,
        versions: Sequence[ListVersion],
        thresholds: Thresholds | None = None,
        cache_size: int = RESULT_CACHE_SIZE,
    ) -> None:
        self.versions = tuple(versions)
        self.thresholds = thresholds or default_thresholds()
        self.index = ScreeningIndex(self.versions)
        # The index lives as long as the screener and holds no reference cycles (tested):
        # keep it out of the cyclic collector's full scans, which take ~0.3 s each over an
        # index of UN + OFAC, come every few thousand queries, and free nothing.
        # Reference counting still frees it when the screener goes.
        gc.freeze()
        self.max_name_length = int(config.get_float("max_name_length"))
        # The index never changes, so a repeated query has the same answer: keep it.
        # Copies of the screener share the cache; thresholds are part of the key.
        self.cache = ResultCache(cache_size)
        self.term_memo = TermMemo()

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
        """Screen queries one after another, lazily, in input order.

        While a batch runs, the cyclic collector looks at young objects less often
        (see ``batch_collection``): screening makes no cycles for it to find.
        """
        with batch_collection():
            for query in queries:
                yield self.screen_query(query, limit=limit)

    def screen_query(self, query: Query, limit: int = 10) -> ScreeningResult:
        """Screen one query and return ranked candidates with a decision.

        A query screened before (same name and details; the caller's ``id`` aside) is
        answered from the result cache, with the new query in the result.
        """
        key = (replace(query, id=None), limit, self.thresholds, self.max_name_length)
        try:
            kept = self.cache.get(key)
        except TypeError:  # a field that cannot be a key (a list for a name): no caching
            return self._screen_uncached(query, limit)
        if kept is None:
            kept = self._screen_uncached(key[0], limit)
            self.cache.put(key, kept)
        return kept if kept.query == query else replace(kept, query=query)

    def _screen_uncached(self, query: Query, limit: int) -> ScreeningResult:
        """Screen one query through the index and the rules."""
        problem = self._check(query)
        if problem is not None:
            return _error(query, problem)
        tokens = tokenize(query.name)  # cleans the name first, as _analyse would
        if not tokens.words:
            return _error(query, "the name has no letters or digits")
        try:
            born = parse_birth_date(query.birth_date) if query.birth_date else None
        except ValueError as error:
            return _error(query, str(error))
        form = self._analyse(clean(query.name), query.type, tokens)
        matches = self._matches(query, form, born)
        matches.sort(
            key=lambda m: (
                -m.score,
                _KIND_ORDER.get(_kind_of(m), 1),
                m.source != "un",
                m.source,
                m.ref,
            )
        )
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

    def _analyse(
        self, name: str, kind: EntityType | None = None, tokens: Tokens | None = None
    ) -> _QueryForm:
        """Analyse a query name as a person and as an organisation, and collect its keys."""
        tokens = tokens or tokenize(name)
        p_words, korean = analyse_person(tokens)
        o_words = org_terms(tokens)
        # Most names read the same either way (James Smith, Kim Min-ji): analyse once.
        same = o_words == p_words
        p_terms = term_set(p_words)
        o_terms = p_terms if same else term_set(o_words)
        p_groups = term_key_groups(p_terms)
        o_groups = p_groups if same else term_key_groups(o_terms)
        korean_groups = tuple(frozenset({k}) for k in korean_keys(korean))
        # Candidates are fetched with the reading that fits the query: an organisation's
        # words read as a person's name (SHPG, Co) would fetch people, and the reverse.
        looks = _organisation_signs(o_terms, kind)
        if looks == "sure":
            key_groups = o_groups
        elif looks == "maybe":  # 조철성 ends like 성 "Ministry" but reads as a name too
            key_groups = tuple(dict.fromkeys((*o_groups, *korean_groups)))
        else:
            key_groups = tuple(dict.fromkeys((*p_groups, *korean_groups)))
        keys = frozenset().union(*p_groups, *o_groups, *korean_groups)
        p_weights = self.index.weights(p_terms.terms)
        o_weights = p_weights if same else self.index.weights(o_terms.terms)
        p_memo = self.term_memo.rows(p_terms.terms)
        o_memo = p_memo if same else self.term_memo.rows(o_terms.terms)
        return _QueryForm(
            p_terms,
            p_weights,
            p_groups,
            korean,
            o_terms,
            o_weights,
            o_groups,
            keys,
            key_groups,
            sum(p_weights),
            sum(o_weights),
            _legal_weight(p_terms),
            _legal_weight(o_terms),
            kind is None and looks == "no" and bool(korean),
            p_memo,
            o_memo,
        )

    def _matches(self, query: Query, form: _QueryForm, born: DateSpan | None) -> list[Match]:
        """Score the candidate names, keep each entry's best, and explain those that count."""
        best: dict[int, tuple[float, int]] = {}
        records = self.index.records
        signatures = self.index.record_scoring
        scored: dict[int, float] = {}  # name scores by signature: alike names score alike
        for record_id in self.index.candidates(form.key_groups):
            record = records[record_id]
            name_score = scored.get(signatures[record_id])
            if name_score is None:
                name_score = self._name_score(form, record, record_id)
                scored[signatures[record_id]] = name_score
            score = name_score * record.quality_factor
            current = best.get(record.entry)
            if current is None or (score, -_KIND_ORDER[record.kind]) > (
                current[0],
                -_KIND_ORDER[records[current[1]].kind],
            ):
                best[record.entry] = (score, record_id)
        matches = []
        floor = self.thresholds.review - MAX_BONUS
        for score, record_id in best.values():
            if score < floor:
                continue  # no detail can lift it to review
            adjustments = self._adjustments(query, born, records[record_id])
            final = self._adjust(score, adjustments)
            if final >= self.thresholds.review:
                matches.append(self._match(form, record_id, final, adjustments))
        return matches

    def _name_score(self, form: _QueryForm, record: NameRecord, record_id: int) -> float:
        """Score the query against one list name with the rule that fits the pair."""
        floor = self.thresholds.review - MAX_BONUS
        if form.korean and record.korean:
            if korean_score_bound(form.korean, record.korean) < floor:
                return 0.0  # another family: cannot reach review
            pairing = best_korean_pairing(form.korean, record.korean)
            return pairing.score if pairing else 0.0
        index = self.index
        person = index.record_person[record_id]
        if person:
            terms, weights, memo = form.person_terms, form.person_weights, form.person_memo
        else:
            terms, weights, memo = form.org_terms, form.org_weights, form.org_memo
        if not terms.terms or not record.terms.terms:
            return 0.0
        if self._bound(form, record, record_id) < floor:
            return 0.0  # cannot reach review: skip the full alignment
        record_weights = index.record_weights[record_id]
        ids = index.record_term_ids[record_id]
        score = align(terms, weights, record.terms, record_weights, memo, ids, floor)[0]
        if form.person_like and not person:
            score *= PERSON_AS_ORGANISATION  # "Jung Kook" read as the 정국 of 정찰총국
        return score

    def _bound(self, form: _QueryForm, record: NameRecord, record_id: int) -> float:
        """Return an upper bound of the term score: the share of both names that can pair."""
        index = self.index
        if index.record_person[record_id]:
            groups, weights, total, legal = (
                form.person_groups,
                form.person_weights,
                form.person_total,
                form.person_legal,
            )
        else:
            groups, weights, total, legal = (
                form.org_groups,
                form.org_weights,
                form.org_total,
                form.org_legal,
            )
        total += index.record_totals[record_id]
        if not total:
            return 0.0
        query_side = covered_weight(groups, weights, index.record_keys[record_id])
        record_side = covered_weight(record.key_groups, index.record_weights[record_id], form.keys)
        # Legal forms have no keys but may pair: count them as paired, as a bound must.
        legal += index.record_legal[record_id]
        return (query_side + record_side + legal) / total

    def _name_result(self, form: _QueryForm, record_id: int) -> RuleResult:
        """Return the name rule's result with its explanation, for a kept match."""
        record = self.index.records[record_id]
        if form.korean and record.korean:
            result = korean_name_match(form.korean, record.korean)
            if result is not None:
                return result
        terms, weights = self._query_terms(form, record)
        return terms_match(terms, weights, record.terms, self.index.record_weights[record_id])

    def _query_terms(
        self, form: _QueryForm, record: NameRecord
    ) -> tuple[TermSet, tuple[float, ...]]:
        """Return the query's person terms for a person entry, its organisation terms otherwise."""
        if self.index.entries[record.entry].type == EntityType.PERSON:
            return form.person_terms, form.person_weights
        return form.org_terms, form.org_weights

    def _adjustments(
        self, query: Query, born: DateSpan | None, record: NameRecord
    ) -> list[RuleResult]:
        """Return the type, birth-date and country rules that apply to an entry."""
        entry = self.index.entries[record.entry]
        places = tuple(p.country for p in entry.birth_places if p.country)
        wanted = tuple(c for c in (query.nationality, query.country) if c)
        results = (
            type_match(query.type, entry.type),
            birth_date_match(born, entry.birth_dates) if entry.type == EntityType.PERSON else None,
            country_match(wanted, entry.countries + places) if wanted else None,
        )
        return [r for r in results if r is not None]

    def _match(
        self, form: _QueryForm, record_id: int, final: float, adjustments: list[RuleResult]
    ) -> Match:
        """Build a kept match with its explanation."""
        record = self.index.records[record_id]
        entry = self.index.entries[record.entry]
        name = self._name_result(form, record_id)
        notes = [name.detail] + [a.detail for a in adjustments]
        if record.quality_factor < 1.0:
            notes.append("the list marks this alias as weak")
        return Match(
            source=entry.source,
            ref=entry.ref,
            name=entry.name,
            matched_name=record.value,
            score=round(final, 4),
            explanation="; ".join(notes),
            decision=self.thresholds.decide(final),
            type=entry.type,
            regimes=entry.regimes,
            evidence=(name, *adjustments),
        )

    def _adjust(self, score: float, adjustments: list[RuleResult]) -> float:
        """Add the adjustments; a conflicting birth date caps a strong match at review."""
        final = score + sum(a.score for a in adjustments)
        if any(a.rule == "birth_date" and a.score < 0 for a in adjustments):
            below_match = self.thresholds.match - 0.01
            final = min(final, below_match)
            if score >= self.thresholds.match:
                # The birth date alone does not clear a strong name match (lists get dates wrong).
                final = max(final, self.thresholds.review)
        return min(max(final, 0.0), 1.0)


_batches = 0  # batches running in this process, across threads and generators
_batches_lock = threading.Lock()
_threshold_before: tuple[int, int, int] = (700, 10, 10)


@contextmanager
def batch_collection() -> Iterator[None]:
    """Let the cyclic collector run less often while batches of queries are screened.

    Screening allocates many short-lived containers and no reference cycles (tested),
    so the collector's frequent passes find nothing, yet each full pass scans every
    cached term and reading: ~10% of a bulk run. During a batch its first threshold is
    raised (it still runs, so garbage made by the caller is still collected); the
    thresholds come back when the last running batch ends.
    """
    global _batches, _threshold_before
    with _batches_lock:
        if _batches == 0:
            _threshold_before = gc.get_threshold()
            first, *rest = _threshold_before
            gc.set_threshold(max(first, BATCH_COLLECTION_THRESHOLD), *rest)
        _batches += 1
    try:
        yield
    finally:
        with _batches_lock:
            _batches -= 1
            if _batches == 0:
                gc.set_threshold(*_threshold_before)


def _organisation_signs(terms: TermSet, kind: EntityType | None) -> str:
    """Say how surely a query names an organisation: "sure", "maybe" or "no".

    Sure: typed as such, or with a legal form or a name of Korea. Maybe: a descriptive word
    (Bank, Trading, or a glossary term such as a final 성) that a personal name may also hold.
    """
    if kind is not None:
        return "no" if kind == EntityType.PERSON else "sure"
    if any(t.role != Role.WORD for t in terms.terms):
        return "sure"
    return "maybe" if any(is_descriptor(t) for t in terms.terms) else "no"


def _legal_weight(terms: TermSet) -> float:
    """Return the weight the legal forms of a query carry (each weighs LEGAL_WEIGHT)."""
    return LEGAL_WEIGHT * sum(1 for t in terms.terms if t.role == Role.LEGAL)


def _kind_of(match: Match) -> NameKind:
    """Return whether a match was on the entry's primary name."""
    return NameKind.PRIMARY if match.matched_name == match.name else NameKind.ALIAS


def _error(query: Query, message: str) -> ScreeningResult:
    """Return the result of a query that could not be screened."""
    return ScreeningResult(replace(query), Decision.CLEAR, (), error=message)
