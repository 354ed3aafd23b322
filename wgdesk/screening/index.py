"""The screening index: every list name analysed once, with blocking keys and word weights.

Blocking keys decide which list names a query is compared with at all, so that a query
meets tens of candidates rather than tens of thousands:
- ``w:<skeleton>`` for each word, for each run of two or three short adjacent words
  (Nam Chon Gang / Namchongang) and for each English translation of a Hangul
  glossary term; the skeleton (text.skeleton) survives romanization variants;
- ``k:<surname>:<syllable>`` for Korean personal names: the surname's Hangul with
  each Hangul reading of each given-name syllable, so 리원호, Lee Won-ho, Wonho Ri
  and RI WON HO share keys.
Word weights are inverse document frequencies over the indexed names, keyed by the
skeleton, so Daesong, Taesong and Daeseong weigh the same.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from wgdesk.screening.korean.names import KoreanReading, read_korean_name
from wgdesk.screening.model import Entry, EntityType, ListVersion, NameKind
from wgdesk.screening.terms import Role, Term, org_terms, person_terms
from wgdesk.screening.text import Tokens, skeleton, tokenize

LEGAL_WEIGHT = 0.3  # a legal form weighs about as little as the commonest word
MAX_POSTINGS = 2500  # keys shared by more names than this tell nothing; skipped
MAX_CANDIDATES = 40  # names fully scored per query, at most
RELATIVE_CUTOFF = 0.34  # names whose key overlap is under this share of the best are dropped
RUN_WORD_LETTERS = 6  # only words this short (a syllable or two) are joined into runs
LOW_QUALITY = frozenset({"low", "weak"})
LOW_QUALITY_FACTOR = 0.92  # a name the list itself marks as weak counts a little less


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One indexed list name with its analysis."""

    entry: int  # position in ScreeningIndex.entries
    value: str
    kind: NameKind
    quality_factor: float
    terms: tuple[Term, ...]
    korean: tuple[KoreanReading, ...]


def analyse_person(tokens: Tokens) -> tuple[tuple[Term, ...], tuple[KoreanReading, ...]]:
    """Return the terms and Korean readings of a personal name."""
    return person_terms(tokens), read_korean_name(tokens)


def weight_key(term: Term) -> str | None:
    """Return the key a term's weight is looked up by (None for legal forms)."""
    if term.role == Role.LEGAL:
        return None
    if term.role == Role.KOREA:
        return "w:KOREA"
    return "w:" + (term.skel or term.key)


def term_keys(terms: Sequence[Term]) -> set[str]:
    """Return the blocking keys of a name's terms: words, short runs and translations."""
    keys: set[str] = set()
    for i, term in enumerate(terms):
        key = weight_key(term)
        if key is not None:
            keys.add(key)
        for translation in term.translations:
            keys.update("w:" + skeleton(word) for word in translation)
        keys.update(_run_keys(terms, i))
    return keys


def _run_keys(terms: Sequence[Term], start: int) -> list[str]:
    """Return keys for runs of short adjacent words starting at ``start``."""
    keys = []
    joined = ""
    for term in terms[start : start + 3]:
        if term.role != Role.WORD or len(term.latin) > RUN_WORD_LETTERS:
            break
        joined += term.latin
        if joined != terms[start].latin:
            keys.append("w:" + skeleton(joined))
    return keys


def korean_keys(readings: Iterable[KoreanReading]) -> set[str]:
    """Return the surname-and-syllable keys of a Korean name's readings."""
    keys: set[str] = set()
    for reading in readings:
        syllables = {s for cut in reading.given for position in cut for s in position}
        for surname in reading.surname:
            prefix = "k:" + "".join(chr(c) for c in surname) + ":"
            keys.update(prefix + chr(s) for s in syllables)
    return keys


class ScreeningIndex:
    """Every name of the given list versions, analysed, keyed and weighted."""

    def __init__(self, versions: Sequence[ListVersion]) -> None:
        self.entries: list[Entry] = [e for v in versions for e in v.entries]
        self.records: list[NameRecord] = []
        self.postings: dict[str, list[int]] = {}
        self.document_frequency: dict[str, int] = {}
        for position, entry in enumerate(self.entries):
            for name in entry.names:
                self._add(position, entry, name.value, name.kind, name.quality)
        self.size = max(len(self.records), 1)
        self._idf_cache: dict[str, float] = {}

    def _add(
        self, position: int, entry: Entry, value: str, kind: NameKind, quality: str | None
    ) -> None:
        """Analyse one list name and file it under its blocking keys."""
        tokens = tokenize(value)
        if not tokens.words:
            return
        if entry.type == EntityType.PERSON:
            terms, korean = analyse_person(tokens)
        else:
            terms, korean = org_terms(tokens), ()
        factor = LOW_QUALITY_FACTOR if (quality or "").lower() in LOW_QUALITY else 1.0
        record_id = len(self.records)
        self.records.append(NameRecord(position, value, kind, factor, terms, korean))
        for key in {k for k in (weight_key(t) for t in terms) if k}:
            self.document_frequency[key] = self.document_frequency.get(key, 0) + 1
        for key in term_keys(terms) | korean_keys(korean):
            self.postings.setdefault(key, []).append(record_id)

    def idf(self, key: str | None) -> float:
        """Return the inverse document frequency of a weight key (legal forms: a constant)."""
        if key is None:
            return LEGAL_WEIGHT
        cached = self._idf_cache.get(key)
        if cached is None:
            frequency = self.document_frequency.get(key, 0)
            cached = math.log((self.size + 1) / (frequency + 1)) + 1.0
            self._idf_cache[key] = cached
        return cached

    def weights(self, terms: Sequence[Term]) -> tuple[float, ...]:
        """Return the weight of each term."""
        return tuple(self.idf(weight_key(t)) for t in terms)

    def candidates(self, keys: Iterable[str]) -> list[int]:
        """Return the records sharing the most (rarity-weighted) blocking keys with a query."""
        scores: dict[int, float] = {}
        for key in keys:
            posting = self.postings.get(key)
            if not posting or len(posting) > MAX_POSTINGS:
                continue
            weight = math.log((self.size + 1) / (len(posting) + 1)) + 1.0
            for record in posting:
                scores[record] = scores.get(record, 0.0) + weight
        if not scores:
            return []
        top = heapq.nlargest(MAX_CANDIDATES, scores.items(), key=itemgetter(1))
        floor = top[0][1] * RELATIVE_CUTOFF
        return [record for record, score in top if score >= floor]
