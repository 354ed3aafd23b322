"""Stage 3 of screening: score the query against each candidate name, keeping the evidence.

Each pair of names is scored by the rule that fits it: the Korean personal-name rule when
both read as Korean names, the weighted-terms rule otherwise (organisations and other
personal names). The result is a :class:`NameScore`: the rule's own score, the name-level
features that multiplied it, and the alignment or reading pair behind it. The explanation
is written from this same evidence (``explain.py``), so what a user reads is what made the
score.

A candidate that provably cannot reach the floor is not aligned at all; the bounds used
for that are exact (see :func:`term_bound`), so skipping never changes an answer.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from wgdesk.screening.analyse import (
    Probe,
    QueryAnalysis,
    Reading,
    holds,
    key_probe,
)
from wgdesk.screening.cache import BoundedCache
from wgdesk.screening.compare.korean import (
    KoreanPairing,
    best_korean_pairing,
    korean_score_bound,
)
from wgdesk.screening.compare.terms import (
    _EPSILON,
    OMITTED_WORD,
    Alignment,
    MemoRow,
    align,
    best_share,
    legal_typo_keys,
    term_similarity,
)
from wgdesk.screening.features import feature
from wgdesk.screening.index import NameRecord
from wgdesk.screening.model import NameKind
from wgdesk.screening.terms import Role, Term

KOREAN_RULE = "korean_name"
TERMS_RULE = "name_terms"
PERSON_AS_ORGANISATION = feature("person_as_organisation")
KIND_ORDER = {
    NameKind.PRIMARY: 0,
    NameKind.ALIAS: 1,
    NameKind.ORIGINAL_SCRIPT: 1,
    NameKind.FORMER: 2,
}


@dataclass(frozen=True, slots=True)
class NameScore:
    """How one query name scores against one list name, and why."""

    rule: str  # KOREAN_RULE or TERMS_RULE
    base: float  # the rule's own score, before the name-level factors
    factors: tuple[tuple[str, float], ...]  # features multiplying it, in order
    score: float  # base times every factor
    korean: KoreanPairing | None = None  # the readings that agreed best (Korean rule)
    alignment: Alignment | None = None  # the terms paired (weighted-terms rule)


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate list name with its name score, before the entry's details are weighed."""

    record_id: int
    name: NameScore
    score: float  # the name score times the list's own quality factor for this name


def name_score(
    analysis: QueryAnalysis,
    record: NameRecord,
    floor: float,
    prune: bool = True,
    phonetic: bool = False,
    rows: Rows | None = None,
    bounded: bool = False,
) -> NameScore | None:
    """Score a query against one list name; None when it cannot reach ``floor``.

    With ``prune`` (the default) a name whose exact upper bound is under the floor is not
    aligned; without it every name is aligned in full. Both give the same answers (tested):
    pruning only saves work. ``bounded`` says the caller has checked the bound already.
    """
    if not prune:
        floor = 0.0
    if analysis.han and record.han:
        # Both in Chinese characters: compared as written, since different characters
        # that read alike (as Korean or as Mandarin) are different names.
        return _terms_score(analysis, record, floor, prune and not bounded, phonetic, rows)
    if analysis.korean and record.korean:
        korean = _korean_score(analysis, record, floor, prune)
        if not (analysis.han or record.han):
            return korean
        # A Hanja name read as Korean may be a Chinese name: the better reading counts.
        terms = _terms_score(analysis, record, floor, prune, phonetic, rows)
        if korean is None or (terms is not None and terms.score > korean.score):
            return terms
        return korean
    return _terms_score(analysis, record, floor, prune and not bounded, phonetic, rows)


def _korean_score(
    analysis: QueryAnalysis, record: NameRecord, floor: float, prune: bool
) -> NameScore | None:
    """Score two names by the Korean personal-name rule; None below ``floor``."""
    if prune and korean_score_bound(analysis.korean, record.korean) < floor:
        return None  # another family: cannot reach the floor
    pairing = best_korean_pairing(analysis.korean, record.korean)
    if pairing is None or pairing.score < floor:
        return None
    return NameScore(KOREAN_RULE, pairing.score, (), pairing.score, korean=pairing)


