"""The screening index: every list name analysed once, with its keys and word weights.

Blocking keys decide which list names a query is compared with at all, so that a query
meets tens of candidates rather than tens of thousands (``analyse.own_keys`` says which):
- ``t:<word>`` for each word as spelled (after rewriting);
- ``w:<skeleton>`` for each word, for each run of two or three short adjacent words
  (Nam Chon Gang / Namchongang) and for each English translation of a Hangul
  glossary term; the skeleton (text.skeleton) survives romanization variants;
- ``k:<surname>:<syllable>`` for Korean personal names: the surname's Hangul with
  each Hangul reading of each given-name syllable, so 리원호, Lee Won-ho, Wonho Ri
  and RI WON HO share keys.
Word weights are inverse document frequencies over the indexed names; in a Korean
context a Korean word counts by its Hangul reading, so Daesong, Taesong and Daeseong
weigh the same.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar, cast

from wgdesk.screening.analyse import (
    FREE_ROLES,
    ListNameAnalysis,
    RunKeys,
    WordGroups,
    analyse_list_name,
    entry_surnames,
    free_weight,
    initials_of,
    key_bits,
    key_filter,
    korean_entry,
    korean_keys,
    name_variants,
)
from wgdesk.screening.cache import BoundedCache, forget_words
from wgdesk.screening.compare.terms import named_in_part
from wgdesk.screening.features import feature
from wgdesk.screening.korean.names import KoreanReading
from wgdesk.screening.model import EntityType, Entry, ListVersion, NameKind
from wgdesk.screening.terms import Role, Term, TermSet, is_descriptor
from wgdesk.screening.text import tokenize

LEGAL_WEIGHT = feature("legal_form_weight")
DESCRIPTOR_FACTOR = feature("descriptor_weight")
KOREA_FACTOR = feature("korea_weight")
WEAK_ALIAS = feature("weak_alias")
INITIAL_WEIGHT = feature("initial_weight")
LOW_QUALITY = frozenset({"low", "weak"})
# Entries analysed between two emptyings of the word caches (cache.forget_words): a stretch
# of a list repeats its words (an OFAC programme's names sit together); the whole lists
# would fill the caches with words the build never meets again.
FORGET_EVERY = 5000
FACTS_CACHE = 50000  # query words whose weight facts are kept (a few MB at most)
KEPT_KEYS_CACHE = 50000  # postings whose kept key is known (bound_keys; a few MB at most)
WeightFacts = tuple[float, float, bool]  # see ScreeningIndex._facts
T = TypeVar("T")
Analysed = tuple[int, str, NameKind, float, ListNameAnalysis]  # entry, name, kind, factor


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One indexed list name with its analysis, weights and keys."""

    entry: int  # position in ScreeningIndex.entries
    value: str
    kind: NameKind
    quality_factor: float  # weak_alias for a name the list marks as weak, else 1.0
    person: bool  # the entry is a person (its name is compared as a person's)
    terms: TermSet
    korean: tuple[KoreanReading, ...]
    # A term's blocking keys are its own and those of each run it is in. They are kept
    # apart, not merged per term: a word's own keys are one object for every name with
    # that word, and merged copies would be most of the index's memory.
    word_groups: WordGroups  # each term's own keys (terms.own_keys: one object per word)
    word_extras: tuple[tuple[str, ...], ...]  # each term's extra keys (analyse.extra_keys)
    run_groups: tuple[tuple[int, RunKeys], ...]  # each run: its terms (bit mask), its keys
    key_filter: bytes  # the filter of every term key (analyse.key_filter; Korean keys aside)
    aux_filter: bytes  # the filter of its words' extra keys and its runs' keys
    bound_mask: int  # the terms a bound counts: all but legal forms and initials
    weights: tuple[float, ...]  # each term's weight
    total: float
    free: float  # the weight of its legal forms and initials (they pair without a key)
    initials: frozenset[str]  # the letters of its initials
    named_in_part: bool  # a query may hold it whole with words more (compare/terms.py)
    term_ids: tuple[int, ...]  # each term's number in the index, for the term memo
    # Names with the same number score alike against any query. Held as an object (an int):
    # it keys every reach row (score.term_bound), where a compiled int field would be boxed,
    # a new int allocated, on every look-up.
    signature: Hashable
    # Another name may share its signature (its analysis is another's too). Most names are
    # alone in theirs, and a query scores them without looking them up (best_per_entry).
    alike: bool
    han: bool  # written in Chinese characters


