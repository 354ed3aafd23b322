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

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress, pairwise
from operator import itemgetter, not_
from typing import TypeVar

from wgdesk.screening.korean.names import KoreanReading, SurnameKey, read_korean_name
from wgdesk.screening.korean.readings import ReadingSeq, join_segmentations
from wgdesk.screening.korean.romanize import romanizations
from wgdesk.screening.korean.tables import surnames
from wgdesk.screening.lists._text import gc_paused
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
from wgdesk.screening.text import (
    Token,
    Tokens,
    loose_skeleton,
    pronounced_skeleton,
    skeleton,
    tokenize,
)

LEGAL_WEIGHT = 0.3  # a legal form weighs about as little as the commonest word
DESCRIPTOR_FACTOR = 0.5  # bank, trade, export...: they say what, not which
KOREA_FACTOR = 0.25  # Korea, Choson, DPRK: on nearly every DPRK entity, so it tells little
COMMON_POSTINGS = 80  # a key on more names than this finds records only with another one
MAX_POSTINGS = 3000  # ... unless the query has nothing rarer; beyond this a key is skipped
MAX_CANDIDATES = 12  # names fully scored per query, at most
PRESELECT = 60  # names ranked by shared weight before the finer estimate picks the candidates
SEED_KEYS = 3  # the rarest common keys whose pairwise overlaps may add candidates
# Names whose estimate (shared key weight against both names' weight) is under this are
# not scored: true matches on every evaluation set estimate 0.44 or more, most above 0.7.
ESTIMATE_FLOOR = 0.3
RELATIVE_CUTOFF = 0.2  # names whose key overlap is under this share of the best are dropped
KEY_LIST_CACHE = 50000  # query key groups and common-key overlaps kept (a few MB at most)
K = TypeVar("K")
V = TypeVar("V")
KeyList = list[tuple[frozenset[int], float]]  # a term's keys as (posting, weight)
WeightFacts = tuple[float, float, bool]  # see ScreeningIndex._facts
LOW_QUALITY = frozenset({"low", "weak"})
LOW_QUALITY_FACTOR = 0.92  # a name the list itself marks as weak counts a little less


class Kept(dict[K, V]):
    """Work kept between queries, forgotten all at once when full: a bound that costs a
    length check (the entries are cheap to compute again)."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def keep(self, key: K, value: V) -> V:
        """Keep a value (clearing everything first when full) and return it."""
        if len(self) >= self.size:
            self.clear()  # under the GIL a concurrent reader sees a value or a miss
        self[key] = value
        return value


@dataclass(frozen=True, slots=True)
class NameRecord:
    """One indexed list name with its analysis."""

    entry: int  # position in ScreeningIndex.entries
    value: str
    kind: NameKind
    quality_factor: float
    terms: TermSet
    korean: tuple[KoreanReading, ...]
    key_groups: tuple[frozenset[str], ...]  # each term's blocking keys


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
    korean_regime = "DPRK" in regimes or "KOREA" in regimes or "NKSPEA" in regimes
    return korean_regime or any("Korea" in c for c in entry.nationalities)


def _korean_surname_first_or_last(tokens: Tokens) -> bool:
    """True when a short name starts or ends with a word spelled like a Korean surname."""
    words = tokens.words
    if not 2 <= len(words) <= 4:
        return False
    table = surnames().by_spelling
    return words[0].text in table or words[-1].text in table


def _entry_surnames(entry: Entry) -> tuple[KoreanReading, ...]:
    """Return the Korean readings of a person entry's primary name (empty if none)."""
    if entry.type != EntityType.PERSON or not entry.names:
        return ()
    return read_korean_name(tokenize(entry.names[0].value))


def given_name_alias(word: Token, family: tuple[KoreanReading, ...]) -> tuple[KoreanReading, ...]:
    """Read a one-word alias (UN: "Young-Chul" for KIM YONG CHOL) under the entry's surname.

    Without it, such an alias matches any surname: "Pak Yong Chol" would meet "Young-Chul"
    and look like the listed Kim, where the Korean rule says another family.
    """
    given = join_segmentations(word.parts, assimilate=False)
    cuts = tuple(c for c in given if 1 <= len(c) <= 3)
    if not cuts:
        return ()
    return tuple(KoreanReading(r.surname, r.surname_text, cuts, word.hyphenated) for r in family)


def analyse_person(tokens: Tokens) -> tuple[tuple[Term, ...], tuple[KoreanReading, ...]]:
    """Return the terms and Korean readings of a personal name."""
    return person_terms(tokens), read_korean_name(tokens)


