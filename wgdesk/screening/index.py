"""The screening index: every list name analysed once, with blocking keys and word weights.

Blocking keys decide which list names a query is compared with at all, so that a query
meets tens of candidates rather than tens of thousands:
- ``t:<word>`` for each word as spelled (after rewriting);
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
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

from wgdesk.screening.korean.names import KoreanReading, read_korean_name
from wgdesk.screening.model import EntityType, Entry, ListVersion, NameKind
from wgdesk.screening.terms import (
    Role,
    Term,
    TermSet,
    is_descriptor,
    org_terms,
    person_terms,
    term_set,
)
from wgdesk.screening.text import Tokens, pronounced_skeleton, skeleton, tokenize

LEGAL_WEIGHT = 0.3  # a legal form weighs about as little as the commonest word
DESCRIPTOR_FACTOR = 0.5  # bank, trade, export...: they say what, not which
COMMON_POSTINGS = 200  # a key on more names than this only adds to candidates found otherwise
MAX_POSTINGS = 3000  # ... unless the query has nothing rarer; beyond this a key is skipped
MAX_CANDIDATES = 24  # names fully scored per query, at most
RELATIVE_CUTOFF = 0.5  # names whose key overlap is under this share of the best are dropped
LOW_QUALITY = frozenset({"low", "weak"})
LOW_QUALITY_FACTOR = 0.92  # a name the list itself marks as weak counts a little less


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One indexed list name with its analysis."""

    entry: int  # position in ScreeningIndex.entries
    value: str
    kind: NameKind
    quality_factor: float
    terms: TermSet
    korean: tuple[KoreanReading, ...]


_PARENTHESES = re.compile(r"\s*\(([^()]*)\)")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.]{1,7}$")


def name_variants(value: str, kind: NameKind) -> list[tuple[str, NameKind]]:
    """Return a list name and, when it has parentheses, the name without them.

    Lists append acronyms and asides in parentheses ("KOREAN NATIONAL INSURANCE COMPANY
    (KNIC)"); a query rarely repeats them, so the bare name is indexed too, and an
    acronym is indexed as an alias of its own.
    """
    variants = [(value, kind)]
    bare = _PARENTHESES.sub("", value).strip()
    if bare and bare != value:
        variants.append((bare, kind))
        for inner in _PARENTHESES.findall(value):
            if _ACRONYM.match(inner.strip()):
                variants.append((inner.strip(), NameKind.ALIAS))
    return variants


def _korean_entry(entry: Entry) -> bool:
    """True for entries of a Korea sanctions programme or of Korean nationality."""
    regimes = " ".join(entry.regimes).upper()
    return "DPRK" in regimes or "KOREA" in regimes or any("Korea" in c for c in entry.nationalities)


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


def term_keys(terms: TermSet) -> set[str]:
    """Return the blocking keys of a name's terms: words, short runs and translations."""
    keys = {k for k in (weight_key(t) for t in terms.terms) if k is not None}
    # The exact word too: among names sharing a skeleton, the same spelling ranks first.
    keys.update("t:" + t.key for t in terms.terms if t.role == Role.WORD)
    keys.update("w:" + t.sound for t in terms.terms if t.sound)
    # Romanizations follow the sound (Amnokkang for 압록강), so Hangul words key both ways.
    keys.update(
        "w:" + pronounced_skeleton(t.key) for t in terms.terms if t.parts and not t.key.isascii()
    )
    for term in terms.terms:
        for translation in term.translations:
            keys.update("w:" + skeleton(word) for word in translation)
    keys.update("w:" + run.skel for run in terms.runs)
    return keys


def korean_keys(readings: Iterable[KoreanReading]) -> set[str]:
    """Return the surname-and-syllable keys of a Korean name's readings."""
    keys: set[str] = set()
    for reading in readings:
        # Only the cuts into the fewest syllables: Latin syllables are read greedily, and
        # the odd cuts (se-ok-cheol for Seok-cheol) would flood the keys with noise.
        fewest = min((len(cut) for cut in reading.given), default=0)
        syllables = {s for cut in reading.given if len(cut) == fewest for pos in cut for s in pos}
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
                for value, kind in name_variants(name.value, name.kind):
                    self._add(position, entry, value, kind, name.quality)
        self.size = max(len(self.records), 1)
        self._idf_cache: dict[str, float] = {}
        # Long postings are also kept as sets, to test membership of candidates found otherwise.
        self.common = {
            k: frozenset(v) for k, v in self.postings.items() if len(v) > COMMON_POSTINGS
        }
        self.record_weights = [self.weights(r.terms.terms) for r in self.records]

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
        terms_set = term_set(terms, korean=_korean_entry(entry))
        self.records.append(NameRecord(position, value, kind, factor, terms_set, korean))
        for key in {k for k in (weight_key(t) for t in terms) if k}:
            self.document_frequency[key] = self.document_frequency.get(key, 0) + 1
        for key in term_keys(terms_set) | korean_keys(korean):
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
        """Return each term's weight: its rarity, halved for descriptive words."""
        return tuple(
            self.idf(weight_key(t)) * (DESCRIPTOR_FACTOR if is_descriptor(t) else 1.0)
            for t in terms
        )

    def candidates(self, keys: Iterable[str]) -> list[int]:
        """Return the records sharing the most (rarity-weighted) blocking keys with a query."""
        rare: list[list[int]] = []
        common: list[str] = []
        for key in keys:
            posting = self.postings.get(key)
            if posting is None:
                continue
            if len(posting) <= COMMON_POSTINGS:
                rare.append(posting)
            elif len(posting) <= MAX_POSTINGS:
                common.append(key)
        common.sort(key=lambda k: len(self.postings[k]))
        if not rare and common:
            rare.append(self.postings[common.pop(0)])  # nothing rarer: seed from the least common
        scores: dict[int, float] = {}
        for posting in rare:
            weight = self._posting_weight(len(posting))
            for record in posting:
                scores[record] = scores.get(record, 0.0) + weight
        for key in common:
            members = self.common[key]
            weight = self._posting_weight(len(members))
            for record in scores:
                if record in members:
                    scores[record] += weight
        if not scores:
            return []
        top = heapq.nlargest(MAX_CANDIDATES, scores.items(), key=itemgetter(1))
        floor = top[0][1] * RELATIVE_CUTOFF
        return [record for record, score in top if score >= floor]

    def _posting_weight(self, length: int) -> float:
        """Return the weight of a key found on ``length`` names."""
        return math.log((self.size + 1) / (length + 1)) + 1.0