def _terms_score(
    analysis: QueryAnalysis,
    record: NameRecord,
    floor: float,
    prune: bool,
    phonetic: bool,
    rows: Rows | None,
) -> NameScore | None:
    """Score two names by the weighted-terms rule; None below ``floor``."""
    reading = analysis.reading_for(record.person)
    if not reading.terms.terms or not record.terms.terms:
        return None
    # The bound needs the query's rows read through the index's kept keys (reach_rows);
    # without them the name is aligned in full, which is exact too.
    if prune and rows is not None and term_bound(reading, record, rows, floor) < floor:
        return None  # cannot reach the floor: skip the full alignment
    found = align(
        reading.terms,
        reading.weights,
        record.terms,
        record.weights,
        reading.memo,
        record.term_ids,
        floor,
        phonetic,
    )
    if found is None:
        return None
    factors = found.factors
    score = found.score
    if analysis.person_like and not record.person and not found.complete:
        # "Jung Kook" read as the 정국 of 정찰총국; but a query that is the organisation's
        # name word for word names that organisation, however personal it sounds.
        factors += (("person_as_organisation", PERSON_AS_ORGANISATION),)
        score *= PERSON_AS_ORGANISATION
    return NameScore(TERMS_RULE, found.base, factors, score, alignment=found)


def term_bound(reading: Reading, record: NameRecord, rows: Rows, floor: float = 0.0) -> float:
    """Return an upper bound of the term score from the weight of each name that can pair.

    A word can pair alone only with a word it agrees with at all, which needs a shared key
    (compare/terms.py), and with a run of words only if it holds the run's keys; legal
    forms and initials are counted in, and so is a word an initial of the other name may
    stand for. ``rows`` keep, per query word, which terms of each list name it may pair
    with (bulk names repeat their words). Under ``floor`` it may
    return a looser bound that is still under it (the list name counted whole).
    """
    covered = 0  # the list terms some query term reaches, as a bit mask
    query_side = reading.free
    # A word's reach not kept yet is first taken from the keys alone (kept as its
    # complement, a negative number), and only agreed (its words compared, see _reach)
    # if the bound passes so: most candidates fail on keys alone. Agreeing only drops
    # terms, so the bound from keys is no lower.
    pending: list[Row] | None = None
    signature, record_filter = record.signature, record.key_filter
    for entry in rows.words:
        if not holds(record_filter, entry.bits):
            continue  # the usual case, told by the filters alone: not kept in the row
        reach = entry.reach
        mask = reach.get(signature)
        if mask is None:
            mask, sure = _keyed_reach(entry.keys, entry.bits, record, entry.word)
            reach[signature] = mask if sure else ~mask  # negative: from keys, not yet agreed
            if not sure:
                pending = [entry] if pending is None else [*pending, entry]
        elif mask < 0:
            mask = ~mask
            pending = [entry] if pending is None else [*pending, entry]
        if mask:
            covered |= mask
            query_side += entry.weight
    # Runs of the query's words (Sea Star for Seastar) reach what their words alone do not.
    if rows.runs and holds(record_filter, rows.run_probe):
        for keys, bits, weight in rows.runs:
            # Any key in common counts the run, even one on a legal form only.
            held, runs = _shared_keys(keys, bits, record)
            if held or runs:
                covered |= held | (runs & record.bound_mask)
                query_side += weight  # a word in a run and alone is counted twice: at most
    if record.initials:
        query_side += _initialled(reading.terms.terms, reading.weights, record.initials)
    query_total = reading.total
    query_side = min(query_side, query_total)
    omits = record.named_in_part  # the query's unpaired words may count as omitted
    # Most candidates fail already with the list name counted whole: best_share grows
    # with each side's pairable weight, so this looser bound is still exact below floor.
    # It is best_share(query_side, query_total, record.total, record.total, omits),
    # written out since it runs for nearly every candidate (the same operations, so the
    # same floats; the exactness tests compare pruning on and off).
    both = query_total + record.total
    if not both:
        return 0.0
    whole = query_side + record.total
    loose = whole / both
    if query_side >= query_total - _EPSILON:
        loose = max(loose, 1.0)  # the query pairs whole too: nothing need be omitted
    elif omits:
        loose = max(loose, whole / (whole + OMITTED_WORD * (query_total - query_side)))
    if loose < floor:
        return loose
    # A legal form of the query may pair with a list word that misspells one (Holdiungs):
    # that word counts on the list's side (the legal form is in the query's free weight).
    for entry in rows.legal:
        if holds(record_filter, entry.bits):
            reach = entry.reach
            mask = reach.get(signature)
            if mask is None:
                mask, sure = _keyed_reach(entry.keys, entry.bits, record, entry.word)
                reach[signature] = mask if sure else ~mask
                if not sure:
                    pending = [entry] if pending is None else [*pending, entry]
            elif mask < 0:
                mask = ~mask
                pending = [entry] if pending is None else [*pending, entry]
            covered |= mask
    covered &= record.bound_mask  # the list's legal forms and initials are in its free weight
    record_side = record.free
    if covered:
        weights = record.weights
        j = 0
        while covered:
            if covered & 1:
                record_side += weights[j]
            covered >>= 1
            j += 1
    if reading.initials:
        record_side += _initialled(record.terms.terms, record.weights, reading.initials)
    bound = best_share(
        query_side, reading.total, min(record_side, record.total), record.total, omits
    )
    if pending is None or bound < floor:
        return bound  # exact, or from keys alone and under the floor even so
    for entry in pending:
        entry.reach[signature] = _reach(entry.keys, entry.bits, record, entry.word)
    return term_bound(reading, record, rows, floor)  # every reach is kept now: exact


