"""Split a name into comparable terms: words with a role, a canonical key and a skeleton.

Organisation names are rewritten first: abbreviations written out (SHPG -> shipping),
legal forms reduced to one low-weight form (Co., Corp., Ltd -> company), the names of
Korea made one word (Korea, Korean, Choson, Chosun, DPRK -> korea) and word forms
stemmed (Banking -> bank). Hangul organisation names are cut into glossary terms
(조선|대성|은행), each carrying its English translations, so that a Hangul name can
match a list name by romanization or by translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

import yaml

from wgdesk.screening.features import feature
from wgdesk.screening.korean.hangul import has_hangul, is_syllable, normalize_syllable
from wgdesk.screening.korean.readings import join_segmentations
from wgdesk.screening.korean.romanize import romanizations
from wgdesk.screening.korean.tables import GlossaryTerm, glossary, glossary_north
from wgdesk.screening.text import (
    Token,
    Tokens,
    loose_skeleton,
    pronounced_skeleton,
    skeleton,
    to_latin,
    tokenize,
)

MIN_FUZZY_LENGTH = int(feature("fuzzy_letters"))


class Role(StrEnum):
    """What a term does in a name."""

    WORD = "word"  # carries identity
    LEGAL = "legal"  # a legal form: weighs little
    KOREA = "korea"  # a name of Korea: all equivalent


@dataclass(frozen=True, slots=True)
class Term:
    """One comparable unit of a name."""

    key: str  # canonical form: folded, rewritten; Hangul stays Hangul
    parts: tuple[str, ...]  # the pieces as written (hyphen parts, or Hangul syllables)
    role: Role = Role.WORD
    latin: str = ""  # ASCII form of a non-Latin word (anyascii), else the key
    skel: str = ""  # consonant skeleton, for blocking and weighting
    translations: tuple[tuple[str, ...], ...] = ()  # glossary: English term keys
    shown: str = ""  # the word as written (folded), for explanations
    sound: str = ""  # skeleton of the word's own spelling, when ``skel`` is a translation's
    # The key its weight is looked up by: legal forms have none (a constant weight).
    weight_key: str | None = field(init=False)
    loose: str = field(init=False, compare=False)  # loose_skeleton(spoken), for pairing
    hangul: bool = field(init=False, compare=False)  # the key holds Hangul
    # Terms are dictionary keys on every query (memo rows, weights): hash them once.
    _hash: int = field(init=False, repr=False, compare=False)

    def __hash__(self) -> int:
        return self._hash

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # String hashes differ between processes: a pickled term is built anew.
        fields = (self.key, self.parts, self.role, self.latin, self.skel)
        return (Term, (*fields, self.translations, self.shown, self.sound))

    def __post_init__(self) -> None:
        # The exact word's rarity: a skeleton is shared by too many words (Ansan, Nasir).
        # A glossary term weighs as its English translation (은행 as "bank").
        if self.role == Role.LEGAL:
            key = None
        elif self.role == Role.KOREA:
            key = "w:KOREA"
        elif self.translations and len(self.translations[0]) == 1:
            key = "t:" + self.translations[0][0]
        else:
            key = "t:" + self.key
        object.__setattr__(self, "weight_key", key)
        object.__setattr__(self, "loose", loose_skeleton(self.sound or self.skel))
        object.__setattr__(self, "hangul", has_hangul(self.key))
        fields = (self.key, self.parts, self.role, self.latin, self.skel, self.translations)
        object.__setattr__(self, "_hash", hash((*fields, self.shown, self.sound)))

    @property
    def reading_key(self) -> str | None:
        """The weight key of a Korean word read as Hangul (Daesong, Taesong -> 대성), if any."""
        if self.role != Role.WORD or self.translations:
            return None
        return canonical_reading(self.parts)

    @property
    def spoken(self) -> str:
        """The skeleton of the word as spelled (a glossary term's own, not its translation's)."""
        return self.sound or self.skel


@dataclass(frozen=True, slots=True)
class Run:
    """Two or three adjacent words read as one (AM ROK GANG as AMROKGANG)."""

    indices: tuple[int, ...]
    latin: str
    skel: str
    parts: tuple[str, ...]
    loose: str = field(init=False)  # loose_skeleton(skel): runs pair by it, once per name

    def __post_init__(self) -> None:
        object.__setattr__(self, "loose", loose_skeleton(self.skel))


MIN_CANONICAL_LETTERS = 4  # shorter Latin words are too ambiguous to read as Korean


@lru_cache(maxsize=65536)
def canonical_reading(parts: tuple[str, ...]) -> str | None:
    """Return one Hangul spelling that stands for all romanizations of a word (Daesong,
    Taesong, Daeseong -> 대성), so they share a weight; None for words that do not read."""
    text = "".join(parts)
    if not parts or (text.isascii() and len(text) < MIN_CANONICAL_LETTERS):
        return None
    cuts = join_segmentations(parts)
    if not cuts:
        return None
    fewest = min(cuts, key=len)
    if len(fewest) > 4:
        return None
    return "h:" + "".join(chr(min(position)) for position in fewest)


class TermSet:
    """A name's terms with what comparisons need: runs, and lookup tables built on first use."""

    __slots__ = ("_by_latin", "_by_skel", "korean", "runs", "terms", "translated")

    def __init__(self, terms: tuple[Term, ...], runs: tuple[Run, ...], korean: bool) -> None:
        self.terms = terms
        self.runs = runs
        # A Korean-context name (Korea, Hangul, a DPRK entry): its Korean words compare by
        # reading only, since one letter separates different listed words (Kwangson, Kwangsong).
        self.korean = korean
        self.translated = any(t.translations for t in terms)  # has a glossary term
        self._by_latin: dict[str, tuple[int, ...]] | None = None
        self._by_skel: dict[str, tuple[int, ...]] | None = None

    @property
    def by_latin(self) -> dict[str, tuple[int, ...]]:
        """Word terms by ASCII form."""
        found = self._by_latin
        return self._group()[0] if found is None else found

    @property
    def by_skel(self) -> dict[str, tuple[int, ...]]:
        """Word terms by loose skeleton (see text.loose_skeleton)."""
        found = self._by_skel
        return self._group()[1] if found is None else found

    def _group(self) -> tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]]:
        """Group the positions of word terms by ASCII form and by loose skeleton, at once."""
        by_latin: dict[str, tuple[int, ...]] = {}
        by_skel: dict[str, tuple[int, ...]] = {}
        for i, term in enumerate(self.terms):
            if term.role == Role.WORD:
                by_latin[term.latin] = (*by_latin.get(term.latin, ()), i)
                by_skel[term.loose] = (*by_skel.get(term.loose, ()), i)
        self._by_latin, self._by_skel = by_latin, by_skel
        return by_latin, by_skel