class ScreeningIndex:
    """Every name of the given list versions, analysed, keyed and weighted."""

    # Build-time state let go before the postings are made (mypyc asks for it by name).
    __deletable__ = ("_same", "_same_weights", "_kept_groups")

    def __init__(self, versions: Sequence[ListVersion], phonetic: bool = False) -> None:
        self.phonetic = phonetic  # words' sounds are keys too (the phonetic mode)
        self.entries: list[Entry] = [e for v in versions for e in v.entries]
        self.document_frequency: dict[str, int] = {}
        analysed = self._analyse_all()
        # Each name's analysis numbered while every analysis is held, so that no key of the
        # record loop holds a name's whole key groups (only the records' kept keys stay).
        shapes = self._shapes(analysed)
        # How many names have each shape: a name alone in its shape is alone in its
        # signature too, and a query need not look it up among the names it has scored.
        shared: dict[object, int] = {}
        for shape in shapes:
            shared[shape] = shared.get(shape, 0) + 1
        # The word caches let go before the postings and records are made, where the build
        # peaks: the last stretch's words took 37 MB there (UN 2025 and OFAC 2021), and
        # queries fill the caches again with the words they meet (see forget_words).
        forget_words()
        self.size = max(len(analysed), 1)
        self._idf: dict[str, float] = {}
        self._query_facts_kept: BoundedCache[Term, WeightFacts] = BoundedCache(FACTS_CACHE)
        self.records: list[NameRecord] = []
        # The postings first: a record keeps one key of its groups per posting (_reduced).
        self.postings = _postings(_key_groups(analysed))
        # Equal values of many names, one object each, while building (weights apart: a
        # tuple of floats may equal one of ints).
        self._same, self._same_weights = _Same(), _Same()
        # Each key group's kept keys, by value: an analysis let go may free its groups, and
        # their ids be reused.
        self._kept_groups: dict[tuple[str, ...], tuple[str, ...]] = {}
        term_numbers: dict[tuple[str, Role, tuple[str, ...], str], int] = {}
        signatures: dict[tuple[object, tuple[float, ...]], int] = {}
        analysed.reverse()  # taken from the end, in record order
        shapes.reverse()
        for _ in range(len(analysed)):  # the length as it is before the first pop
            # Each analysis let go once its record is made: the build's peak memory is the
            # process's peak, and these are held only here.
            position, value, kind, factor, found = analysed.pop()
            shape = shapes.pop()
            record = self._record(
                position,
                value,
                kind,
                factor,
                found,
                term_numbers,
                (shape, shared[shape] > 1, signatures),
            )
            self.records.append(record)
        del analysed, shapes, shared, signatures, term_numbers, self._same, self._same_weights
        del self._kept_groups
        # The key a name's kept groups hold for a posting, per posting (see bound_keys).
        self._kept_keys: BoundedCache[int, str] = BoundedCache(KEPT_KEYS_CACHE)
        self._bound_keys: BoundedCache[frozenset[str], frozenset[str]] = BoundedCache(
            KEPT_KEYS_CACHE
        )
        # Entries whose names the list writes in Chinese characters: a query in characters
        # meets those names only, not their romanizations (张卫明 is not 张伟明, though both
        # read Zhang Weiming).
        self.han_entries: frozenset[int] = frozenset(r.entry for r in self.records if r.han)

    def _reduced(self, group: tuple[str, ...]) -> tuple[str, ...]:
        """Return a key group with the first of its keys for each posting.

        Keys that share a posting object are in one key group only (_postings), so a name
        holds one of them exactly when it holds them all: the first stands for the rest,
        and a query's keys are read through it (bound_keys). The bound's tests of a query
        word against a list word then look at half the keys (1.03 million keys in the
        names' word groups, 0.52 million kept, over UN 2025 and OFAC 2021), with the same
        outcome.
        """
        if not group:
            return group  # most words have no extra keys
        found = self._kept_groups.get(group)
        if found is None:
            postings = self.postings
            kept: list[str] = []
            seen: list[tuple[int, ...]] = []  # a group's postings are few: compared by identity
            for key in group:
                posting = postings[key]
                if not any(posting is other for other in seen):
                    seen.append(posting)
                    kept.append(key)
            found = self._kept_groups[group] = tuple(kept)
        return found

    def bound_keys(self, keys: frozenset[str]) -> frozenset[str]:
        """Return the keys of a query's key group that list names' groups keep, one per posting.

        A list name's groups keep one key per posting (_reduced), so a query key is read
        as the one kept for its posting: a name holds it exactly when it holds the query
        key. Keys no name holds are left out (most of a word's one-letter neighbours).
        Kept per group: a batch repeats its words and their runs.
        """
        found = self._bound_keys.get(keys)
        if found is None:
            postings = self.postings
            kept: dict[int, str] = {}
            for key in keys:
                posting = postings.get(key)
                if posting is not None and id(posting) not in kept:
                    kept[id(posting)] = self._kept_key(key, posting)
            found = self._bound_keys.put(keys, frozenset(kept.values()))
        return found

    def _kept_key(self, key: str, posting: tuple[int, ...]) -> str:
        """Return the key list names' groups keep for a key's posting (its first name holds it)."""
        kept = self._kept_keys.get(id(posting))  # postings live as long as the index
        if kept is None:
            kept = self._kept_keys.put(id(posting), self._first_holder_key(key, posting))
        return kept

    def _first_holder_key(self, key: str, posting: tuple[int, ...]) -> str:
        """Return the key of a posting that its first name's groups keep (``key`` if none)."""
        postings = self.postings
        record = self.records[posting[0]]
        runs = (keys for _, keys in record.run_groups)
        for group in (*record.word_groups, *record.word_extras, *runs):
            for held in group:
                if postings[held] is posting:
                    return held
        return key  # a Korean key: in no group, so no name's groups hold it either way

    def _shapes(self, analysed: Sequence[Analysed]) -> list[object]:
        """Number each analysis by all that a query's score of it depends on, weights aside.

        Names with equal analyses (an entry's name on both lists, a name and its copy
        without parentheses) get one number; with their weights it makes their signature.
        """
        numbers: dict[object, object] = {}
        shapes: list[object] = []
        for position, _, _, _, found in analysed:
            terms = found.terms
            shape = (
                self.entries[position].type == EntityType.PERSON,
                terms.terms,
                terms.korean,
                terms.runs,
                found.korean,
                found.word_groups,
                found.word_extras,
                found.run_groups,
                found.han,
            )
            shapes.append(numbers.setdefault(shape, len(numbers)))
        return shapes

    def _analyse_all(self) -> list[Analysed]:
        """Analyse every list name and count each weight key's names."""
        analysed = []
        same = _Same()
        for position, entry in enumerate(self.entries):
            if position % FORGET_EVERY == 0:
                forget_words()  # the word caches hold the entries of the last stretch only
            family = entry_surnames(entry)
            context = korean_entry(entry)
            for name in entry.names:
                factor = WEAK_ALIAS if (name.quality or "").lower() in LOW_QUALITY else 1.0
                for value, kind in name_variants(name.value, name.kind):
                    tokens = tokenize(value)
                    if not tokens.words:
                        continue
                    found = analyse_list_name(tokens, entry, context, family, self.phonetic)
                    weight_keys = {_weight_key(t, found.terms.korean) for t in found.terms.terms}
                    for key in weight_keys - {None}:
                        assert key is not None
                        self.document_frequency[key] = self.document_frequency.get(key, 0) + 1
                    analysed.append((position, value, kind, factor, self._shared(found, same)))
        return analysed

    @staticmethod
    def _shared(found: ListNameAnalysis, same: _Same) -> ListNameAnalysis:
        """Return an analysis whose extra and run keys are one object per distinct value.

        Every analysis is held until the postings are made (the records keep one key per
        posting): names with a word in common would each hold a copy of its keys.
        """
        return ListNameAnalysis(
            found.terms,
            found.korean,
            found.word_groups,
            same(tuple(same(extra) for extra in found.word_extras)),
            same(tuple(same((i, same(keys))) for i, keys in found.run_groups)),
            found.han,
        )

    def _record(
        self,
        position: int,
        value: str,
        kind: NameKind,
        factor: float,
        found: ListNameAnalysis,
        term_numbers: dict[tuple[str, Role, tuple[str, ...], str], int],
        signing: tuple[object, bool, dict[tuple[object, tuple[float, ...]], int]],
    ) -> NameRecord:
        """Build a list name's record once every name's rarity is known."""
        terms = found.terms
        same = self._same
        weights = self._same_weights(self._weights(terms.terms, terms.korean))

        person = self.entries[position].type == EntityType.PERSON
        # Each list term numbered by what its comparisons depend on (compare/terms.py: the
        # word, its role and parts, and as written, for a misspelt legal form or stem):
        # the term memo is keyed by these multiples of eight (plus four against a Korean
        # list name, two in a Korean context, one between personal names).
        term_ids = same(
            tuple(
                8 * term_numbers.setdefault((t.key, t.role, t.parts, t.shown), len(term_numbers))
                for t in terms.terms
            )
        )
        # Names that any query scores alike (an equal analysis, _shapes, and equal weights)
        # share a number, so a query scores them once.
        shape, alike, signatures = signing
        signature = signatures.setdefault((shape, weights), len(signatures))
        # Each group with one key per posting (_reduced), and the filters of those keys,
        # which are all a query's probe holds (bound_keys): fewer bits set, so fewer names
        # pass a probe without sharing a key.
        words = same(tuple(self._reduced(group) for group in found.word_groups))
        extras = same(tuple(self._reduced(extra) for extra in found.word_extras))
        runs = same(tuple(same((_mask(i), self._reduced(keys))) for i, keys in found.run_groups))
        # The extra and run keys' own filter: most reaches are by a word's own keys, and
        # this one test spares looking through the extras and runs of those names.
        aux = key_bits((*extras, *(keys for _, keys in runs)))
        # The filters as bytes, one object per value: 2048-bit ints would take 30 MB more.
        # Not kept per word tuple: nine names in ten have words of their own, and the words'
        # filter of a name with extra or run keys is made only to be merged.
        own = key_bits(words)
        return NameRecord(
            entry=position,
            value=value,
            kind=kind,
            quality_factor=factor,
            person=person,
            terms=terms,
            korean=found.korean,
            word_groups=words,
            word_extras=extras,
            run_groups=runs,
            key_filter=same(key_filter(own | aux)),
            aux_filter=same(key_filter(aux)),
            bound_mask=_mask(j for j, t in enumerate(terms.terms) if t.role not in FREE_ROLES),
            weights=weights,
            total=sum(weights, 0.0),
            free=free_weight(terms, weights),
            initials=initials_of(terms),
            named_in_part=named_in_part(terms),
            term_ids=term_ids,
            signature=signature,
            alike=alike,
            han=found.han,
        )

    def idf(self, key: str | None) -> float:
        """Return the inverse document frequency of a weight key (legal forms: a constant)."""
        if key is None:
            return LEGAL_WEIGHT
        found = self._idf.get(key)
        if found is None:
            frequency = self.document_frequency.get(key, 0)
            found = self._idf[key] = math.log((self.size + 1) / (frequency + 1)) + 1.0
        return found

    def query_weights(self, terms: Sequence[Term]) -> tuple[float, ...]:
        """Return a query's term weights (each word's facts kept: bulk names repeat them)."""
        facts = []
        for term in terms:
            found = self._query_facts_kept.get(term)
            if found is None:
                found = self._query_facts_kept.put(term, self._facts(term, None))
            facts.append(found)
        return _weighted(facts)

    def _weights(self, terms: Sequence[Term], korean: bool) -> tuple[float, ...]:
        """Return a list name's term weights."""
        return _weighted([self._facts(t, korean) for t in terms])

    def _facts(self, term: Term, korean: bool | None) -> WeightFacts:
        """Return a term's rarity (Korea's already reduced), its factor in a name that has
        a proper word, and whether it is such a word (not Korea, a legal form or a descriptor)."""
        if term.role == Role.KOREA:
            return self._rarity(term, korean) * KOREA_FACTOR, 1.0, False
        if term.role == Role.INITIAL:
            return INITIAL_WEIGHT, 1.0, False
        descriptor = is_descriptor(term)
        proper = term.role == Role.WORD and not descriptor
        return self._rarity(term, korean), DESCRIPTOR_FACTOR if descriptor else 1.0, proper

    def _rarity(self, term: Term, korean: bool | None) -> float:
        """Return a term's inverse document frequency (``korean`` None: a query, either way)."""
        if korean is None:
            reading = term.reading_key
            if reading is not None and reading in self.document_frequency:
                return self.idf(reading)
            return self.idf(term.weight_key)
        return self.idf(_weight_key(term, korean))


