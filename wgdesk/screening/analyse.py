"""Stage 1 of screening: analyse a name into weighted terms, Korean readings and keys.

Every name, the query and each list name alike, is read two ways: as a person's name
(its words, and its readings as a Korean name) and as an organisation's (words rewritten:
legal forms, abbreviations, names of Korea, Hangul cut by the glossary). Each term carries
its blocking keys (see :func:`own_keys`), which decide what the index retrieves and
bound what a comparison can reach.

The query's analysis is a :class:`QueryAnalysis`; a list name's is kept in the index as a
:class:`wgdesk.screening.index.NameRecord`.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from wgdesk.screening.cache import word_cache
from wgdesk.screening.compare.terms import MIN_ABJAD_CONSONANTS, MIN_LOOSE, Memo
from wgdesk.screening.korean.hangul import has_hangul
from wgdesk.screening.korean.hanja import hanja_name_readings, has_han
from wgdesk.screening.korean.names import KoreanReading, SurnameKey, read_korean_name
from wgdesk.screening.korean.readings import ReadingSeq, join_segmentations
from wgdesk.screening.korean.tables import surnames
from wgdesk.screening.model import EntityType, Entry, NameKind
from wgdesk.screening.symbols import name_symbols, phonetic_code
from wgdesk.screening.terms import (
    ABJADS,
    OwnKeys,
    Role,
    Term,
    TermSet,
    given_start,
    is_descriptor,
    org_terms,
    own_key_set,
    own_keys,
    person_terms,
    term_set,
)
from wgdesk.screening.text import (
    Token,
    Tokens,
    tokenize,
)

KeyGroups = tuple[frozenset[str], ...]  # each term's blocking keys, in the name's order
# A term's blocking keys in parts: its word's keys, then those of each run it is in. Not
# merged: a word's part is one cached object in every name with that word, and retrieval
# keeps what it finds per part (only a new run is looked up anew).
KeyParts = tuple[frozenset[str], ...]
WordGroups = tuple[OwnKeys, ...]  # a list name's terms' own keys (one object per word)
RunKeys = tuple[str, ...]  # a list name's run keys, sorted (a tuple: runs' keys are few)
RunGroups = tuple[tuple[tuple[int, ...], RunKeys], ...]  # each list run: its words, its keys
Probe = tuple[int, ...]  # a query's key filter as the positions of its bits (see holds)
RunBounds = tuple[tuple[tuple[int, ...], frozenset[str], Probe], ...]  # a query's: and probe
NO_INITIALS: frozenset[str] = frozenset()  # shared by the many names without initials
KEY_BITS = 2048  # the width of a key filter (see key_bits)
KEY_BYTES = KEY_BITS // 8


class Looks(StrEnum):
    """How surely a query names an organisation."""

    SURE = "sure"  # typed as such, or with a legal form or a name of Korea
    MAYBE = "maybe"  # a descriptive word (Bank, or a final 성) a personal name may hold
    NO = "no"


@dataclass(frozen=True, slots=True)
class Reading:
    """A name read one way (as a person's or an organisation's): terms, weights and keys."""

    terms: TermSet
    weights: tuple[float, ...]
    groups: tuple[KeyParts, ...]  # each term's keys, runs included, in parts
    total: float  # the sum of the weights
    free: float  # the weight of its legal forms and initials, which pair without a shared key
    initials: frozenset[str]  # the letters of its initials
    bound_groups: KeyGroups  # each word's keys, runs aside; none for legal forms, initials
    run_bounds: RunBounds  # runs: words, keys, their key probe
    run_probe: Probe  # the key probe of every run's keys
    memo: Memo  # each term's comparisons with list terms, kept across queries


@dataclass(frozen=True, slots=True)
class QueryAnalysis:
    """A query name analysed both ways, with the keys that retrieve its candidates."""

    person: Reading
    organisation: Reading  # the same object when both readings agree (most names)
    korean: tuple[KoreanReading, ...]
    key_groups: tuple[tuple[KeyParts, ...], ...]  # per reading (and the Korean one), per
    # term, the keys retrieval starts from
    person_like: bool  # untyped, no sign of an organisation, and reads as a Korean name
    han: bool = False  # written in Chinese characters (its Korean readings are Hanja's)

    def reading_for(self, person: bool) -> Reading:
        """Return the reading that fits a list entry: the person's for a person entry."""
        return self.person if person else self.organisation


# --- blocking keys --------------------------------------------------------------------


