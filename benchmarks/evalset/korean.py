"""Hangul syllable arithmetic and the romanization tables the evaluation generator uses.

This is the generator's own small model of Korean romanization, written from the facts in
``shared/reference/korean-romanization.md`` (RR 2000, McCune-Reischauer 1939, the DPRK
system, folk spellings). It is deliberately separate from wgdesk's matcher tables: the
evaluation must not share the code it measures.

Spellings are kept in a *marked* notation: ``ŏ`` and ``ŭ`` for the MR/DPRK breves and an
ASCII apostrophe after an MR aspirated consonant (``ch'``). :func:`render` turns a marked
spelling into one of three written forms: with Unicode breves, with the apostrophe form
the UN list uses (``CHO'NG``), or plain (``CHONG``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache

SYLLABLE_BASE = 0xAC00
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = (
    "",
    "ㄱ",
    "ㄲ",
    "ㄳ",
    "ㄴ",
    "ㄵ",
    "ㄶ",
    "ㄷ",
    "ㄹ",
    "ㄺ",
    "ㄻ",
    "ㄼ",
    "ㄽ",
    "ㄾ",
    "ㄿ",
    "ㅀ",
    "ㅁ",
    "ㅂ",
    "ㅄ",
    "ㅅ",
    "ㅆ",
    "ㅇ",
    "ㅈ",
    "ㅊ",
    "ㅋ",
    "ㅌ",
    "ㅍ",
    "ㅎ",
)
# Finals that occur in personal and organisation names; the others are left out of the model.
NAME_FINALS = ("", "ㄱ", "ㄴ", "ㄹ", "ㅁ", "ㅂ", "ㅇ")

# Initial consonants: systematic spellings per system. "mr_v"/"dprk_v" are the voiced
# forms used inside a word (after a vowel or a nasal), e.g. Ho-jin beside Ho-chin.
INITIAL_SPELLINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "ㄱ": {"rr": ("g",), "mr": ("k",), "mr_v": ("g",), "dprk": ("k",), "dprk_v": ("g",)},
    "ㄲ": {"rr": ("kk",), "mr": ("kk",), "mr_v": ("kk",), "dprk": ("kk",), "dprk_v": ("kk",)},
    "ㄴ": {"rr": ("n",), "mr": ("n",), "mr_v": ("n",), "dprk": ("n",), "dprk_v": ("n",)},
    "ㄷ": {"rr": ("d",), "mr": ("t",), "mr_v": ("d",), "dprk": ("t",), "dprk_v": ("d",)},
    "ㄸ": {"rr": ("tt",), "mr": ("tt",), "mr_v": ("tt",), "dprk": ("tt",), "dprk_v": ("tt",)},
    "ㄹ": {"rr": ("r",), "mr": ("r",), "mr_v": ("r",), "dprk": ("r",), "dprk_v": ("r",)},
    "ㅁ": {"rr": ("m",), "mr": ("m",), "mr_v": ("m",), "dprk": ("m",), "dprk_v": ("m",)},
    "ㅂ": {"rr": ("b",), "mr": ("p",), "mr_v": ("b",), "dprk": ("p",), "dprk_v": ("b",)},
    "ㅃ": {"rr": ("pp",), "mr": ("pp",), "mr_v": ("pp",), "dprk": ("pp",), "dprk_v": ("pp",)},
    "ㅅ": {"rr": ("s",), "mr": ("s",), "mr_v": ("s",), "dprk": ("s",), "dprk_v": ("s",)},
    "ㅆ": {"rr": ("ss",), "mr": ("ss",), "mr_v": ("ss",), "dprk": ("ss",), "dprk_v": ("ss",)},
    "ㅇ": {"rr": ("",), "mr": ("",), "mr_v": ("",), "dprk": ("",), "dprk_v": ("",)},
    "ㅈ": {"rr": ("j",), "mr": ("ch",), "mr_v": ("j",), "dprk": ("j",), "dprk_v": ("j",)},
    "ㅉ": {"rr": ("jj",), "mr": ("tch",), "mr_v": ("tch",), "dprk": ("jj",), "dprk_v": ("jj",)},
    "ㅊ": {"rr": ("ch",), "mr": ("ch'",), "mr_v": ("ch'",), "dprk": ("ch",), "dprk_v": ("ch",)},
    "ㅋ": {"rr": ("k",), "mr": ("k'",), "mr_v": ("k'",), "dprk": ("kh",), "dprk_v": ("kh",)},
    "ㅌ": {"rr": ("t",), "mr": ("t'",), "mr_v": ("t'",), "dprk": ("th",), "dprk_v": ("th",)},
    "ㅍ": {"rr": ("p",), "mr": ("p'",), "mr_v": ("p'",), "dprk": ("ph",), "dprk_v": ("ph",)},
    "ㅎ": {"rr": ("h",), "mr": ("h",), "mr_v": ("h",), "dprk": ("h",), "dprk_v": ("h",)},
}
# Spellings people actually write for an initial, whatever the system.
INITIAL_FOLK: dict[str, tuple[str, ...]] = {
    "ㄱ": ("k", "g"),
    "ㄲ": ("kk", "gg"),
    "ㄷ": ("d", "t"),
    "ㄸ": ("tt", "dd"),
    "ㄹ": ("r", "l"),
    "ㅂ": ("b", "p"),
    "ㅃ": ("pp", "bb"),
    "ㅆ": ("ss", "s"),
    "ㅈ": ("j", "ch"),
    "ㅉ": ("jj", "tch"),
    "ㅊ": ("ch",),
    "ㅋ": ("k", "kh"),
    "ㅌ": ("t", "th"),
    "ㅍ": ("p", "ph"),
}
# Vowels: RR, then the MR/DPRK spelling (same letters, breves marked), then folk spellings.
VOWEL_SPELLINGS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "ㅏ": ("a", "a", ("a",)),
    "ㅐ": ("ae", "ae", ("ae", "ai")),
    "ㅑ": ("ya", "ya", ("ya",)),
    "ㅒ": ("yae", "yae", ("yae",)),
    "ㅓ": ("eo", "ŏ", ("eo", "u", "o")),
    "ㅔ": ("e", "e", ("e",)),
    "ㅕ": ("yeo", "yŏ", ("yeo", "yo", "you", "yu")),
    "ㅖ": ("ye", "ye", ("ye",)),
    "ㅗ": ("o", "o", ("o",)),
    "ㅘ": ("wa", "wa", ("wa",)),
    "ㅙ": ("wae", "wae", ("wae",)),
    "ㅚ": ("oe", "oe", ("oe", "oi", "we")),
    "ㅛ": ("yo", "yo", ("yo",)),
    "ㅜ": ("u", "u", ("u", "oo")),
    "ㅝ": ("wo", "wŏ", ("wo", "weo")),
    "ㅞ": ("we", "we", ("we",)),
    "ㅟ": ("wi", "wi", ("wi", "wee")),
    "ㅠ": ("yu", "yu", ("yu", "yoo")),
    "ㅡ": ("eu", "ŭ", ("eu", "u")),
    "ㅢ": ("ui", "ŭi", ("ui", "eui", "ee")),
    "ㅣ": ("i", "i", ("i", "ee")),
}
FINAL_SPELLINGS: dict[str, tuple[str, tuple[str, ...]]] = {
    "": ("", ("",)),
    "ㄱ": ("k", ("k", "g")),
    "ㄴ": ("n", ("n",)),
    "ㄹ": ("l", ("l",)),
    "ㅁ": ("m", ("m",)),
    "ㅂ": ("p", ("p", "b")),
    "ㅇ": ("ng", ("ng",)),
}

SYSTEMS = ("rr", "mr", "mr_v", "dprk", "dprk_v")


def compose(initial: str, vowel: str, final: str = "") -> str:
    """Return the Hangul syllable made of one initial, one vowel and an optional final."""
    code = (INITIALS.index(initial) * 21 + VOWELS.index(vowel)) * 28 + FINALS.index(final)
    return chr(SYLLABLE_BASE + code)


def is_hangul_syllable(char: str) -> bool:
    """True for a precomposed Hangul syllable (가..힣)."""
    return len(char) == 1 and 0xAC00 <= ord(char) <= 0xD7A3


def decompose(syllable: str) -> tuple[str, str, str]:
    """Split a Hangul syllable into (initial, vowel, final) jamo."""
    if not is_hangul_syllable(syllable):
        raise ValueError(f"not a Hangul syllable: {syllable!r}")
    code = ord(syllable) - SYLLABLE_BASE
    return INITIALS[code // 588], VOWELS[(code % 588) // 28], FINALS[code % 28]


def _vowel_system_spelling(vowel: str, system: str) -> str:
    """RR vowels for RR, MR/DPRK vowels (with breves) for the others."""
    rr, mr, _ = VOWEL_SPELLINGS[vowel]
    return rr if system == "rr" else mr


def systematic(syllable: str, system: str) -> str:
    """Return one syllable's marked spelling in one system (rr, mr, mr_v, dprk, dprk_v)."""
    initial, vowel, final = decompose(syllable)
    head = INITIAL_SPELLINGS[initial][system][0]
    body = _vowel_system_spelling(vowel, system)
    if system.startswith("dprk") and vowel == "ㅚ":
        body = "oe"
    tail = FINAL_SPELLINGS[final][0] if final in FINAL_SPELLINGS else ""
    return head + body + tail