def _key_groups(analysed: Iterable[Analysed]) -> list[tuple[Collection[str], list[object]]]:
    """Return each key group of the analysed list names with its names, in record order.

    Names with the same word share its group, so each of its keys is posted once per group,
    not once per name; a Korean key is a group of its own.
    """
    by_group: dict[Collection[str], list[object]] = {}
    korean: dict[str, list[object]] = {}
    for number, (*_, found) in enumerate(analysed):
        # One int object per name, held by every posting of it: compiled, an int put into
        # each list would be a new object (240,000 of them, 7 MB, over UN 2025 and OFAC 2021).
        record_id: object = number
        runs = (keys for _, keys in found.run_groups)
        for group in (*found.word_groups, *filter(None, found.word_extras), *runs):
            names = by_group.setdefault(group, [])
            if not names or names[-1] is not record_id:  # a word twice in one name
                names.append(record_id)
        for key in korean_keys(found.korean):
            korean.setdefault(key, []).append(record_id)
    return [*by_group.items(), *(((key,), names) for key, names in korean.items())]


def _postings(
    groups: Iterable[tuple[Collection[str], list[object]]],
) -> dict[str, tuple[int, ...]]:
    """Return each key's names, in record order, from key groups with their names.

    A tuple, not a set: most keys are on one or two names, where a tuple takes a quarter
    of a frozenset's memory, and retrieval only unions postings. The keys of one group
    share its tuple until another group brings a key more names.
    """
    postings: dict[str, tuple[object, ...]] = {}
    more: dict[str, list[tuple[object, ...]]] = {}  # keys in several groups: their other names
    for group, records in groups:
        names = tuple(records)
        for key in group:
            if postings.setdefault(key, names) is not names:
                more.setdefault(key, []).append(names)
    for key, extra in more.items():
        # Sorted as ints; the objects are the names' own (see _key_groups).
        merged = set(postings[key]).union(*extra)
        postings[key] = tuple(sorted(merged, key=cast(Callable[[object], int], _number)))
    return cast(dict[str, tuple[int, ...]], postings)


