"""Text normalisation for matching: cleaning, folding, tokenising and skeleton keys.

Names arrive in any script and in any state: breves and apostrophes (KO CH'O'L-CHAE),
typographic quotes (Pyo’ng), control characters, commas ("RI, Won Ho"). Everything the
matcher compares goes through :func:`fold` first, so one rule handles them all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from anyascii import anyascii

from wgdesk.screening.cache import word_cache
from wgdesk.screening.korean.hangul import (
    decompose,
    final_class,
    has_hangul,
    is_syllable,
    south_initial,
)

# Every character used for an apostrophe or a breve stand-in in list data and user input.
APOSTROPHES = "'’‘ʼʻ`´′ʹ"
_KANA_MARKS = frozenset("\u3099\u309a")
_MR_NG = re.compile(f"n[{APOSTROPHES}]g")
_APOSTROPHE = re.compile(f"[{APOSTROPHES}]")
# Word characters (any script) and hyphens survive; everything else separates words.
_SEPARATOR = re.compile(r"[^\w\-]+|_+")
_HYPHENS = re.compile(r"[\u2010-\u2015\u2212]")
# Middle dots separate the given name from the surname in katakana and Chinese renderings of
# foreign names (ウラジーミル・プーチン): they are spaces, not hyphens.
_MIDDLE_DOTS = re.compile(r"[\u30fb\uff65\u00b7]")
# A lower-case letter followed by a capitalised word inside one word: RamzanKadyrov.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
# Letters each followed by a full stop, perhaps hyphenated: K.P.C., p.l.c., J.-P.
_DOTTED = re.compile(r"(?<![^\W\d_])[^\W\d_](?:\. ?-?[^\W\d_])+(?![^\W\d_])\.?")
# Vessel prefixes written with a slash (M/V, M/T): one word, as MV and MT.
_SLASHED = re.compile(r"\b([mM])/([vtVT])\b")
_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """Replace control and format characters by spaces and collapse whitespace."""
    if text.isprintable():  # the common case: no control, format or odd space characters
        return " ".join(text.split())
    chars = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp"):
            chars.append(" ")
        elif category in ("Cf", "Cs", "Co", "Cn"):
            continue  # zero-width joiners, BOMs, surrogates: invisible, so dropped
        else:
            chars.append(char)
    return _SPACES.sub(" ", "".join(chars)).strip()


@word_cache(65536)
def fold(text: str) -> str:
    """Lower-case, strip diacritics, keep Hangul syllables whole, turn MR n'g into n-g."""
    if text.isascii():
        folded = text.lower()
        if "'" in folded or "`" in folded:
            folded = _APOSTROPHE.sub("", _MR_NG.sub("n-g", folded))
        return folded
    decomposed = unicodedata.normalize("NFKD", text)
    # Kana voicing marks are letters' sounds, not accents (ジ is ji, シ is shi): kept.
    stripped = "".join(c for c in decomposed if c in _KANA_MARKS or not unicodedata.combining(c))
    # NFC re-joins the Hangul jamo that NFKD split apart.
    folded = unicodedata.normalize("NFC", stripped).casefold()
    folded = _MR_NG.sub("n-g", folded)  # MR writes n'g where n and g are separate syllables
    folded = _APOSTROPHE.sub("", folded)
    return _HYPHENS.sub("-", folded)


def is_latin_word(text: str) -> bool:
    """True when a folded word is plain ASCII letters (and hyphens)."""
    return text.isascii() and any(c.isalpha() for c in text)