@dataclass(frozen=True, slots=True)
class QueryWord:
    """A query word as the bound compares it with list terms: as align would (same memo)."""

    term: Term
    memo: MemoRow  # the word's row of kept comparisons (Reading.memo)
    person: bool  # the query read as a person's name
    korean: bool  # the query read in a Korean context
    phonetic: bool  # the phonetic mode


@dataclass(frozen=True, slots=True)
class Row:
    """A keyed query word as the bound reads it (a class, not a tuple: the compiled bound
    reads its fields directly, where unpacking a tuple checks each item's type)."""

    weight: float  # the word's weight (none for a legal form: its weight is free)
    keys: frozenset[str]  # its keys that list names' groups keep (ScreeningIndex.bound_keys)
    bits: Probe  # their filter bits
    reach: dict[Hashable, int]  # the list terms it may pair with, per list name (term_bound)
    word: QueryWord | None  # the word, to compare (None: keys alone decide)


RunRow = tuple[frozenset[str], Probe, float]  # a run of query words: keys, probe, weight


@dataclass(frozen=True, slots=True)
class Rows:
    """A query reading as its bound reads it (see term_bound)."""

    words: list[Row]  # per keyed word: weight, keys, filter, reach per list name, the word
    runs: tuple[RunRow, ...]  # its runs that some list name may hold
    run_probe: Probe  # the probe of every run's keys
    legal: list[Row]  # its legal forms that a list word may misspell (no weight: free)


# List names whose reach a query word keeps: a common word (Kim, Trading) meets thousands
# across a batch, and recomputing a reach costs more than keeping it (Screener.masks bounds
# the words kept, so at most some millions of small entries).
MASK_ROW_SIZE = 2048
MaskKey = tuple[object, bool, bool, bool]
# A query key group read through the index: the keys list names' groups keep for it
# (index.ScreeningIndex.bound_keys).
BoundKeys = Callable[[frozenset[str]], frozenset[str]]
MaskRow = tuple[frozenset[str], Probe, dict[Hashable, int]]  # a word's indexed keys, probe, reach