MAX_RUN = 3  # longest run of adjacent words read as one word
SHORT_LEGAL_FORM = 3  # letters: legal forms this short are words when they open a name
RUN_WORD_LETTERS = 7  # only words this short (a syllable or two: phyeong) are joined into runs


def term_set(terms: tuple[Term, ...], korean: bool = False, runs: bool = True) -> TermSet:
    """Precompute the runs of short adjacent words of a name's terms (when ``runs``)."""
    short = [runs and t.role == Role.WORD and len(t.latin) <= RUN_WORD_LETTERS for t in terms]
    found = []
    for start in range(len(terms) - 1):
        for size in range(2, MAX_RUN + 1):
            if start + size > len(terms) or not all(short[start : start + size]):
                break
            found.append(_run(start, terms[start : start + size]))
    korean = korean or any(t.role == Role.KOREA or t.hangul for t in terms)
    return TermSet(terms, tuple(found), korean)


@lru_cache(maxsize=32768)  # kept: runs of the same words recur across names
def _run(start: int, chunk: tuple[Term, ...]) -> Run:
    """Return the run of the words of ``chunk``, the first at ``start``."""
    latin = "".join(t.latin for t in chunk)
    parts = tuple(p for t in chunk for p in t.parts)
    return Run(tuple(range(start, start + len(chunk))), latin, skeleton(latin), parts)