def to_latin(text: str) -> str:
    """Transliterate a folded word of another script to lower-case ASCII (anyascii)."""
    if text.isascii():
        return text
    return fold(anyascii(text)).replace("-", "")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a name: its hyphen-separated parts, folded."""

    parts: tuple[str, ...]
    text: str = field(init=False)  # the word with its hyphens removed (Won-ho -> wonho)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", "".join(self.parts))

    @property
    def hyphenated(self) -> str:
        """The word as written, with hyphens."""
        return "-".join(self.parts)


@dataclass(frozen=True, slots=True)
class Tokens:
    """A folded name split into words; ``comma`` is how many words precede a comma."""

    words: tuple[Token, ...]
    comma: int | None = None


def tokenize(text: str) -> Tokens:
    """Split a name into folded words, remembering a 'SURNAME, Given' comma.

    Words joined in camel case are split (RamzanKadyrov), dotted abbreviations become one
    word of letter parts (K.P.C. is kpc, as J.-P. is j-p), middle dots separate words.
    """
    cleaned = _SLASHED.sub(r"\1\2", clean(text))
    if not cleaned.isupper() and not cleaned.islower():
        cleaned = _CAMEL.sub(" ", cleaned)
    folded = _DOTTED.sub(_dotted_parts, _MIDDLE_DOTS.sub(" ", fold(cleaned)))
    comma = None
    if folded.count(",") == 1:
        head = _split_words(folded.split(",", 1)[0])
        comma = len(head) if head else None
    words = tuple(_without_arabic_article(w) for w in _split_words(folded))
    return Tokens(words, comma if comma and comma < len(words) else None)


_ARABIC_ARTICLE = "\u0627\u0644"  # ال, written onto the word it defines


def _without_arabic_article(word: Token) -> Token:
    """Drop the Arabic article from a word (الدوري is al-Duri, listed as Duri), not from Allah."""
    text = word.text
    if text.startswith(_ARABIC_ARTICLE) and len(text) > 3 and text != "\u0627\u0644\u0644\u0647":
        return Token((text[2:],))
    return word


def _dotted_parts(found: re.Match[str]) -> str:
    """Turn a dotted abbreviation into one word of letter parts (k.p.c. -> k-p-c)."""
    return "-".join(c for c in found.group() if c not in ".- ")


def _split_words(folded: str) -> tuple[Token, ...]:
    """Split folded text on separators; hyphens split a word into parts."""
    words = []
    for raw in _SEPARATOR.split(folded):
        if "-" not in raw:
            if raw:
                words.append(Token((raw,)))
            continue
        parts = tuple(p for p in raw.split("-") if p)
        if parts:
            words.append(Token(parts))
    return tuple(words)


# Consonant classes of the skeleton key. Digraphs first (upper-case placeholders survive
# the single-letter table), then single letters; vowels and glides are dropped.
_SKELETON_DIGRAPHS = re.compile(r"dzh|tch|dj|zh|dh|gh|ch|sh|th|kh|ph|ts|ck")
_DIGRAPH_CLASS = {
    "dzh": "C",  # Russian and Arabic j: Dzhamal, Djamal, Jamal
    "dj": "C",
    "zh": "C",
    "dh": "T",  # Arabic dh: Qadhafi, Gaddafi
    "gh": "K",  # Arabic gh: Ghali, Gali
    "tch": "C",
    "ch": "C",
    "sh": "S",
    "th": "T",
    "kh": "K",
    "ph": "P",
    "ts": "C",
    "ck": "K",
}
_SILENT_H = re.compile(r"(?<=[aeiouwy])h(?![aeiouwy])")  # padding h: Ahn, Roh
_LETTER_CLASS = str.maketrans(
    {
        **dict.fromkeys("kgcq", "K"),
        **dict.fromkeys("td", "T"),
        **dict.fromkeys("pbfv", "P"),
        **dict.fromkeys("jz", "C"),
        "s": "S",
        "x": "KS",
        # r, l and n are one class: the initial-sound law swaps them (Ryonbong, Nyonbong).
        **dict.fromkeys("rln", "N"),
        "m": "M",
        "h": "H",
        **dict.fromkeys("aeiouwy0123456789-", None),
    }
)
_REPEATS = re.compile(r"(.)\1+")
# By initial index (ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ); silent ㅇ has no class.
_HANGUL_INITIAL_CLASS = (*"KKNTTNMPPSS", "", *"CCCKTPH")
_HANGUL_FINAL_CLASS = {0: "", 1: "K", 4: "N", 7: "T", 8: "N", 16: "M", 17: "P", 21: "NK"}
_NASAL_INITIALS = frozenset((2, 5, 6))  # ㄴ ㄹ ㅁ: a stop before them turns nasal
_NASAL_FINAL = {"P": "M", "K": "NK", "T": "N"}


@word_cache(131072)
def skeleton(word: str) -> str:
    """Return a word's coarse consonant skeleton, the blocking key for spelling variants.

    Romanizations of one Korean word differ in vowels (Daesong, Taeseong), voicing (k/g,
    t/d, p/b, ch/j), aspiration marks (Phyong, P'yong), doubled letters (Amroggang) and
    the initial-sound law (Ryonbong, Yonbong); the skeleton keeps only consonant
    classes, so all of these share one key. Hangul maps to the same classes.
    """
    if not word.isascii():
        if has_hangul(word):
            return _hangul_skeleton(word)
        # The initial-sound law is Korean: an Arabic or Cyrillic word keeps its n or l
        # (نايف Nayif), so it applies to Latin spellings only.
        return _latin_skeleton(to_latin(word))
    return _latin_skeleton(_initial_law_latin(word))


def _latin_skeleton(word: str) -> str:
    """Return the consonant classes of a Latin word (see skeleton)."""
    text = _SILENT_H.sub("", word)
    text = _SKELETON_DIGRAPHS.sub(lambda m: _DIGRAPH_CLASS[m.group()], text)
    return _REPEATS.sub(r"\1", text.translate(_LETTER_CLASS))


# Consonants as Arabic writes them apart: l, n and r are different letters (Qadir is not
# Gotaeil), as are s and sh; voicing, emphasis and the transliteration of q, kh, dh vary.
_ABJAD_DIGRAPHS = re.compile(r"dzh|dj|zh|sh|ch|th|dh|kh|gh|ph|ck")
_ABJAD_DIGRAPH_CLASS = {
    "dzh": "J",
    "dj": "J",
    "zh": "J",
    "sh": "X",
    "ch": "X",
    "th": "T",
    "dh": "T",
    "kh": "K",
    "gh": "K",
    "ph": "F",
    "ck": "K",
}
_ABJAD_CLASS = str.maketrans(
    {
        **dict.fromkeys("bp", "B"),
        **dict.fromkeys("fv", "F"),
        **dict.fromkeys("td", "T"),
        **dict.fromkeys("kgqc", "K"),
        "j": "J",
        "s": "S",
        "z": "Z",
        "x": "KS",
        "h": "H",
        "l": "L",
        "m": "M",
        "n": "N",
        "r": "R",
        **dict.fromkeys("aeiouwy0123456789-", None),
    }
)


@word_cache(131072)
def consonants(latin: str) -> str:
    """Return the consonants of a Latin spelling as Arabic script tells them apart (see
    the classes above): how a transliteration from Arabic and the Latin name compare."""
    text = _ABJAD_DIGRAPHS.sub(lambda m: _ABJAD_DIGRAPH_CLASS[m.group()], latin)
    return _REPEATS.sub(r"\1", text.translate(_ABJAD_CLASS))


# Vowel patterns, for words of one consonant (Agha, Yar, Essa), whose consonants alone say
# too little: V for a vowel sound, Y and W for y and w read as consonants, the rest as the
# consonant classes above. Arabic writes long vowels (ا ی و) and ayn (ع), Latin its vowels.
_VOWEL_LETTERS = frozenset("aeiou")
_ARABIC_VOWELS = frozenset("اآأإىعئؤ")
_ARABIC_SEMIVOWELS = {"ي": "Y", "ی": "Y", "و": "W"}
_ARABIC_SILENT = frozenset("ءّ")  # a hamza on its own, a shadda: no sound of their own


def _pattern(sounds: list[str]) -> str:
    """Join sound classes into a pattern, a run of vowels or of one consonant as one."""
    return _REPEATS.sub(r"\1", "".join(sounds))


_INNER_SHORT_VOWEL = re.compile(r"(?<=[^V])V(?=[^V])")


def unwritten_short_vowels(pattern: str) -> str:
    """Return a Latin vowel pattern without its vowels between two consonants (Wali WVLV
    as WLV), as Arabic script writes the word (ولی): short vowels are not written there."""
    return _INNER_SHORT_VOWEL.sub("", pattern)


@word_cache(16384)
def latin_vowel_pattern(latin: str) -> str:
    """Return the vowel pattern of a Latin word (Agha VKV, Yar YVR, Ayyad VYVT, Essa VSV).

    y and w are consonants before a vowel at the start of the word or between vowels, and
    vowels otherwise (Yar, Ayad; Aly, Dawood).
    """
    text = _ABJAD_DIGRAPHS.sub(lambda m: _ABJAD_DIGRAPH_CLASS[m.group()], latin)
    text = _REPEATS.sub(r"\1", text)  # a doubled letter is one sound (Ayyad)
    sounds = []
    for i, ch in enumerate(text):
        after = text[i + 1] if i + 1 < len(text) else ""
        if ch in _VOWEL_LETTERS:
            sounds.append("V")
        elif ch in "yw":
            before = text[i - 1] if i else ""
            consonant = after in _VOWEL_LETTERS and (not before or before in _VOWEL_LETTERS)
            sounds.append(ch.upper() if consonant else "V")
        elif ch.isupper():
            sounds.append(ch)  # a digraph's class
        else:
            sounds.append(ch.translate(_ABJAD_CLASS))
    return _pattern(sounds)


@word_cache(16384)
def arabic_vowel_patterns(word: str) -> frozenset[str]:
    """Return the vowel patterns of a word in Arabic script (اغا VKV, یار YVR, عیسی VSV).

    ي and و are consonants before a long vowel or at the start of the word, vowels
    otherwise; a final ه or ة may be written as a vowel or not at all (Agha, آغه).
    """
    letters = [c for c in word if c not in _ARABIC_SILENT]
    sounds = []
    for i, ch in enumerate(letters):
        after = letters[i + 1] if i + 1 < len(letters) else ""
        if ch in _ARABIC_VOWELS:
            sounds.append("V")
        elif ch in _ARABIC_SEMIVOWELS:
            consonant = not i or after in _ARABIC_VOWELS
            sounds.append(_ARABIC_SEMIVOWELS[ch] if consonant else "V")
        elif ch in "هة" and i == len(letters) - 1 and i:
            sounds.append("")  # read below both ways
        else:
            sounds.append(consonants(to_latin(ch)) or "V")
    found = {_pattern(sounds)}
    if letters and letters[-1] in "هة" and len(letters) > 1:
        found.add(_pattern([*sounds[:-1], "V"]))
    return frozenset(found)


# How transliteration systems write one sound differently: Х as kh or h, Ж as zh or j,
# ق as q or k, ذ as dh or d, Ks as x; y and i, w and v, oo and u.
_TRANSLIT_RULES = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("dh", "d"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
    ("ee", "i"),
    ("oo", "u"),
    ("ou", "u"),
    ("y", "i"),
)


@word_cache(131072)
def translit_fold(latin: str) -> str:
    """Fold a Latin spelling over the choices transliteration systems make (see the rules):
    Khrykhoryavich and Hryhoryavich, Kaddafi and Qadhafi, Aleksei and Alexei meet."""
    text = latin
    for old, new in _TRANSLIT_RULES:
        if old in text:
            text = text.replace(old, new)
    return _REPEATS.sub(r"\1", text)


_VOWEL_SPELLINGS = (("ee", "i"), ("oo", "u"), ("ou", "u"))
_REPEATED_VOWELS = re.compile(r"([aeiou])\1+")
_IY_VOWEL = re.compile(r"iy(?=[aeiou])")


@word_cache(65536)
def vowel_fold(latin: str) -> str:
    """Fold only how Latin transliterations spell vowels: ou and oo are u, ee is i, a
    doubled vowel is one, iy before a vowel is i and y is i. Abou is Abu, Saad Sad, Niya
    Nia and Aly Ali, while consonants stay as written (Khan is not Han, Anna not Ana) and
    so do syllables (Liyi is not Li)."""
    text = latin
    for old, new in _VOWEL_SPELLINGS:
        if old in text:
            text = text.replace(old, new)
    text = _REPEATED_VOWELS.sub(r"\1", text)
    return _IY_VOWEL.sub("i", text).replace("y", "i")


def _initial_law_latin(text: str) -> str:
    """Drop r, l or n before an i-sound at the start of a word (Ri, Lee, Rhee -> i)."""
    if text[:1] in ("r", "l", "n"):
        rest = text[2:] if text[1:2] == "h" else text[1:]
        if rest[:1] in ("i", "y") or rest.startswith("ee"):
            return rest
    return text


_LOOSE = str.maketrans({"M": "P", "T": "N"})


@word_cache(65536)
def loose_skeleton(key: str) -> str:
    """Merge the skeleton classes nasal assimilation swaps (p/m, k/ng, t/n): Aprok = Amrok."""
    return _REPEATS.sub(r"\1", key.replace("NK", "K").translate(_LOOSE))


def pronounced_skeleton(word: str) -> str:
    """Return the skeleton of a Hangul word as pronounced (압록강 -> [암녹깡]), else as spelled."""
    return _hangul_skeleton(word, assimilate=True) if has_hangul(word) else skeleton(word)


def _hangul_skeleton(word: str, assimilate: bool = False) -> str:
    """Return the skeleton of Hangul text, syllable by syllable, South-normalised."""
    parts = [decompose(c) for c in word if is_syllable(c)]
    out = []
    for i, (initial, medial, final) in enumerate(parts):
        # The initial-sound law applies at the start of a word only, as in Latin spellings.
        out.append(_HANGUL_INITIAL_CLASS[south_initial(initial, medial) if i == 0 else initial])
        sound = _HANGUL_FINAL_CLASS[final_class(final)]
        if assimilate and i + 1 < len(parts) and parts[i + 1][0] in _NASAL_INITIALS:
            sound = _NASAL_FINAL.get(sound, sound)  # 압록 is said [암녹]
        out.append(sound)
    return _collapse("".join(out))


def _collapse(key: str) -> str:
    """Collapse runs of one letter (gg -> g), as doubled letters are spelling noise."""
    return _REPEATS.sub(r"\1", key)