def reach_rows(
    reading: Reading,
    masks: BoundedCache[MaskKey, MaskRow],
    bound_keys: BoundKeys,
    phonetic: bool = False,
) -> Rows:
    """Return each keyed query word's weight, keys and kept reach row (see term_bound).

    A word's keys are read through the index (``bound_keys``): the keys no list name holds
    are left out (most of its one-letter neighbours), and the rest are the very keys that
    list names' groups keep, one per posting, which every candidate tests.
    """
    rows: list[Row] = []
    legal: list[Row] = []
    terms = reading.terms
    person, korean, translated = terms.person, terms.korean, terms.translated
    for i, (term, weight, group) in enumerate(
        zip(terms.terms, reading.weights, reading.bound_groups, strict=True)
    ):
        if term.role == Role.LEGAL:
            group = legal_typo_keys(term)
        if not group:
            continue
        # A reach depends on how the query reads (the comparison's flags), and on whether a
        # glossary term may pair by its translation (then keys alone decide; see _reach).
        key = (term, person, korean, translated)
        kept = masks.get(key)
        if kept is None or len(kept[2]) > MASK_ROW_SIZE:
            indexed = bound_keys(group)
            kept = masks.put(key, (indexed, key_probe((indexed,)), {}))
        if kept[0]:  # a word none of whose keys is indexed reaches no list name
            word = (
                None if translated else QueryWord(term, reading.memo[i], person, korean, phonetic)
            )
            if term.role == Role.LEGAL:
                legal.append(Row(0.0, *kept, word))
            else:
                rows.append(Row(weight, *kept, word))
    return Rows(rows, *_run_rows(reading, bound_keys), legal)


def _run_rows(reading: Reading, bound_keys: BoundKeys) -> tuple[tuple[RunRow, ...], Probe]:
    """Return the runs of a reading that may touch a list name, and their keys' filter.

    Keys no list name holds are left out (``bound_keys``), and a run left with none is
    dropped: most runs (Kimminji) are on no list, and a filter of fewer keys lets through
    fewer names that hold none of them.
    """
    found = []
    for indices, keys, _ in reading.run_bounds:
        indexed = bound_keys(keys)
        if indexed:
            found.append(
                (
                    indexed,
                    key_probe((indexed,)),
                    sum((reading.weights[i] for i in indices), 0.0),
                )
            )
    return tuple(found), key_probe(keys for keys, _, _ in found)


def _reach(
    group: frozenset[str], bits: Probe, record: NameRecord, word: QueryWord | None = None
) -> int:
    """Return the list terms (not legal forms or initials) a query word may pair with, as a mask.

    A word pairs with a list word alone only if they agree at all (``word``: compared as
    align compares them, through the same memo), and with a run of list words if it holds
    the run's keys. Sharing a key is necessary for agreeing, not sufficient: one letter
    apart or alike in sound, two words may still not agree.
    """
    words, runs = _shared_keys(group, bits, record)
    if words and word is not None and not record.terms.translated:
        words = _agreeing(words, record, word)
    return words | (runs & record.bound_mask)


def _keyed_reach(
    group: frozenset[str], bits: Probe, record: NameRecord, word: QueryWord | None
) -> tuple[int, bool]:
    """Return the list terms a query word shares a key with, as a mask, and whether that is
    its reach (see _reach): it is unless some of those words are still to be compared."""
    words, runs = _shared_keys(group, bits, record)
    sure = not (words and word is not None and not record.terms.translated)
    return words | (runs & record.bound_mask), sure


def _shared_keys(group: frozenset[str], bits: Probe, record: NameRecord) -> tuple[int, int]:
    """Return the list words and the runs of list words that share a key with ``group``."""
    if not holds(record.key_filter, bits):
        return 0, 0  # the usual case: the word is not why the name is a candidate
    mask = 0
    for j, own in enumerate(record.word_groups):
        if _meets(group, own):
            mask |= 1 << j
    runs = 0
    if holds(record.aux_filter, bits):  # rarely: most words reach a name by their own keys
        for j, extra in enumerate(record.word_extras):
            if _meets(group, extra):
                mask |= 1 << j
        for terms, keys in record.run_groups:
            if _meets(group, keys):
                runs |= terms
    # Legal forms stay in: a word may misspell one (the query's side counts the word; the
    # list's side leaves the legal form out, as its free weight counts it).
    return mask, runs


