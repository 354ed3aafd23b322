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
import sys
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz.distance import OSA

from wgdesk.screening.cache import word_cache
from wgdesk.screening.features import feature
from wgdesk.screening.korean.hangul import has_hangul, is_syllable, normalize_syllable
from wgdesk.screening.korean.readings import fewest_syllables, join_segmentations
from wgdesk.screening.korean.romanize import romanizations
from wgdesk.screening.korean.tables import GlossaryTerm, glossary, glossary_north
from wgdesk.screening.symbols import (
    ordinals,
    org_type_forms,
    person_name_prefixes,
)
from wgdesk.screening.text import (
    Token,
    Tokens,
    arabic_vowel_patterns,
    consonants,
    fold,
    latin_vowel_pattern,
    loose_skeleton,
    pronounced_skeleton,
    skeleton,
    to_latin,
    tokenize,
    translit_fold,
    unwritten_short_vowels,
    vowel_fold,
)
from wgdesk.yamlio import load_yaml

MIN_FUZZY_LENGTH = int(feature("fuzzy_letters"))
NEIGHBOUR_SKELETON = 4  # sounds a skeleton needs to have neighbours (skeleton_neighbours)
NEIGHBOUR_LETTERS = 8  # ... and letters its Latin word needs
NAME_SYLLABLES = 3  # a word read as this many Korean syllables or fewer is a name's
PREFIX_LETTERS = 4  # the beginning of a long word, a key its misspellings mostly keep

_SCRIPT_PREFIXES = (
    ("CJK", "han"),
    ("HANGUL", "hangul"),
    ("KATAKANA", "kana"),
    ("HIRAGANA", "kana"),
    ("CYRILLIC", "cyrillic"),
    ("ARABIC", "arabic"),
    ("GREEK", "greek"),
    ("HEBREW", "hebrew"),
    ("LATIN", "latin"),
)


@word_cache(65536)
def script_of(text: str) -> str:
    """Return the script of a word by its first letter: latin, han, hangul, kana, cyrillic..."""
    if text.isascii():
        return "latin"
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "")
            for prefix, script in _SCRIPT_PREFIXES:
                if name.startswith(prefix):
                    return script
            return "other"
    return "other"