@word_cache(65536)  # kept: names repeat their words, in the lists and in bulk queries
def word_keys(
    term: Term, person: bool, phonetic: bool, korean: bool, query: bool
) -> frozenset[str]:
    """Return a term's keys as a word of a name: its own (terms.own_keys) and its extra keys
    (see extra_keys)."""
    keys = own_key_set(term)
    extra = extra_keys(term, person, phonetic, korean, query)
    return keys.union(extra) if extra else keys


def extra_keys(
    term: Term, person: bool, phonetic: bool, korean: bool, query: bool
) -> tuple[str, ...]:
    """Return a word's keys beyond its own: in a personal name its name symbols, its Arabic
    consonants, in the phonetic mode its sound (sorted; none for other terms).

    ``korean`` adds the keys of Korean readings: the loosened skeleton (Aprokgang,
    Amroggang). A query always carries them, a list name only in a Korean context, the
    only one where spellings agree by reading.

    An Arabic word meets its transliteration by consonants: a query's Latin word and a
    list's Arabic one share ``a:<consonants>``, a query's Arabic word and a list's Latin one
    ``c:<consonants>``, so that two Latin words never meet by consonants alone.

    None of these prefixes (l:, c:, a:, s:, p:) is an own key's, so a word's own keys are
    exactly its keys without them (compare/terms.py relies on it).
    """
    if term.role != Role.WORD:
        return ()
    extra: set[str] = set()
    if korean and len(term.loose) >= MIN_LOOSE:
        extra.add("l:" + term.loose)
    prefix = consonant_key(term.script in ABJADS, query)
    extra.update(prefix + form for form in term.consonant_forms if len(form) > 1)
    if person:
        extra.update("s:" + symbol for symbol in name_symbols(term.key))
    if phonetic:
        sound = phonetic_code(term.latin)
        if sound:
            extra.add("p:" + sound)
    return tuple(sorted(extra))


def key_bits(groups: Iterable[Iterable[str]]) -> int:
    """Return the key filter of some key groups: one bit per key, ORed (see group_bits)."""
    bits = 0
    for group in groups:
        bits |= group_bits(group)
    return bits


def group_bits(group: Iterable[str]) -> int:
    """Return a key group's filter: each key sets one of KEY_BITS bits, by its CRC-32.

    Two names whose filters share no bit share no key, so a bound skips them at once.
    CRC-32 rather than hash(): a filter built in one process may be read in another.
    """
    bits = 0
    for key in group:
        bits |= 1 << _key_bit(key)
    return bits


def _key_bit(key: str) -> int:
    """Return the filter bit a key sets."""
    return zlib.crc32(key.encode()) % KEY_BITS


def key_filter(bits: int) -> bytes:
    """Return a list name's key filter as bytes, the form :func:`holds` tests."""
    return bits.to_bytes(KEY_BYTES, "little")


def key_probe(groups: Iterable[Iterable[str]]) -> Probe:
    """Return a query's key filter as the positions of its bits, the form :func:`holds` tests.

    The same bits as :func:`key_bits` sets, taken from the keys: a few positions, where
    reading them off a 2048-bit int would test every bit.
    """
    return tuple(sorted({_key_bit(key) for group in groups for key in group}))


def holds(key_filter: bytes, probe: Probe) -> bool:
    """True when a list name's filter has one of a query probe's bits: they may share a key.

    Bytes and bit positions rather than two 2048-bit ints: ANDing those makes a new int
    for every test, and the bound tests each query word against nearly every candidate.
    """
    return any(key_filter[position >> 3] >> (position & 7) & 1 for position in probe)


def consonant_key(abjad: bool, query: bool) -> str:
    """Return the prefix of a consonant key (see word_keys)."""
    return "c:" if abjad == query else "a:"


def run_keys(
    terms: TermSet, korean: bool, query: bool
) -> list[tuple[tuple[int, ...], frozenset[str]]]:
    """Return the keys of each run of adjacent words with the words it joins: written joined
    (j:), read as Korean syllables (l:, with ``korean``), Arabic consonants (c:)."""
    found = []
    for run in terms.runs:
        keys = ["j:" + run.latin]
        if korean and run.short and len(run.loose) >= MIN_LOOSE:  # AM ROK GANG, Amroggang
            keys.append("l:" + run.loose)
        plain = "".join(terms.terms[i].consonants for i in run.indices)
        if len(plain) > MIN_ABJAD_CONSONANTS:  # an Arabic word may read as these words
            abjad = any(terms.terms[i].script in ABJADS for i in run.indices)
            keys.append(consonant_key(abjad, query) + plain)
        found.append((run.indices, frozenset(keys)))
    return found