def _meets(group: frozenset[str], keys: tuple[str, ...]) -> bool:
    """True when one of a list group's kept keys is in a query word's keys.

    Not ``isdisjoint``: compiled, this is a loop of set lookups, where the method is looked
    up by name on every call and walks the tuple through an iterator (about 1.5% of bulk).
    """
    return any(key in group for key in keys)


def _agreeing(mask: int, record: NameRecord, word: QueryWord) -> int:
    """Return the list terms of ``mask`` the query word agrees with (align's single pairs)."""
    terms = record.terms
    korean = word.korean or terms.korean
    person = word.person and terms.person
    romanize = terms.korean
    flags = 4 * romanize + 2 * korean + person  # align's memo key: the term's number + flags
    memo = word.memo
    kept = 0
    j = 0
    while mask:
        if mask & 1:
            key = record.term_ids[j] + flags
            found = memo.get(key)
            if found is None:
                found = memo[key] = term_similarity(
                    word.term, terms.terms[j], korean, person, word.phonetic, romanize
                )
            if found[0] > 0.0:
                kept |= 1 << j
        mask >>= 1
        j += 1
    return kept


def _initialled(terms: Sequence[Term], weights: Sequence[float], letters: frozenset[str]) -> float:
    """Return the weight of the words that one of the initials may stand for."""
    return sum(
        (
            w
            for t, w in zip(terms, weights, strict=True)
            if t.role == Role.WORD and t.latin[:1] in letters
        ),
        0.0,
    )


def best_per_entry(
    analysis: QueryAnalysis,
    records: list[NameRecord],
    candidates: Iterable[int],
    floor: float,
    bound_keys: BoundKeys,
    prune: bool = True,
    phonetic: bool = False,
    masks: BoundedCache[MaskKey, MaskRow] | None = None,
    han_entries: frozenset[int] = frozenset(),
) -> list[Scored]:
    """Score the candidates and keep each entry's best name (the primary name on a tie).

    A query in Chinese characters is compared with an entry's names in characters only,
    when the entry has some (``han_entries``): characters that differ name another person.
    """
    best: dict[int, Scored] = {}
    by_signature: dict[Hashable, NameScore | None] = {}  # alike names score alike: once each
    kept = masks if masks is not None else BoundedCache(0)
    person, organisation = analysis.person, analysis.organisation
    person_rows = organisation_rows = reach_rows(person, kept, bound_keys, phonetic)
    if organisation is not person:  # most names read alike both ways
        organisation_rows = reach_rows(organisation, kept, bound_keys, phonetic)
    han = analysis.han and bool(han_entries)
    han_query, korean_query = analysis.han, bool(analysis.korean)
    for record_id in candidates:
        record = records[record_id]
        if han and not record.han and record.entry in han_entries:
            continue
        if record.alike and record.signature in by_signature:
            scored = by_signature[record.signature]
        else:
            if record.person:
                reading, found = person, person_rows
            else:
                reading, found = organisation, organisation_rows
            # Scored by the weighted-terms rule alone (see name_score): its bound is checked
            # here, as most candidates fail it and are then not scored at all.
            alone = (han_query and record.han) or not (korean_query and record.korean)
            bounded = prune and alone
            if bounded and term_bound(reading, record, found, floor) < floor:
                scored = None
            else:
                scored = name_score(analysis, record, floor, prune, phonetic, found, bounded)
            if record.alike:
                by_signature[record.signature] = scored
        if scored is None:
            continue
        score = scored.score * record.quality_factor
        current = best.get(record.entry)
        if current is None or (score, -KIND_ORDER[record.kind]) > (
            current.score,
            -KIND_ORDER[records[current.record_id].kind],
        ):
            best[record.entry] = Scored(record_id, scored, score)
    return [s for s in best.values() if s.score >= floor]