@dataclass(frozen=True, slots=True)
class OrgVocabulary:
    """The rewriting tables of org-terms.yaml."""

    abbreviations: dict[str, str]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    any_phrase: re.Pattern[str]  # finds whether any phrase is there at all (rarely)
    korea: frozenset[str]
    legal: dict[str, str]
    stems: dict[str, str]
    stopwords: frozenset[str]
    descriptors: frozenset[str]


@cache
def vocabulary() -> OrgVocabulary:
    """Return the organisation vocabulary, read once from org-terms.yaml."""
    text = resources.files("wgdesk.screening").joinpath("data").joinpath("org-terms.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    phrases = tuple(
        (re.compile(rf"(?<![\w-]){re.escape(k)}(?![\w-])"), v)
        for k, v in sorted(data["phrases"].items(), key=lambda kv: -len(kv[0]))
    )
    alternatives = "|".join(re.escape(k) for k in data["phrases"])
    return OrgVocabulary(
        abbreviations={str(k): str(v) for k, v in data["abbreviations"].items()},
        phrases=phrases,
        any_phrase=re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"),
        korea=frozenset(data["korea"]),
        legal={str(k): str(v) for k, v in data["legal_forms"].items()},
        stems={str(k): str(v) for k, v in data["stems"].items()},
        stopwords=frozenset(data["stopwords"]),
        descriptors=frozenset(data["descriptors"]) | frozenset(data["stems"].values()),
    )


@cache
def descriptors() -> frozenset[str]:
    """Return the descriptive words: the vocabulary list plus the glossary's English words."""
    words = set(vocabulary().descriptors)
    for term in glossary().values():
        if term.kind == "word":
            for english in term.english:
                words.update(_english_keys(english))
    return frozenset(words)


def is_descriptor(term: Term) -> bool:
    """True when a term describes (bank, trade) rather than names an organisation."""
    return term.role == Role.WORD and (bool(term.translations) or term.key in descriptors())


def is_proper(term: Term) -> bool:
    """True for a word that names rather than describes: not Korea, a legal form or a descriptor."""
    return term.role == Role.WORD and not is_descriptor(term)


def person_terms(tokens: Tokens) -> tuple[Term, ...]:
    """Return the terms of a personal name: its words, minus particles such as 'al' or 'de'."""
    stop = vocabulary().stopwords
    return tuple(_word_term(w) for w in tokens.words if w.text not in stop)


def _word_term(word: Token) -> Term:
    """Return a plain term for one word as written."""
    return _parts_term(word.parts)


@lru_cache(maxsize=65536)
def _parts_term(written: tuple[str, ...]) -> Term:
    """Return the plain term of a word's hyphen parts (kept: names repeat their words)."""
    key = "".join(written)
    latin = to_latin(key)
    parts = written if latin == key else ()
    if has_hangul(key) and all(is_syllable(c) for c in key):
        parts = (key,)  # one part: readings need each syllable's neighbours
    return Term(key, parts, Role.WORD, latin, skeleton(key), shown="-".join(written))


def org_terms(tokens: Tokens) -> tuple[Term, ...]:
    """Return the terms of an organisation name, rewritten and with Hangul cut by glossary."""
    vocab = vocabulary()
    terms: list[Term] = []
    for position, word in enumerate(_split_compounds(_rewrite_words(tokens.words, vocab))):
        if has_hangul(word.text):
            terms.extend(hangul_org_terms(word.text))
            continue
        term = _org_word_of(word.parts, position == 0)
        if term is not None:
            terms.append(term)
    return tuple(terms)