def folk_spellings(syllable: str) -> tuple[str, ...]:
    """Return the unsystematic spellings people write for a syllable (Chul, Young, Soo...)."""
    initial, vowel, final = decompose(syllable)
    heads = INITIAL_FOLK.get(initial, INITIAL_SPELLINGS[initial]["rr"])
    bodies = list(VOWEL_SPELLINGS[vowel][2])
    if vowel == "ㅣ" and final:
        bodies.remove("ee")  # "Lee", "Kee", but nobody writes "Jeen" or "Eell"
    if vowel == "ㅓ" and final == "ㅇ":
        bodies += ["eu", "ou"]  # Seung, Joung: seen on passports for 성 and 정
    if vowel == "ㅕ" and final == "ㅇ":
        bodies += ["you"]
    tails = FINAL_SPELLINGS[final][1] if final in FINAL_SPELLINGS else ("",)
    # Shin, Shik: the ROK 1984 habit of writing ㅅ as "sh" before i and y.
    shin = initial == "ㅅ" and bodies[0][:1] in ("i", "y")
    out: list[str] = []
    for head in heads:
        for h in (head, "sh") if shin else (head,):
            for body in bodies:
                for tail in tails:
                    out.append(h + body + tail)
    if initial == "ㅇ" and vowel == "ㅜ" and final == "":
        out.append("woo")
    return tuple(dict.fromkeys(out))