def _number(value: object) -> int:
    """Return a name's number (a posting's item) as an int, for sorting."""
    return cast(int, value)


class _Same:
    """Hands out one object per distinct value: many names hold equal tuples and filters.

    Two names with a word in common compute equal extra keys, weights and filters anew;
    keeping the first of each saves some 10 MB over the lists. Equal values must be
    interchangeable: one instance takes tuples of strings, of ints and ints, another the
    tuples of floats, which could equal tuples of ints.
    """

    def __init__(self) -> None:
        self._kept: dict[object, object] = {}

    def __call__(self, value: T) -> T:
        """Return the object kept for a value equal to ``value`` (``value`` when it is new)."""
        return cast(T, self._kept.setdefault(value, value))


def _mask(positions: Iterable[int]) -> int:
    """Return the bit mask of some term positions."""
    mask = 0
    for position in positions:
        mask |= 1 << position
    return mask


def _weighted(facts: Sequence[WeightFacts]) -> tuple[float, ...]:
    """Weigh each term by its rarity, halving Korea always and descriptors beside a proper word.

    In a name made of generic words alone (FOREIGN TRADE BANK) those words are all the
    identity there is, so they keep their full rarity.
    """
    proper = any(is_proper for _, _, is_proper in facts)
    return tuple(rarity * (factor if proper else 1.0) for rarity, factor, _ in facts)


def _weight_key(term: Term, korean: bool) -> str | None:
    """Return the key a list term's rarity is counted under.

    In a Korean-context name a Korean word counts by its Hangul reading, so that its
    spellings (Daesong, Taesong, Daeseong) weigh the same; elsewhere by its spelling.
    """
    return (term.reading_key if korean else None) or term.weight_key