# Roman numerals that are not also names or words (Li, Mix, Vi stay words); only after a
# name's first word (Partners II, Kum Gang III).
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "vii": 7, "viii": 8, "ix": 9, "xii": 12, "xiii": 13}
_ROMAN |= {"xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20}


def number_value(text: str, position: int) -> int | None:
    """Return the number a word writes (17, 17th, seventeen, seventeenth, XVII), or None."""
    if text.isdigit():
        return int(text) if len(text) <= 9 else None
    if position > 0 and text in _ROMAN:
        return _ROMAN[text]
    return ordinals().get(text)


def _number_term(value: int, shown: str) -> Term:
    """Return the term of a number: its value in figures is its key."""
    return Term(str(value), (), Role.NUMBER, str(value), "", shown=shown)


def _numbers_joined(words: tuple[Token, ...]) -> list[Token | Term]:
    """Turn number words into number terms, two adjacent ones read together (seventy seven)."""
    table = ordinals()
    out: list[Token | Term] = []
    i = 0
    while i < len(words):
        word = words[i]
        if i + 1 < len(words) and f"{word.text} {words[i + 1].text}" in table:
            pair = f"{word.text} {words[i + 1].text}"
            out.append(_number_term(table[pair], pair))
            i += 2
            continue
        value = number_value(word.text, i) if len(word.parts) == 1 else table.get(word.text)
        out.append(word if value is None else _number_term(value, word.hyphenated))
        i += 1
    return out


_READ_AS_Z = str.maketrans({"ض": "ز", "ظ": "ز", "ذ": "ز"})
_READ_AS_S = str.maketrans({"ث": "س"})  # th in Arabic, s in Persian and Urdu (Wassiq)
_SILENT_ENDS = ("ة", "ه")  # a final ta marbuta or heh, often not written in Latin (Juma)


def _consonant_forms(term: Term) -> frozenset[str]:
    """Return the consonant forms of a word (see Term.consonant_forms)."""
    forms = {term.consonants} if term.consonants else set()
    if term.bare:
        forms.add(_bare_consonants(term.bare))
    if term.script == "arabic":
        # Letter by letter too: ط then ه is t and h, not the th of a transliteration
        # (طاهری, Tahiri), ز then ه z and h (حمزه, Hamzah).
        forms.add(_arabic_consonants(term.key))
        for read in (_READ_AS_Z, _READ_AS_S):
            as_read = term.key.translate(read)
            if as_read != term.key:
                forms.add(consonants(to_latin(as_read)))
        if term.key.endswith(_SILENT_ENDS) and len(term.key) >= 4:
            # جمعه is Juma or Jumah, جراية Jarraya: also read without the final letter.
            forms.add(consonants(to_latin(term.key[:-1])))
        # عبدالخالق is Abd al-Khaliq: also read without the article, as Abd Khaliq is
        # (but عبدالله, Abdullah, keeps it: Allah is written with it).
        if term.key.startswith("عبدال") and len(term.key) >= 8:
            forms.add(_arabic_consonants("عبد" + term.key[5:]))
    forms.add(_glide_consonants(term.script, term.latin, term.key))
    if term.script == "arabic" and term.key.endswith(_SILENT_ENDS) and len(term.key) >= 4:
        forms.add(_glide_consonants(term.script, term.latin, term.key[:-1]))
    forms.discard("")
    if forms and min(len(f) for f in forms) == 1:
        # One consonant says too little (Agha, Yar, Essa): the vowels say the rest.
        if term.script == "arabic":
            forms.update(arabic_vowel_patterns(term.key))
        elif term.script == "latin":
            pattern = latin_vowel_pattern(term.latin)
            forms.update((pattern, unwritten_short_vowels(pattern)))
    return frozenset(forms)


_ALIFS = frozenset("اآأإ")
_GLIDES = {"ي": "Y", "ی": "Y", "و": "W"}
_LATIN_GLIDE = re.compile(r"(?<=[aeiou])([yw])(?=[aeiou])")


def _glide_consonants(script: str, latin: str, word: str) -> str:
    """Return a word's consonants with a y or w between vowels read as one (or '').

    After an alif, Arabic ي and و are consonants (جراية is Jarraya, عزاوي Azzawi), as a y
    or w between vowels is in Latin; the plain consonant form drops them as vowels, and
    two consonants left say too little to link a longer word across scripts.
    """
    if script == "arabic":
        if not any(ch in _GLIDES and i and word[i - 1] in _ALIFS for i, ch in enumerate(word)):
            return ""
        sounds = (
            _GLIDES[ch]
            if ch in _GLIDES and i and word[i - 1] in _ALIFS
            else consonants(to_latin(ch))
            for i, ch in enumerate(word)
        )
        classes = "".join(sounds)
    elif script == "latin" and _LATIN_GLIDE.search(latin):
        marked = _LATIN_GLIDE.sub(lambda m: m.group(1).upper(), latin)
        # The rest read as consonants() reads them, digraphs included (Bakhtiyar: kh).
        classes = "".join(
            p if p in ("Y", "W") else consonants(p) for p in re.split("([YW])", marked)
        )
    else:
        return ""
    return "".join(c for i, c in enumerate(classes) if not i or c != classes[i - 1])


def _arabic_consonants(word: str) -> str:
    """Return the consonants of a word in Arabic script, each letter read on its own."""
    return _undoubled_classes("".join(consonants(to_latin(ch)) for ch in word))


def _bare_consonants(bare: str) -> str:
    """Return the consonants of a word without its article, Abd and the name read apart.

    Abdelhakim without its article is Abd Hakim: a d then an h, not the dh of ذ, so that
    it meets عبد الحكيم, whose words are read one by one.
    """
    if bare.startswith("abd") and len(bare) > len("abd"):
        return _undoubled_classes(consonants("abd") + consonants(bare[3:]))
    return consonants(bare)


def _undoubled_classes(classes: str) -> str:
    """Return consonant classes with a class repeated in a row written once."""
    return "".join(c for i, c in enumerate(classes) if not i or c != classes[i - 1])


def _without_article(latin: str) -> str:
    """Return a Latin word without a joined Arabic article (alharamain -> haramain; abdul,
    'servant of the', -> abd; abdelmalek -> abdmalek, abdurahman -> abdrahman), or ''."""
    if len(latin) >= 7 and latin[:2] in ("al", "el") and latin[2] not in "aeiouy":
        return latin[2:]
    if latin in _ABD_ARTICLE:
        return "abd"
    if _DIN_ARTICLE.fullmatch(latin):
        return "din"  # Eldin, Uddin, Eddine: al-Din, the article joined (نور الدين)
    # Abd and the name after it, written as one word with the article between them (its
    # l, or before a sun letter only its vowel: Abdurrahman); Abdullah is Abd Allah.
    joined = _ABD_JOINED.fullmatch(latin)
    name = joined and (joined.group(1) or joined.group(2))
    if name and not name.startswith(("lah", "llah", "aye")):
        return "abd" + name
    return ""


_ABD_ARTICLE = frozenset({"abdul", "abdel", "abdal", "abdoul", "abdol", "abdil", "abdoel"})
# al-Din with its article as one word: its l, or before the sun letter d only its vowel
# doubling the d (Eldin, Aldeen, Uddin, Eddine).
_DIN_ARTICLE = re.compile(r"[aeiu][ld]d(?:in|een|ine)")
_ABD_JOINED = re.compile(r"abd(?:ou|oe|[aeiou])(?:l([a-z]{3,})|([^aeiouyl][a-z]{2,}))")


class Role(StrEnum):
    """What a term does in a name."""

    WORD = "word"  # carries identity
    LEGAL = "legal"  # a legal form: weighs little
    KOREA = "korea"  # a name of Korea: all equivalent
    NUMBER = "number"  # a number in figures or words (17, Seventeen, 2nd, II): its value
    INITIAL = "initial"  # a lone letter of a personal name (A. Lukashenko)


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
    script: str = field(init=False, compare=False)  # the key's script: latin, han, arabic...
    # The word as written, when the key rewrites it (Trading -> trade, Limited -> ltd): a
    # misspelt word is compared with what was written.
    written: str = field(init=False, compare=False)
    # A Latin word without the Arabic article written onto it (ALHARAMAIN -> haramain).
    bare: str = field(init=False, compare=False)
    # The Latin form folded over transliteration choices (text.translit_fold), when it differs.
    folded: str = field(init=False, compare=False)
    consonants: str = field(init=False, compare=False)  # text.consonants of the Latin form
    # Every consonant form a transliteration may meet: the Latin form's, without a joined
    # article (Abdul: abd), and for ض ظ ذ, read z in Persian and Urdu (مظلوم Mazloom).
    consonant_forms: frozenset[str] = field(init=False, compare=False)
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
        if self.role in (Role.LEGAL, Role.INITIAL):
            key = None
        elif self.role == Role.NUMBER:
            key = "n:" + self.key
        elif self.role == Role.KOREA:
            key = "w:KOREA"
        elif self.translations and len(self.translations[0]) == 1:
            key = "t:" + self.translations[0][0]
        else:
            key = "t:" + self.key
        object.__setattr__(self, "weight_key", key)
        object.__setattr__(self, "loose", loose_skeleton(self.sound or self.skel))
        object.__setattr__(self, "hangul", has_hangul(self.key))
        object.__setattr__(self, "script", script_of(self.key))
        written = self.shown.replace("-", "").replace(".", "")
        object.__setattr__(self, "written", written if written != self.latin else "")
        object.__setattr__(self, "bare", _without_article(self.latin))
        folded = translit_fold(self.bare or self.latin)
        object.__setattr__(self, "folded", folded if folded != self.latin else "")
        object.__setattr__(self, "consonants", consonants(self.latin) if self.latin else "")
        object.__setattr__(self, "consonant_forms", _consonant_forms(self))
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
    """Adjacent words read as one: written joined (Sea Star as Seastar; in a personal name
    in either order, Manuylov Alexander as Alexandermanuylov), or short words read as
    Korean syllables (AM ROK GANG as AMROKGANG: ``short``)."""

    indices: tuple[int, ...]
    latin: str
    skel: str
    parts: tuple[str, ...]
    short: bool = True  # short words read as Korean syllables: may agree by Korean reading
    loose: str = field(init=False)  # loose_skeleton(skel): runs pair by it, once per name

    def __post_init__(self) -> None:
        object.__setattr__(self, "loose", loose_skeleton(self.skel))


MIN_CANONICAL_LETTERS = 4  # shorter Latin words are too ambiguous to read as Korean


@word_cache(65536)
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


ABJADS = frozenset({"arabic", "hebrew"})  # scripts that write no short vowels


class TermSet:
    """A name's terms with what comparisons need: runs, and lookup tables built on first use."""

    __slots__ = (
        "_by_latin",
        "_by_skel",
        "abjad",
        "given",
        "korean",
        "person",
        "runs",
        "terms",
        "translated",
    )

    def __init__(
        self,
        terms: tuple[Term, ...],
        runs: tuple[Run, ...],
        korean: bool,
        person: bool = False,
        given: int = 0,
    ) -> None:
        self.terms = terms
        self.runs = runs
        # Where the given names begin in a name written 'SURNAME, Given' (0 otherwise):
        # read in its spoken order, the surname comes last (a nasab's generations).
        self.given = given
        # A personal name: its words may agree as the same name in another language or
        # script, or as a nickname (rigour's name symbols), and letters stand for words.
        self.person = person
        # A Korean-context name (Korea, Hangul, a DPRK entry): its Korean words compare by
        # reading only, since one letter separates different listed words (Kwangson, Kwangsong).
        self.korean = korean
        self.translated = any(t.translations for t in terms)  # has a glossary term
        # A word in a script without short vowels (Arabic): runs then pair by consonants.
        self.abjad = any(t.script in ABJADS for t in terms)
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
                if term.bare:  # Abdelmalik is Abd al-Malik joined (see own_keys)
                    by_latin[term.bare] = (*by_latin.get(term.bare, ()), i)
                by_skel[term.loose] = (*by_skel.get(term.loose, ()), i)
                # ... and by its consonants, for words written in Arabic (every form).
                for form in term.consonant_forms or (term.consonants,):
                    plain = "c:" + form
                    by_skel[plain] = (*by_skel.get(plain, ()), i)
        self._by_latin, self._by_skel = by_latin, by_skel
        return by_latin, by_skel


MAX_RUN = 3  # longest run of adjacent words read as one word
VESSEL_PREFIXES = frozenset({"mv", "mt", "mts", "mvsl", "mty", "fv"})  # motor vessel, tanker...
# Legal forms that are also words or syllables: at the start of a name they are words.
AMBIGUOUS_LEGAL_FORMS = frozenset({"ab", "as", "sa", "ag", "co", "oy", "nv", "bv", "kk", "spa"})
RUN_WORD_LETTERS = 7  # only words this short (a syllable or two: phyeong) are joined into runs


def term_set(
    terms: tuple[Term, ...],
    korean: bool = False,
    runs: bool = True,
    person: bool = False,
    given: int = 0,
) -> TermSet:
    """Precompute the runs of a name's adjacent words: every pair as written joined (both
    orders in a personal name), and with ``runs`` two or three short words read together."""
    word = [t.role == Role.WORD for t in terms]
    short = [
        runs and w and len(t.latin) <= RUN_WORD_LETTERS for w, t in zip(word, terms, strict=False)
    ]
    # A name of Korea joins the next word as written (KOREAMINING), but is no syllable.
    joins = [w or t.role == Role.KOREA for w, t in zip(word, terms, strict=True)]
    found = []
    for start in range(len(terms) - 1):
        if joins[start] and joins[start + 1]:
            pair = terms[start : start + 2]
            found.append(_run(start, pair, short[start] and short[start + 1]))
            if pair[0].bare == "abd" and pair[0].latin != "abd":
                found.append(_abd_run(start, pair))
            if person and pair[0].latin != pair[1].latin:
                found.append(_reversed_run(start, pair))
        for size in range(3, MAX_RUN + 1):
            if start + size > len(terms) or not all(short[start : start + size]):
                break
            found.append(_run(start, terms[start : start + size], True))
    last = len(terms) - 1
    if person and 0 < given <= last and last > 1 and joins[last] and joins[0]:
        # 'SURNAME, Given' is said Given SURNAME: its last given name and its surname are
        # next to each other when spoken, and may be written joined (Akmaddellosa).
        found.append(_spoken_run(last, (terms[last], terms[0])))
    korean = korean or any(t.role == Role.KOREA or t.hangul for t in terms)
    return TermSet(terms, tuple(found), korean, person, given if 0 < given < len(terms) else 0)


@word_cache(32768)  # kept: runs of the same words recur across names
def _run(start: int, chunk: tuple[Term, ...], short: bool) -> Run:
    """Return the run of the words of ``chunk``, the first at ``start``.

    Only a run of short words that read as Korean syllables may agree by Korean reading.
    """
    latin = "".join(t.latin for t in chunk)
    parts = tuple(p for t in chunk for p in t.parts)
    indices = tuple(range(start, start + len(chunk)))
    korean = short and bool(parts) and bool(join_segmentations(parts))
    return Run(indices, latin, skeleton(latin), parts, korean)


@word_cache(32768)
def _abd_run(start: int, pair: tuple[Term, ...]) -> Run:
    """Return Abdul and the next word joined without the article (Abdul Hossein as
    Abdhossein), as a word that joins them with it is read (Abdolhossein, see Term.bare)."""
    latin = pair[0].bare + pair[1].latin
    return Run((start, start + 1), latin, skeleton(latin), (), False)


@word_cache(32768)
def _spoken_run(last: int, pair: tuple[Term, ...]) -> Run:
    """Return the last given name and the first surname word of a 'SURNAME, Given' name
    joined in the order they are said (DELLOSA, Habil Akmad: Akmaddellosa)."""
    latin = pair[0].latin + pair[1].latin
    return Run((last, 0), latin, skeleton(latin), (), False)


@word_cache(32768)
def _reversed_run(start: int, pair: tuple[Term, ...]) -> Run:
    """Return two adjacent words of a personal name joined the other way round."""
    latin = pair[1].latin + pair[0].latin
    return Run((start + 1, start), latin, skeleton(latin), (), False)


@dataclass(frozen=True, slots=True)
class OrgVocabulary:
    """The rewriting tables of org-terms.yaml."""

    abbreviations: dict[str, str]
    phrases: tuple[tuple[re.Pattern[str], str], ...]
    any_phrase: re.Pattern[str]  # finds whether any phrase is there at all (rarely)
    phrase_words: frozenset[str]  # the words of the phrases (Limitee, of Responsabilite Limitee)
    korea: frozenset[str]
    legal: dict[str, str]
    stems: dict[str, str]
    stopwords: frozenset[str]
    titles: frozenset[str]  # titles and honorifics of personal names (see person_titles)
    descriptors: frozenset[str]


@cache
def vocabulary() -> OrgVocabulary:
    """Return the organisation vocabulary, read once from org-terms.yaml."""
    text = resources.files("wgdesk.screening").joinpath("data").joinpath("org-terms.yaml")
    data = load_yaml(text.read_text("utf-8"))
    phrases = tuple(
        (re.compile(rf"(?<![\w-]){re.escape(k)}(?![\w-])"), v)
        for k, v in sorted(data["phrases"].items(), key=lambda kv: -len(kv[0]))
    )
    alternatives = "|".join(re.escape(k) for k in data["phrases"])
    return OrgVocabulary(
        abbreviations={str(k): str(v) for k, v in data["abbreviations"].items()},
        phrases=phrases,
        any_phrase=re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"),
        phrase_words=frozenset(w for phrase in data["phrases"] for w in str(phrase).split()),
        korea=frozenset(data["korea"]),
        legal={str(k): str(v) for k, v in data["legal_forms"].items()},
        stems={str(k): str(v) for k, v in data["stems"].items()},
        stopwords=frozenset(data["stopwords"]),
        titles=_titles(data["person_titles"]),
        descriptors=frozenset(data["descriptors"]) | frozenset(data["stems"].values()),
    )


def _titles(table: dict[str, list[str]]) -> frozenset[str]:
    """Return the title words of personal names: rigour's one-word honorific prefixes
    (Dr, Mr, General) folded, less the ones our table keeps as names, plus our own."""
    found = {fold(p).rstrip(".") for p in person_name_prefixes() if " " not in p.strip(".")}
    found = {p for p in found if p.isalpha()}  # Dott.ssa and the like: no single word
    return frozenset((found - set(table["keep"])) | set(table["add"]))


def person_titles() -> frozenset[str]:
    """Return the title words dropped from personal names (Dr, Sheikh, Mullah, General)."""
    return vocabulary().titles


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


def given_start(tokens: Tokens) -> int:
    """Return how many terms of a personal name precede its 'SURNAME, Given' comma (or 0)."""
    if not tokens.comma:
        return 0
    kept = _person_words(tokens)
    return len(_person_terms_of(tuple(w for i, w in kept if i < tokens.comma)))


def person_terms(tokens: Tokens) -> tuple[Term, ...]:
    """Return the terms of a personal name: its words, numbers and initials, minus particles
    and titles.

    A hyphenated given name counts as its words (Jean-Pierre is Jean Pierre); a lone
    letter, or letters joined by dots (J.-P.), are initials when the name has other words.
    """
    return _person_terms_of(tuple(w for _, w in _person_words(tokens)))


MIN_UNTITLED = 2  # words a personal name keeps for its titles to be dropped


def _person_words(tokens: Tokens) -> list[tuple[int, Token]]:
    """Return a personal name's words (with their positions) that carry its identity.

    Particles go (de, al), and so do the titles that open a name or its given names after a
    'SURNAME, Given' comma (Dr. Ramadan Shallah; SHALLAH, Dr. Ramadan; Sheikh Aboud Rogo),
    as long as two words remain (Kim Haji is a Korean name, not a title and Kim). Elsewhere
    such a word is a name (Khalid Shaikh Mohammed; HAJJI, Muhammad Fawzi).
    """
    stop, titles = vocabulary().stopwords, person_titles()
    words = [(i, w) for i, w in enumerate(tokens.words) if w.text not in stop]
    start = tokens.comma or 0  # the given names' first word, or the name's
    if start >= len(tokens.words) - 1 or tokens.words[start].text not in titles:
        return words  # most names: no title
    end = start
    while end < len(tokens.words) - 1 and tokens.words[end].text in titles:
        end += 1  # Prof. Dr.: the titles in a row before the name
    kept = [(i, w) for i, w in words if not start <= i < end]
    return kept if len(kept) >= MIN_UNTITLED else words


def _person_terms_of(words: tuple[Token, ...]) -> tuple[Term, ...]:
    """Return the terms of a personal name's kept words (see person_terms)."""
    stop = vocabulary().stopwords
    terms: list[Term] = []
    for item in _numbers_joined(words):
        if isinstance(item, Term):
            terms.append(item)
        elif len(words) > 1 and all(_is_letter(p) for p in item.parts):
            terms.extend(_initial_term(p) for p in item.parts)
        elif len(item.parts) > 1 and all(len(p) > 1 for p in item.parts):
            terms.extend(_parts_term((p,)) for p in item.parts if p not in stop)
        else:
            terms.append(_word_term(item))
    return tuple(terms)


def _is_letter(part: str) -> bool:
    """True for a single Latin letter."""
    return len(part) == 1 and part.isascii() and part.isalpha()


@word_cache(64)
def _initial_term(letter: str) -> Term:
    """Return the term of an initial."""
    return Term(letter, (), Role.INITIAL, letter, "", shown=letter + ".")


def _word_term(word: Token) -> Term:
    """Return a plain term for one word as written."""
    return _parts_term(word.parts)


@word_cache(65536)
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
    rewritten, forms = _rewrite_words(tokens.words, vocab)
    words = _split_compounds(rewritten)
    if len(words) > 1 and words[0].text in VESSEL_PREFIXES:
        words = words[1:]  # M/V GREEN LIGHT is the vessel GREEN LIGHT
    for position, item in enumerate(_numbers_joined(words)):
        if isinstance(item, Term):
            terms.append(item)
        elif has_hangul(item.text):
            terms.extend(hangul_org_terms(item.text))
        elif item.text in forms:
            terms.append(_legal_term(item.text, legal_kind(item.text)))
        else:
            term = _org_word_of(item.parts, position == 0)
            if term is not None:
                terms.append(term)
    return tuple(terms)


MIN_SINGLE_FORM = 8  # letters of a one-word legal form read by rigour (Aktiengesellschaft)


# Legal forms whose misspellings are read as the form (a typo in Company spoils the phrase
# Joint Stock Company): long words one edit away, short ones with two letters swapped.
# Not Holding or General, which are one edit from names (Golding, Generali).
_TYPO_FORMS = ("company", "companies", "corporation", "incorporated", "limited", "limitada")
_SWAPPED_FORMS = ("corp", "ltda", "gmbh")


@word_cache(16384)
def legal_typo(word: str) -> str | None:
    """Return the legal form a word misspells (Copmany, Limtied, Copr), or None."""
    vocab = vocabulary()
    if len(word) < len(_SWAPPED_FORMS[0]) or not word.isalpha() or word in vocab.legal:
        return None
    if word in vocab.phrase_words:
        return None  # a word of a phrase the rewriting reads (Limitee)
    if len(word) == len(_SWAPPED_FORMS[0]):
        return next((f for f in _SWAPPED_FORMS if _swapped(word, f)), None)
    near = (f for f in _TYPO_FORMS if abs(len(f) - len(word)) <= 1)
    return next((f for f in near if OSA.distance(word, f, score_cutoff=1) <= 1), None)


def _swapped(word: str, form: str) -> bool:
    """True when a word is a form with two adjacent letters swapped (Copr for Corp)."""
    return any(
        word == form[:i] + form[i + 1] + form[i] + form[i + 2 :] for i in range(len(form) - 1)
    )


LEGAL_FRAGMENT_LETTERS = 3  # the longest piece of a legal form split by a stray space


def _joined_legal_fragments(words: tuple[Token, ...], vocab: OrgVocabulary) -> list[Token]:
    """Join a legal form typed in pieces, with a letter on its own (SAR L, SR L: S.A.R.L.).

    Only pieces of up to three letters, one of them a single letter and one longer, that
    together make a legal form of the vocabulary: letters each on their own are initials
    (A G Trading is not AG Trading; written A.G. it is, as every dotted abbreviation).
    """
    joined: list[Token] = []
    i = 0
    while i < len(words):
        for end in range(min(len(words), i + 4), i + 1, -1):
            pieces = words[i:end]
            text = "".join(w.text for w in pieces)
            sizes = [len(w.text) for w in pieces]
            split = max(sizes) <= LEGAL_FRAGMENT_LETTERS and min(sizes) == 1 < max(sizes)
            if split and text in vocab.legal:
                joined.append(Token((text,)))
                i = end
                break
        else:
            joined.append(words[i])
            i += 1
    return joined


def _rewrite_words(
    words: tuple[Token, ...], vocab: OrgVocabulary
) -> tuple[tuple[Token, ...], frozenset[str]]:
    """Expand abbreviations and rewrite multi-word phrases (joint venture -> jv).

    Legal forms that our vocabulary lacks are found by rigour's organisation types and
    written as their compare form (Limited Liability Company -> llc, Sociedad Anonima de
    Capital Variable -> sacv, Aktiengesellschaft -> ag); those forms are returned too.
    """
    expanded: list[str] = []
    for word in _joined_legal_fragments(words, vocab):
        expansion = vocab.abbreviations.get(word.text) or legal_typo(word.text)
        if expansion is None:  # a dotted abbreviation is one word (S.A. de C.V. -> sa de cv)
            single = all(len(p) == 1 for p in word.parts)
            expansion = word.text if single else word.hyphenated
        expanded.append(expansion)
    text = " ".join(expanded)
    if vocab.any_phrase.search(text):  # most names hold none: skip the one-by-one rewriting
        for pattern, replacement in vocab.phrases:
            text = pattern.sub(replacement, text)
    forms = set()
    for found, compare in org_type_forms(text):
        # Phrases, and single words our vocabulary lacks (Aktiengesellschaft -> ag).
        # Only a long word, into a form the vocabulary knows: rigour also types short and
        # generic words (In, Foundation) that our names keep as words.
        single = len(found) >= MIN_SINGLE_FORM and found != compare
        single = single and found not in vocab.legal and compare in vocab.legal
        if (" " in found or single) and " " not in compare:
            text = re.sub(rf"(?<![\w-]){re.escape(found)}(?![\w-])", compare, text)
            forms.add(compare)
    split = tuple(
        Token(tuple(p for p in raw.split("-") if p)) for raw in text.split() if raw.strip("-")
    )
    return split, frozenset(forms)


# The Persian and Urdu izafat (Lashkar-e-Tayyiba, Jaish-i-Mohammed) and the Arabic article
# with a case vowel (Harakat-ul-Mujahidin, Jamaat-ud-Dawa) inside a hyphenated name: a
# link between its words, which lists also write apart or leave out (LASHKAR TAYYIBA).
IZAFAT = frozenset({"e", "i", "ul", "ud", "ut", "us", "ur", "ush"})
IZAFAT_LAST = frozenset({"ul", "ud"})  # ... also ending it: HARAKAT-UL JIHAD
MIN_LINKED = 3  # letters of the words an izafat links


def _izafat_links(parts: tuple[str, ...]) -> set[int]:
    """Return the positions of a hyphenated name's izafat links: between two words of 3
    letters or more, or ending it after one (mira-e.u is a name and a legal form)."""
    found = set()
    for i in range(1, len(parts)):
        before = len(parts[i - 1]) >= MIN_LINKED
        if i + 1 < len(parts):
            if parts[i] in IZAFAT and before and len(parts[i + 1]) >= MIN_LINKED:
                found.add(i)
        elif parts[i] in IZAFAT_LAST and before:
            found.add(i)
    return found


def _split_compounds(words: tuple[Token, ...]) -> tuple[Token, ...]:
    """Split hyphenated compounds of long words (World-Shipping), with a number (GP-21) or
    a particle (AL-QAIDA) into words, without an izafat (Tehreek-e-Azadi: Tehreek Azadi);
    keep Ryon-Bong."""
    stopwords = vocabulary().stopwords
    out: list[Token] = []
    for word in words:
        parts = word.parts
        links = _izafat_links(parts)
        if links:
            out.extend(Token((p,)) for i, p in enumerate(parts) if i not in links)
        elif len(parts) > 1 and any(
            len(p) > RUN_WORD_LETTERS or p.isdigit() or p in stopwords for p in parts
        ):
            out.extend(Token((p,)) for p in parts)
        else:
            out.append(word)
    return tuple(out)


GENERIC_LEGAL = frozenset({"company", "holding", "general"})


def _legal_term(written: str, kind: str) -> Term:
    """Return the term of a legal form compared as ``kind``."""
    return Term(kind, (), Role.LEGAL, kind, "", shown=written)


@word_cache(4096)
def legal_form_key(text: str) -> str:
    """Return what a legal form of our vocabulary is compared as: rigour's compare form for
    a form of a kind (ltd, gmbh, ag, llc), the vocabulary's generic word otherwise.

    Spellings of one form agree (Limited and Ltd; Aktiengesellschaft and AG; OAO and Open
    Joint Stock Company); different forms differ (AG is not GmbH, Inc. is not LLC). Words
    that only say "organisation" (Co., Corporation, 회사) agree with each other.
    """
    generic = vocabulary().legal[text]
    if generic in GENERIC_LEGAL and text not in _CLASSED_GENERIC:
        return generic
    if text in _LEGAL_SAME:
        return _LEGAL_SAME[text]  # our reading first: rigour compares Ltda as Ltd
    for found, compare in org_type_forms(text):
        if found == text:
            return legal_kind(compare)
    return legal_kind(text)


def legal_kind(form: str) -> str:
    """Return the form a legal form is compared as: itself, or the form it translates."""
    return _LEGAL_SAME.get(form, form)


# Legal forms our vocabulary maps to "company" that rigour knows as a kind of its own.
_CLASSED_GENERIC = frozenset(
    {"ltd", "limited", "llc", "inc", "incorporated", "gmbh", "ag", "sa", "sarl", "srl", "spa"}
    | {"bv", "nv", "plc", "jsc", "ojsc", "cjsc", "pjsc", "ooo", "zao", "oao", "pao", "fze"}
    | {"fzco", "fzc", "ltda", "kft", "llp", "lp", "oy", "as", "ab", "pte", "pty", "bhd"}
    | {"ao", "kg", "tov", "sprl", "sacv", "sas", "sasu", "limitada"}
)
# One legal form in other spellings or languages that rigour compares apart: the Russian
# joint-stock companies (open, closed, public) and the limited-liability company in
# Russian, Ukrainian, Spanish, Italian, French and Portuguese. The simplified joint-stock
# company (S.A.S., S.A.S.U.) is a joint-stock company (S.A.), not a limited-liability one
# (S.A.R.L.): a company that became an S.A.S. keeps its name, and lists give both forms.
_LEGAL_SAME = {"ojsc": "ao", "oao": "ao", "jsc": "ao", "cjsc": "zao", "pjsc": "pao"}
_LEGAL_SAME |= dict.fromkeys(("ooo", "tov", "srl", "sarl", "ltda", "limitada", "sprl"), "llc")
_LEGAL_SAME |= dict.fromkeys(("sas", "sasu"), "sa")


@word_cache(32768)  # kept: organisation names repeat their words
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
    # A legal form that is also a word or a syllable (AB, SA, AS) does not open a name:
    # there it is a word (AB LOG GANG); others do (OOO RUSSKOYE VREMYA, LLC X).
    if text in vocab.legal and not (first and text in AMBIGUOUS_LEGAL_FORMS):
        return _legal_term(text, legal_form_key(text))
    stem = vocab.stems.get(text)
    if stem is not None:
        return Term(stem, (), Role.WORD, stem, skeleton(stem), shown=text)
    return _word_term(word)


_HANGUL_PIECES = re.compile(r"제\d+|\d+|[\uac00-\ud7a3]+|[^\uac00-\ud7a3\d]+")


def hangul_org_terms(text: str) -> list[Term]:
    """Cut a Hangul organisation name into glossary terms, numbers and the runs between them."""
    terms: list[Term] = []
    for piece in _HANGUL_PIECES.findall(text):
        # Numbers are number terms, as in Latin names: 제2 is "Second" and "2nd"
        # (제2경제위원회), 39 in 39호실 is the 39 of OFFICE 39.
        figures = piece[1:] if piece.startswith("제") else piece
        if figures.isdigit() and len(figures) <= 9:
            terms.append(_number_term(int(figures), piece))
        elif has_hangul(piece):
            terms.extend(_hangul_word_terms(piece))
        else:
            terms.append(_word_term(Token((piece,))))
    return terms


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


OwnKeys = tuple[str, ...]  # a term's own keys, sorted (see own_keys)


# Not a word cache (cache.forget_words leaves it): its values are the very tuples the
# index's records hold (analyse.analyse_list_name), so keeping them costs only the cache's
# entries, and every query compares list words by them (compare/terms.py).
@lru_cache(maxsize=65536)
def own_keys(term: Term) -> OwnKeys:
    """Return the blocking keys of one term on its own (runs of words aside), sorted.

    Every rule that can pair two words requires a key they share (compare/terms.py), so
    these keys are exactly what retrieval and the score bound need: the word as
    rewritten, its consonant skeleton and the skeleton loosened for nasal assimilation
    (Aprokgang, Amroggang), its Korean romanizations when it is Hangul, its translations,
    the spellings one letter away (a deletion neighbourhood: any two words one edit
    apart, a transposition included, share one of these), and for a long Latin word the
    skeletons one sound away (skeleton_neighbours).

    A tuple, not a set: every list word holds its own, and a tuple of a dozen keys takes
    a third of a frozenset's memory. Sets test them (``own_key_set`` for a query's word).
    """
    keys: set[str] = set()
    if term.role == Role.INITIAL:
        return ()  # an initial pairs by its letter, counted in by the bounds
    if term.role == Role.WORD:
        skel = term.skel or term.key
        keys.update(("t:" + term.key, "w:" + skel))
        keys.update("t:" + spelling for spelling in romanizations(term.key))  # 운산: unsan
        keys.update(deletion_keys(term.latin))
        keys.add("j:" + term.latin)  # adjacent words written joined meet it
        if len(term.latin) >= PREFIX_LETTERS + 2:
            # Long words two edits apart keep their beginning (Societies, Society).
            keys.add("x:" + term.latin[:PREFIX_LETTERS])
        if term.bare:
            # ... and as written without the article, joined (Abd al-Malik, Abdelmalik).
            keys.update(("t:" + term.bare, "j:" + term.bare, *deletion_keys(term.bare)))
        if term.folded:
            keys.update(deletion_keys(term.folded))  # Kaddafi, Qadhafi: kadafi
        latin_long = term.script == "latin" and len(term.latin) >= NEIGHBOUR_LETTERS
        if latin_long and not _reads_as_syllables(term.parts):
            # Long Latin words only: two edits make another word of a short one (Export,
            # Support). Nor a word that reads as a Korean or Chinese name's few syllables:
            # a syllable apart, they are other names (Jindong, Jianming), and their
            # readings pair them.
            keys.update(skeleton_neighbours(skel))  # Hekhmartyar, Hekmatyar: HKMTN
        short = vowel_fold(term.latin) if term.script == "latin" else ""
        if 0 < len(short) < MIN_FUZZY_LENGTH:
            keys.add("f:" + short)  # a short word's vowel spellings: Abu, Abou, Aboo: abu
    if term.written:
        keys.update(deletion_keys(term.written))  # a misspelt Limited or Tradng
    elif term.role == Role.LEGAL:
        keys.update(deletion_keys(term.shown.replace("-", "")))
    if term.weight_key is not None:
        keys.add(term.weight_key)
    if term.sound:
        keys.add("w:" + term.sound)  # a Hangul glossary term's own spelling
    if term.parts and not term.key.isascii():
        # Romanizations follow the sound (Amnokkang for 압록강): Hangul keys both ways.
        keys.add("w:" + pronounced_skeleton(term.key))
    for translation in term.translations:
        keys.update("w:" + skeleton(word) for word in translation)
    return tuple(sorted(keys))


@word_cache(65536)  # a query's words, and list words a comparison tests: bulk names repeat
def own_key_set(term: Term) -> frozenset[str]:
    """Return a term's own keys as a set, to test other keys against."""
    return frozenset(own_keys(term))


def _reads_as_syllables(parts: tuple[str, ...]) -> bool:
    """True when a word can be read as at most three Korean syllables (a given name, a
    name run together: Jindong, Kimjongun), not as a longer word (Meshedani)."""
    total = 0
    for part in parts:
        fewest = fewest_syllables(part)
        if fewest is None:
            return False
        total += fewest
    return total <= NAME_SYLLABLES


def skeleton_neighbours(skel: str) -> tuple[str, ...]:
    """Return a long skeleton and every skeleton one sound shorter (``e:`` keys).

    Two long Latin spellings two or three letters apart (Hekhmartyar and Hekmatyar,
    Mashhadani and Meshedani) share no spelling one letter away, but their skeletons are
    one sound apart (HKMNTN, HKMTN): these keys let the spelling rule judge them.
    """
    if len(skel) < NEIGHBOUR_SKELETON or not skel.isascii():
        return ()
    # Interned: many words share these few keys, and every list word keeps its own keys
    # (a copy of each string per word was 10 MB over UN + OFAC).
    if len(skel) == NEIGHBOUR_SKELETON:
        return (sys.intern("e:" + skel),)
    shorter = (skel[:i] + skel[i + 1 :] for i in range(len(skel)))
    return (sys.intern("e:" + skel), *(sys.intern("e:" + s) for s in shorter))


def deletion_keys(latin: str) -> tuple[str, ...]:
    """Return a word and every spelling of it with one letter left out (4+ letters only).

    Two words one substitution, insertion, deletion or transposition apart always share
    one of these, so spelling variants are found and bounded through keys like the rest.
    """
    if len(latin) < MIN_FUZZY_LENGTH:
        return ()
    return ("d:" + latin, *("d:" + latin[:i] + latin[i + 1 :] for i in range(len(latin))))