def term_key_groups(terms: TermSet, loose: bool = True) -> tuple[frozenset[str], ...]:
    """Return each term's blocking keys: its word, skeletons, translations and runs.

    ``loose`` adds the skeleton loosened for nasal assimilation (Aprokgang, Amroggang):
    always for a query, only for Korean-context list names in the index.
    """
    groups = [own_keys(term, loose) for term in terms.terms]
    if not terms.runs:
        return tuple(groups)
    joined: dict[int, set[str]] = {}
    for run in terms.runs:
        for i in run.indices:
            keys = joined.setdefault(i, set())
            keys.add("w:" + run.skel)
            if loose:
                keys.add("l:" + run.loose)
    return tuple(g | joined[i] if i in joined else g for i, g in enumerate(groups))


@lru_cache(maxsize=32768)  # kept: names repeat their words, in the lists and in bulk queries
def own_keys(term: Term, loose: bool = True) -> frozenset[str]:
    """Return the blocking keys of one term on its own (runs of words aside)."""
    keys: set[str] = set()
    if term.role == Role.WORD:
        skel = term.skel or term.key
        # Exact word, skeleton, and the skeleton loosened for nasal assimilation.
        keys.update(("t:" + term.key, "w:" + skel))
        if loose:
            keys.add("l:" + loose_skeleton(skel))
        keys.update("t:" + spelling for spelling in romanizations(term.key))  # 운산: unsan
    if term.weight_key is not None:
        keys.add(term.weight_key)
    if term.sound:
        keys.add("w:" + term.sound)
    if term.parts and not term.key.isascii():
        # Romanizations follow the sound (Amnokkang for 압록강): Hangul keys both ways.
        keys.add("w:" + pronounced_skeleton(term.key))
    for translation in term.translations:
        keys.update("w:" + skeleton(word) for word in translation)
    return frozenset(keys)


def term_keys(terms: TermSet) -> set[str]:
    """Return the blocking keys of a name's terms: words, short runs and translations."""
    return set().union(*term_key_groups(terms))


def covered_weight(
    groups: Sequence[frozenset[str]], weights: Sequence[float], other_keys: frozenset[str]
) -> float:
    """Return the weight of the terms sharing a key with the other name: all that can pair."""
    # map/compress keep the loop in C: this runs for every candidate of every query.
    return sum(compress(weights, map(not_, map(other_keys.isdisjoint, groups))))


def korean_keys(readings: Iterable[KoreanReading]) -> set[str]:
    """Return the keys of a Korean name: surname with each given syllable, and with each pair.

    ``k:김:철`` finds every Kim with a 철; ``k2:김:성:철`` only those whose given name
    has 성 then 철, the selective key among the many Kims of the lists.
    """
    keys: set[str] = set()
    for reading in readings:
        keys.update(_reading_keys(reading.surname, reading.given))
    return keys


@lru_cache(maxsize=65536)  # kept: surnames and given names recur across names
def _reading_keys(surnames: frozenset[SurnameKey], given: tuple[ReadingSeq, ...]) -> frozenset[str]:
    """Return the keys of one reading of a Korean name (see korean_keys)."""
    keys: set[str] = set()
    # Only the cuts into the fewest syllables: Latin syllables are read greedily, and
    # the odd cuts (se-ok-cheol for Seok-cheol) would flood the keys with noise.
    fewest = min((len(cut) for cut in given), default=0)
    cuts = [cut for cut in given if len(cut) == fewest]
    for surname in surnames:
        prefix = "".join(chr(c) for c in surname)
        for cut in cuts:
            keys.update(f"k:{prefix}:{chr(s)}" for position in cut for s in position)
            for first, second in pairwise(cut):
                keys.update(f"k2:{prefix}:{chr(a)}:{chr(b)}" for a in first for b in second)
    return frozenset(keys)