MARK_TRANSLATION = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "`": "'",
        "´": "'",
        "ʼ": "'",
        "′": "'",
        "ǒ": "ŏ",
        "ö": "ŏ",
        "ô": "ŏ",
        "ǔ": "ŭ",
        "ü": "ŭ",
    }
)


def canonical_marks(token: str) -> str:
    """Lower-case a Latin token and write its MR marks as ``ŏ``, ``ŭ`` and ``'``.

    The UN list writes breves as an apostrophe after the vowel (``CHO'NG``), sometimes
    misplaced after a ``y`` (``KY'ONG``); both become ``ŏ``.
    """
    text = unicodedata.normalize("NFC", token.lower()).translate(MARK_TRANSLATION)
    out: list[str] = []
    pending_breve = False
    for char in text:
        if char == "'":
            if out and out[-1] in "ou":
                out[-1] = "ŏ" if out[-1] == "o" else "ŭ"
            elif out and out[-1] in "yw":
                pending_breve = True
            elif out and out[-1] in "hkptc":
                out.append("'")
            continue
        if pending_breve and char in "ou":
            char = "ŏ" if char == "o" else "ŭ"
        pending_breve = False
        out.append(char)
    return "".join(out)


def strip_marks(marked: str) -> str:
    """Drop breves and apostrophes: the plain ASCII spelling."""
    return marked.replace("ŏ", "o").replace("ŭ", "u").replace("'", "")