def _rewrite_words(words: tuple[Token, ...], vocab: OrgVocabulary) -> tuple[Token, ...]:
    """Expand abbreviations and rewrite multi-word phrases (joint venture -> jv)."""
    expanded: list[str] = []
    for word in words:
        expansion = vocab.abbreviations.get(word.text)
        expanded.append(expansion if expansion is not None else word.hyphenated)
    text = " ".join(expanded)
    if vocab.any_phrase.search(text):  # most names hold none: skip the one-by-one rewriting
        for pattern, replacement in vocab.phrases:
            text = pattern.sub(replacement, text)
    return tuple(
        Token(tuple(p for p in raw.split("-") if p)) for raw in text.split() if raw.strip("-")
    )


def _split_compounds(words: tuple[Token, ...]) -> tuple[Token, ...]:
    """Split hyphenated compounds of long words (World-Shipping) into words; keep Ryon-Bong."""
    out: list[Token] = []
    for word in words:
        if len(word.parts) > 1 and any(len(p) > RUN_WORD_LETTERS for p in word.parts):
            out.extend(Token((p,)) for p in word.parts)
        else:
            out.append(word)
    return tuple(out)


@lru_cache(maxsize=32768)  # kept: organisation names repeat their words
def _org_word_of(parts: tuple[str, ...], first: bool) -> Term | None:
    """Return the term of a word of an organisation name, given its hyphen parts."""
    return _org_word(Token(parts), vocabulary(), first)


def _org_word(word: Token, vocab: OrgVocabulary, first: bool = False) -> Term | None:
    """Return the term of one Latin (or other-script) word of an organisation name."""
    text = word.text
    if text in vocab.stopwords:
        return None
    if text in vocab.korea:
        return Term("korea", (), Role.KOREA, "korea", "KOREA", shown=text)
    # A short legal form (AB, SA, AS) never opens a name: there it is a word (AB LOG GANG).
    if text in vocab.legal and not (first and len(text) <= SHORT_LEGAL_FORM):
        return Term(vocab.legal[text], (), Role.LEGAL, vocab.legal[text], "", shown=text)
    stem = vocab.stems.get(text)
    if stem is not None:
        return Term(stem, (), Role.WORD, stem, skeleton(stem), shown=text)
    return _word_term(word)


_HANGUL_PIECES = re.compile(r"제\d+|\d+|[\uac00-\ud7a3]+|[^\uac00-\ud7a3\d]+")
_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)


def hangul_org_terms(text: str) -> list[Term]:
    """Cut a Hangul organisation name into glossary terms, numbers and the runs between them."""
    terms: list[Term] = []
    for piece in _HANGUL_PIECES.findall(text):
        if piece.startswith("제") and piece[1:].isdigit():
            terms.append(_ordinal_term(piece))  # 제2 is "Second" (제2경제위원회)
        elif has_hangul(piece):
            terms.extend(_hangul_word_terms(piece))
        else:
            terms.append(_word_term(Token((piece,))))
    return terms


def _ordinal_term(piece: str) -> Term:
    """Return the term of a Korean ordinal (제2): the English ordinal, or 2nd, or 2."""
    number = int(piece[1:])
    word = _ORDINALS[number - 1] if 1 <= number <= len(_ORDINALS) else f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number if number < 20 else number % 10, "th")
    translations = ((f"{number}{suffix}",), (str(number),))
    return Term(word, (), Role.WORD, word, skeleton(word), translations, piece)


def _hangul_word_terms(text: str) -> list[Term]:
    """Cut one Hangul word into glossary terms and the syllable runs between them."""
    syllables = [c for c in text if is_syllable(c)]
    terms: list[Term] = []
    run: list[str] = []
    i = 0
    while i < len(syllables):
        found = _longest_term(syllables, i)
        if found is None:
            run.append(syllables[i])
            i += 1
            continue
        size, entry = found
        if run:
            terms.append(_hangul_run(run))
            run = []
        terms.append(_glossary_term(entry, syllables[i : i + size]))
        i += size
    if run:
        terms.append(_hangul_run(run))
    return terms