class ScreeningIndex:
    """Every name of the given list versions, analysed, keyed and weighted."""

    @gc_paused()  # ~27,000 analysed names, acyclic: the collector's scans free nothing
    def __init__(self, versions: Sequence[ListVersion]) -> None:
        self.entries: list[Entry] = [e for v in versions for e in v.entries]
        self.records: list[NameRecord] = []
        self.record_keys: list[frozenset[str]] = []  # every term key of each record
        self.postings: dict[str, frozenset[int]] = {}
        building: dict[str, list[int]] = {}
        self.document_frequency: dict[str, int] = {}
        for position, entry in enumerate(self.entries):
            family = _entry_surnames(entry)
            for name in entry.names:
                for value, kind in name_variants(name.value, name.kind):
                    self._add(position, entry, value, kind, name.quality, family, building)
        self.postings = {k: frozenset(v) for k, v in building.items()}
        self.size = max(len(self.records), 1)
        self._idf_cache: dict[str, float] = {}
        self._query_rarity: Kept[Term, WeightFacts] = Kept(KEY_LIST_CACHE)
        self.key_weights = {k: self._posting_weight(len(v)) for k, v in self.postings.items()}
        self._keyed = {k: (v, self.key_weights[k]) for k, v in self.postings.items()}
        self._key_lists: Kept[frozenset[str], KeyList] = Kept(KEY_LIST_CACHE)
        self._overlaps: Kept[tuple[int, int], frozenset[int]] = Kept(KEY_LIST_CACHE)
        self.record_weights = [self.weights(r.terms.terms, r.terms.korean) for r in self.records]
        self.record_totals = [sum(w) for w in self.record_weights]
        # What the score bound needs of each name, computed once rather than per query.
        self.record_person = [self.entries[r.entry].type == EntityType.PERSON for r in self.records]
        # Each list term numbered by what its comparisons depend on (compare/terms.py):
        # the term memo is keyed by these even numbers (odd: the same in Korean context)
        # rather than by tuples of strings.
        numbers: dict[tuple[str, Role, tuple[str, ...]], int] = {}
        self.record_term_ids = [
            tuple(
                2 * numbers.setdefault((t.key, t.role, t.parts), len(numbers))
                for t in r.terms.terms
            )
            for r in self.records
        ]
        # Names that any query scores alike (an entry's name on both lists, a name and its
        # copy without parentheses) share a number, so a query scores them once.
        self.record_scoring = self._scoring_signatures()
        self.record_legal = [
            sum(w for t, w in zip(r.terms.terms, ws, strict=True) if t.role == Role.LEGAL)
            for r, ws in zip(self.records, self.record_weights, strict=True)
        ]

    def _scoring_signatures(self) -> list[int]:
        """Number the records by everything their name score depends on."""
        numbers: dict[object, int] = {}
        signatures = []
        for rid, record in enumerate(self.records):
            signature = (
                self.record_person[rid],
                record.terms.terms,
                record.terms.korean,
                record.terms.runs,
                record.korean,
                record.key_groups,
                self.record_weights[rid],
            )
            signatures.append(numbers.setdefault(signature, len(numbers)))
        return signatures

    def _add(
        self,
        position: int,
        entry: Entry,
        value: str,
        kind: NameKind,
        quality: str | None,
        family: tuple[KoreanReading, ...],
        building: dict[str, list[int]],
    ) -> None:
        """Analyse one list name and file it under its blocking keys."""
        tokens = tokenize(value)
        if not tokens.words:
            return
        context = _korean_entry(entry)
        if entry.type == EntityType.PERSON:
            # Korean readings only where a Korean name is plausible: reading every name
            # of every list as Korean costs build time and finds nothing more.
            terms = person_terms(tokens)
            korean = (
                read_korean_name(tokens) if context or _korean_surname_first_or_last(tokens) else ()
            )
            if not korean and family and len(tokens.words) == 1:
                korean = given_name_alias(tokens.words[0], family)
        else:
            terms, korean = org_terms(tokens), ()
        factor = LOW_QUALITY_FACTOR if (quality or "").lower() in LOW_QUALITY else 1.0
        record_id = len(self.records)
        terms_set = term_set(terms, korean=context, runs=context or len(terms) <= 3)
        groups = term_key_groups(terms_set, loose=context)
        self.records.append(NameRecord(position, value, kind, factor, terms_set, korean, groups))
        for key in {k for k in (self._weight_key(t, terms_set.korean) for t in terms) if k}:
            self.document_frequency[key] = self.document_frequency.get(key, 0) + 1
        self.record_keys.append(frozenset().union(*groups))
        for key in self.record_keys[-1] | korean_keys(korean):
            building.setdefault(key, []).append(record_id)

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

    def weights(self, terms: Sequence[Term], korean: bool | None = None) -> tuple[float, ...]:
        """Return each term's weight: its rarity, halved for Korea and descriptive words.

        Korea is always halved (nearly every DPRK entity carries it); descriptive words
        only in a name that has a proper name too: in one made of generic words alone
        (FOREIGN TRADE BANK) those words are all the identity there is.
        """
        if korean is None:  # a query: its words' facts are kept, as bulk names repeat them
            facts = [self._query_facts(t) for t in terms]
        else:
            facts = [self._facts(t, korean) for t in terms]
        proper = any(is_proper for _, _, is_proper in facts)
        return tuple(rarity * (factor if proper else 1.0) for rarity, factor, _ in facts)

    def _query_facts(self, term: Term) -> WeightFacts:
        """Return the weight facts of a query term, kept across queries."""
        found = self._query_rarity.get(term)
        if found is None:
            found = self._query_rarity.keep(term, self._facts(term, None))
        return found

    def _facts(self, term: Term, korean: bool | None) -> WeightFacts:
        """Return a term's rarity (Korea's already reduced), its factor in a name that has
        a proper word, and whether it is such a word (not Korea, a legal form or a descriptor)."""
        if term.role == Role.KOREA:
            return self._rarity(term, korean) * KOREA_FACTOR, 1.0, False
        descriptor = is_descriptor(term)
        proper = term.role == Role.WORD and not descriptor
        return self._rarity(term, korean), DESCRIPTOR_FACTOR if descriptor else 1.0, proper

    @staticmethod
    def _weight_key(term: Term, korean: bool) -> str | None:
        """Return the key a list term's rarity is counted under.

        In a Korean-context name a Korean word counts by its Hangul reading, so that its
        spellings (Daesong, Taesong, Daeseong) weigh the same; elsewhere by its spelling.
        """
        return (term.reading_key if korean else None) or term.weight_key

    def _rarity(self, term: Term, korean: bool | None) -> float:
        """Return a term's inverse document frequency (``korean`` None: a query, either way)."""
        if korean is None:
            reading = term.reading_key
            if reading is not None and reading in self.document_frequency:
                return self.idf(reading)
            return self.idf(term.weight_key)
        return self.idf(self._weight_key(term, korean))

    def candidates(self, groups: Iterable[frozenset[str]]) -> list[int]:
        """Return the records that best cover a query's terms, each term counted once.

        ``groups`` holds each query term's alternative keys (its spelling, skeletons,
        translations); a record scores the rarity weight of the best key it shares per
        term, so a term's several keys never count several times. Records are found
        through the rare keys, or through two common keys at once; set operations do the
        work, so a query touches each record it finds once.
        """
        terms: list[KeyList] = []
        query_weight = 0.0
        for group in groups:
            keys = self._term_keys(group)
            if keys:
                query_weight += keys[0][1]
                terms.append(keys)
        found = self._found(terms)
        if not found:
            return []
        scores = dict.fromkeys(found, 0.0)
        # A rare key's names are all in ``found``: only common keys need the intersection.
        for keys in terms:
            if len(keys) == 1:  # most terms: one key, no overlap to remove
                posting, weight = keys[0]
                for record in posting if len(posting) <= COMMON_POSTINGS else found & posting:
                    scores[record] += weight
                continue
            seen: set[int] = set()
            for posting, weight in keys:  # best key first: a term counts once per record
                within = posting if len(posting) <= COMMON_POSTINGS else found & posting
                hit = within - seen
                for record in hit:
                    scores[record] += weight
                seen |= hit
        # Rank like the final score does: shared weight against both names' whole weight,
        # so a name covering every query word beats one that shares a single rare key.
        # (sorted()[:n] is heapq.nlargest, ties kept in order, done in C for these sizes.)
        totals = self.record_totals
        leading = sorted(scores.items(), key=itemgetter(1), reverse=True)[:PRESELECT]
        estimates = [(r, 2 * s / (query_weight + totals[r] + 1e-9)) for r, s in leading]
        top = sorted(estimates, key=itemgetter(1), reverse=True)[:MAX_CANDIDATES]
        floor = max(top[0][1] * RELATIVE_CUTOFF, ESTIMATE_FLOOR)
        return [record for record, estimate in top if estimate >= floor]

    def _term_keys(self, group: frozenset[str]) -> KeyList:
        """Return a query term's indexed keys as (posting, weight), the heaviest first.

        Kept per key group: bulk queries repeat their words, and so their groups.
        """
        found = self._key_lists.get(group)
        if found is None:
            keys = [self._keyed[k] for k in group if k in self._keyed]
            keys = [(p, w) for p, w in keys if len(p) <= MAX_POSTINGS]
            keys.sort(key=itemgetter(1), reverse=True)
            found = self._key_lists.keep(group, keys)
        return found

    def _found(self, terms: list[KeyList]) -> frozenset[int]:
        """Return the records holding a rare key, or two of the rarest common keys.

        A coarse key alone (the skeleton KN of 고려) is on too many names to start from,
        but names carrying two of the query's common keys (고려 and 은행: KORYO BANK)
        are few, and may be the match.
        """
        postings = [p for keys in terms for p, _ in keys]
        rare = [p for p in postings if len(p) <= COMMON_POSTINGS]
        common = sorted({p for p in postings if len(p) > COMMON_POSTINGS}, key=len)[:SEED_KEYS]
        pairs = [self._overlap(a, b) for i, a in enumerate(common) for b in common[i + 1 :]]
        found = frozenset().union(*rare, *pairs)
        if not found and common:
            found = common[0]  # a query of one common word: its names are all there is
        return found

    def _overlap(self, a: frozenset[int], b: frozenset[int]) -> frozenset[int]:
        """Return the names on both of two common keys, kept: common keys are few."""
        pair = (id(a), id(b))  # postings live as long as the index, so ids stay theirs
        found = self._overlaps.get(pair)
        if found is None:
            found = self._overlaps.keep(pair, a & b)
        return found

    def _posting_weight(self, length: int) -> float:
        """Return the weight of a key found on ``length`` names."""
        return math.log((self.size + 1) / (length + 1)) + 1.0