def has_marks(marked: str) -> bool:
    """True when a marked spelling carries a breve or an aspiration apostrophe."""
    return any(c in marked for c in "ŏŭ'")


def render(marked: str, marks: str) -> str:
    """Write a marked spelling with ``unicode`` breves (ŏ, ’), ``ascii`` (o', ') or ``plain``."""
    if marks == "unicode":
        return marked.replace("'", "’")
    if marks == "ascii":
        return marked.replace("ŏ", "o'").replace("ŭ", "u'")
    return strip_marks(marked)


def south_form(syllable: str) -> str:
    """Return a syllable under the South's initial-sound law (룡 -> 용, 리 -> 이, 로 -> 노).

    Used to compare names: a North spelling and its South counterpart may name one person.
    """
    if not is_hangul_syllable(syllable):
        return syllable
    initial, vowel, final = decompose(syllable)
    if initial == "ㄹ":
        initial = "ㅇ" if vowel in "ㅣㅑㅕㅛㅠㅖ" else "ㄴ"
    elif initial == "ㄴ" and vowel in "ㅣㅑㅕㅛㅠㅖ":
        initial = "ㅇ"
    return compose(initial, vowel, final)


def name_syllables() -> Iterable[str]:
    """Every syllable the model covers: all initials and vowels, the name finals."""
    for initial in INITIALS:
        for vowel in VOWELS:
            for final in NAME_FINALS:
                yield compose(initial, vowel, final)


@cache
def _tables() -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
    """Build reverse tables: marked systematic, plain systematic and plain folk spellings."""
    marked: dict[str, set[str]] = {}
    plain: dict[str, set[str]] = {}
    folk: dict[str, set[str]] = {}
    for syl in name_syllables():
        for system in SYSTEMS:
            spelling = systematic(syl, system)
            marked.setdefault(spelling, set()).add(syl)
            plain.setdefault(strip_marks(spelling), set()).add(syl)
        for spelling in folk_spellings(syl):
            folk.setdefault(spelling, set()).add(syl)
    return marked, plain, folk


def readings(token: str) -> dict[str, int]:
    """Return the Hangul syllables a one-syllable Latin token can stand for, with a level.

    Level 2: the token is a systematic spelling (RR, MR, DPRK), marks compared when it
    has them. Level 1: only a folk spelling, or a match once stray marks are dropped.
    """
    marked_table, plain_table, folk_table = _tables()
    marked = canonical_marks(token)
    plain = strip_marks(marked)
    levels: dict[str, int] = {}
    exact = marked_table.get(marked, set()) if has_marks(marked) else plain_table.get(plain, set())
    for syl in exact:
        levels[syl] = 2
    for syl in plain_table.get(plain, set()) | folk_table.get(plain, set()):
        levels.setdefault(syl, 1)
    return levels


@cache
def _spelling_keys() -> frozenset[str]:
    """Every spelling the reverse tables know, marked and plain."""
    marked_table, plain_table, folk_table = _tables()
    return frozenset(marked_table) | frozenset(plain_table) | frozenset(folk_table)


def segmentations(token: str, max_syllables: int = 4) -> list[list[str]]:
    """Split a joined Latin token (``wonho``, ``ch'ongguk``) into syllable spellings.

    Every split whose pieces are known spellings is returned, shortest first. A token
    with stray marks that cannot be split is retried without its marks.
    """
    keys = _spelling_keys()
    text = canonical_marks(token)

    def split(rest: str, budget: int) -> list[list[str]]:
        if not rest:
            return [[]]
        if budget == 0:
            return []
        found: list[list[str]] = []
        for end in range(min(len(rest), 8), 0, -1):
            head = rest[:end]
            if head in keys:
                found += [[head, *tail] for tail in split(rest[end:], budget - 1)]
        return found

    result = split(text, max_syllables) or split(strip_marks(text), max_syllables)
    return sorted(result, key=len)