def _longest_term(syllables: list[str], start: int) -> tuple[int, GlossaryTerm] | None:
    """Return the longest glossary term starting at ``start``, honouring end-only terms."""
    exact, north = glossary(), glossary_north()
    for size in range(min(len(syllables) - start, 12), 0, -1):
        chunk = syllables[start : start + size]
        entry = exact.get("".join(chunk)) or north.get(tuple(normalize_syllable(c) for c in chunk))
        if entry is None:
            continue
        if entry.end_only and (start + size != len(syllables) or start == 0):
            continue
        return size, entry
    return None


def _hangul_run(syllables: list[str]) -> Term:
    """Return a term for Hangul syllables that are not a glossary term (a proper name)."""
    text = "".join(syllables)
    return Term(text, (text,), Role.WORD, to_latin(text), skeleton(text), shown=text)


def _glossary_term(entry: GlossaryTerm, syllables: list[str]) -> Term:
    """Return a term for a glossary word, with its translations as canonical keys."""
    text = "".join(syllables)
    if entry.kind == "korea":
        return Term("korea", (text,), Role.KOREA, "korea", "KOREA", shown=text)
    if entry.kind == "legal":
        return Term("company", (), Role.LEGAL, "company", "", shown=text)
    translations = tuple(dict.fromkeys(t for t in (_english_keys(e) for e in entry.english) if t))
    skel = skeleton(translations[0][0]) if translations else skeleton(text)
    return Term(text, (text,), Role.WORD, to_latin(text), skel, translations, text, skeleton(text))


def _english_keys(english: str) -> tuple[str, ...]:
    """Return the canonical keys of an English translation, as a list name would give them."""
    return tuple(t.key for t in org_terms(tokenize(english)) if t.role != Role.LEGAL)


@lru_cache(maxsize=65536)  # kept: names repeat their words, in the lists and in bulk queries
def own_keys(term: Term) -> frozenset[str]:
    """Return the blocking keys of one term on its own (runs of words aside).

    Every rule that can pair two words requires a key they share (compare/terms.py), so
    these keys are exactly what retrieval and the score bound need: the word as
    rewritten, its consonant skeleton and the skeleton loosened for nasal assimilation
    (Aprokgang, Amroggang), its Korean romanizations when it is Hangul, its translations,
    and the spellings one letter away (a deletion neighbourhood: any two words one edit
    apart, a transposition included, share one of these).
    """
    keys: set[str] = set()
    if term.role == Role.WORD:
        skel = term.skel or term.key
        keys.update(("t:" + term.key, "w:" + skel, "l:" + loose_skeleton(skel)))
        keys.update("t:" + spelling for spelling in romanizations(term.key))  # 운산: unsan
        keys.update(deletion_keys(term.latin))
    if term.weight_key is not None:
        keys.add(term.weight_key)
    if term.sound:
        keys.update(("w:" + term.sound, "l:" + term.loose))
    if term.parts and not term.key.isascii():
        # Romanizations follow the sound (Amnokkang for 압록강): Hangul keys both ways.
        keys.add("w:" + pronounced_skeleton(term.key))
    for translation in term.translations:
        keys.update("w:" + skeleton(word) for word in translation)
    return frozenset(keys)


def deletion_keys(latin: str) -> tuple[str, ...]:
    """Return a word and every spelling of it with one letter left out (4+ letters only).

    Two words one substitution, insertion, deletion or transposition apart always share
    one of these, so spelling variants are found and bounded through keys like the rest.
    """
    if len(latin) < MIN_FUZZY_LENGTH:
        return ()
    return ("d:" + latin, *("d:" + latin[:i] + latin[i + 1 :] for i in range(len(latin))))