def korean_keys(readings: Iterable[KoreanReading]) -> set[str]:
    """Return the keys of a Korean name: surname with each given syllable, and with each pair.

    ``k:김:철`` finds every Kim with a 철; ``k2:김:성:철`` only those whose given name
    has 성 then 철, the selective key among the many Kims of the lists.
    """
    keys: set[str] = set()
    for reading in readings:
        keys.update(_reading_keys(reading.surname, reading.given))
    return keys


@word_cache(65536)  # kept: surnames and given names recur across names
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


# --- list names -------------------------------------------------------------------------

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


def korean_entry(entry: Entry) -> bool:
    """True for entries of a Korea sanctions programme or of Korean nationality."""
    regimes = " ".join(entry.regimes).upper()
    korean_regime = "DPRK" in regimes or "KOREA" in regimes or "NKSPEA" in regimes
    return korean_regime or any("Korea" in c for c in entry.nationalities)


def korean_surname_first_or_last(tokens: Tokens) -> bool:
    """True when a short name starts or ends with a word spelled like a Korean surname."""
    words = tokens.words
    if not 2 <= len(words) <= 4:
        return False
    table = surnames().by_spelling
    return words[0].text in table or words[-1].text in table


def entry_surnames(entry: Entry) -> tuple[KoreanReading, ...]:
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


@dataclass(frozen=True, slots=True)
class ListNameAnalysis:
    """A list name analysed once, before the index knows every name's rarity."""

    terms: TermSet
    korean: tuple[KoreanReading, ...]
    word_groups: WordGroups  # each term's own keys (terms.own_keys: one object per word)
    word_extras: tuple[tuple[str, ...], ...]  # each term's extra keys (see extra_keys)
    run_groups: RunGroups  # each run's words and keys (a term's keys are its own and its runs')
    han: bool = False  # written in Chinese characters


def analyse_list_name(
    tokens: Tokens,
    entry: Entry,
    context: bool,
    family: tuple[KoreanReading, ...],
    phonetic: bool = False,
) -> ListNameAnalysis:
    """Analyse one list name as its entry's type requires, in or out of a Korean context."""
    if entry.type == EntityType.PERSON:
        # Korean readings only where a Korean name is plausible: reading every name
        # of every list as Korean costs build time and finds nothing more.
        terms = person_terms(tokens)
        # Hangul is Korean wherever it is listed (김정은 on a non-Korean programme).
        hangul = any(has_hangul(word.text) or has_han(word.text) for word in tokens.words)
        plausible = context or hangul or korean_surname_first_or_last(tokens)
        korean = read_korean_name(tokens) + hanja_korean_readings(tokens) if plausible else ()
        if not korean and family and len(tokens.words) == 1:
            korean = given_name_alias(tokens.words[0], family)
        person = True
    else:
        terms, korean, person = org_terms(tokens), (), False
    given = given_start(tokens) if person else 0
    found = term_set(
        terms, korean=context, runs=context or len(terms) <= 3, person=person, given=given
    )
    han = any(has_han(word.text) for word in tokens.words)
    korean_keys = found.korean
    words = tuple(own_keys(t) for t in found.terms)
    extras = tuple(extra_keys(t, found.person, phonetic, korean_keys, False) for t in found.terms)
    runs = tuple((i, tuple(sorted(keys))) for i, keys in run_keys(found, korean_keys, False))
    return ListNameAnalysis(found, korean, words, extras, runs, han)


# --- queries ----------------------------------------------------------------------------


def hanja_korean_readings(tokens: Tokens) -> tuple[KoreanReading, ...]:
    """Read a personal name written in Hanja (張明進) as the Korean names it can be."""
    text = " ".join(word.text for word in tokens.words)
    if not has_han(text) or len(tokens.words) > 2:
        return ()
    readings: list[KoreanReading] = []
    for hangul in hanja_name_readings(text):
        readings.extend(read_korean_name(tokenize(hangul)))
    return tuple(dict.fromkeys(readings))


def organisation_signs(terms: TermSet, kind: EntityType | None) -> Looks:
    """Say how surely a query names an organisation.

    Sure: typed as such, or with a legal form or a name of Korea. Maybe: a descriptive word
    (Bank, Trading, or a glossary term such as a final 성) that a personal name may also hold.
    """
    if kind is not None:
        return Looks.NO if kind == EntityType.PERSON else Looks.SURE
    if any(t.role != Role.WORD for t in terms.terms):
        return Looks.SURE
    return Looks.MAYBE if any(is_descriptor(t) for t in terms.terms) else Looks.NO


FREE_ROLES = frozenset({Role.LEGAL, Role.INITIAL})


def free_weight(terms: TermSet, weights: Sequence[float]) -> float:
    """Return the weight of a name's legal forms and initials: they may pair without a key."""
    return sum((w for t, w in zip(terms.terms, weights, strict=True) if t.role in FREE_ROLES), 0.0)


def initials_of(terms: TermSet) -> frozenset[str]:
    """Return the letters of a name's initials."""
    return frozenset(t.key for t in terms.terms if t.role == Role.INITIAL) or NO_INITIALS


def bound_groups(terms: TermSet, groups: KeyGroups) -> KeyGroups:
    """Return the key groups a bound counts: none for legal forms and initials."""
    if not any(t.role in FREE_ROLES for t in terms.terms):
        return groups
    return tuple(
        frozenset() if t.role in FREE_ROLES else g for t, g in zip(terms.terms, groups, strict=True)
    )


def analyse_query(
    tokens: Tokens,
    kind: EntityType | None,
    weigh: Callable[[Sequence[Term]], tuple[float, ...]],
    memo_rows: Callable[[Sequence[Term]], Memo],
    phonetic: bool = False,
) -> QueryAnalysis:
    """Analyse a query as a person and as an organisation, and collect its keys.

    ``weigh`` gives each term its weight over the indexed names; ``memo_rows`` gives each
    term its row of kept comparisons; ``phonetic`` adds the words' sounds to their keys.
    """
    p_terms = term_set(person_terms(tokens), person=True, given=given_start(tokens))
    korean = read_korean_name(tokens) + hanja_korean_readings(tokens)
    o_words = org_terms(tokens)
    # Most names read the same either way (James Smith, Kim Min-ji): analyse once.
    person = _reading(p_terms, weigh, memo_rows, phonetic)
    if o_words == p_terms.terms:
        organisation = person
    else:
        organisation = _reading(term_set(o_words), weigh, memo_rows, phonetic)
    korean_groups = tuple((frozenset({k}),) for k in korean_keys(korean))
    # Candidates are fetched with every reading that may fit: a typed organisation by its
    # organisation's words only (its words read as a person's, SHPG or Co, would fetch
    # people), a typed person by the person's; an untyped name by both, since retrieval
    # caps nothing and a compound such as AL-HARAMAIN reads differently either way.
    looks = organisation_signs(organisation.terms, kind)
    if kind is not None and looks == Looks.SURE:
        key_groups: tuple[tuple[KeyParts, ...], ...] = (_seeds(organisation),)
    elif kind is not None or organisation is person:
        key_groups = (_seeds(person), korean_groups)
    else:
        key_groups = (_seeds(person), _seeds(organisation), korean_groups)
    person_like = kind is None and looks == Looks.NO and bool(korean)
    han = any(has_han(word.text) for word in tokens.words)
    return QueryAnalysis(person, organisation, korean, key_groups, person_like, han)


def _seeds(reading: Reading) -> tuple[KeyParts, ...]:
    """Return the key groups retrieval starts from: every term's but a legal form's (a
    legal form alone never makes a match, so it finds no names)."""
    return tuple(
        g for t, g in zip(reading.terms.terms, reading.groups, strict=True) if t.role != Role.LEGAL
    )


def _reading(
    terms: TermSet,
    weigh: Callable[[Sequence[Term]], tuple[float, ...]],
    memo_rows: Callable[[Sequence[Term]], Memo],
    phonetic: bool,
) -> Reading:
    """Return one reading of a query: its terms with weights, keys and comparison rows."""
    weights = weigh(terms.terms)
    words = tuple(word_keys(term, terms.person, phonetic, True, True) for term in terms.terms)
    runs = tuple(run_keys(terms, True, True))
    groups: list[KeyParts] = [(keys,) for keys in words]
    for indices, keys in runs:
        for i in indices:
            groups[i] += (keys,)
    return Reading(
        terms,
        weights,
        tuple(groups),
        sum(weights, 0.0),
        free_weight(terms, weights),
        initials_of(terms),
        bound_groups(terms, words),
        tuple((indices, keys, key_probe((keys,))) for indices, keys in runs),
        key_probe(keys for _, keys in runs),
        memo_rows(terms.terms),
    )
