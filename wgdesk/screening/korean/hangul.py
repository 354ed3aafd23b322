"""Hangul syllable arithmetic: decompose, compose and normalise syllables.

A precomposed Hangul syllable is ``0xAC00 + (initial * 21 + medial) * 28 + final``
(Unicode chapter 3.12), so no table is needed to split one into its letters (jamo).
The matcher compares syllables in a *South-normalised, sound-class* form: the North's
spelling is mapped to the South's by the initial-sound law (리 -> 이, 로 -> 노) and a
final consonant is reduced to the one of seven classes it is pronounced as.
"""

from __future__ import annotations

from functools import cache

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3
N_MEDIALS = 21
N_FINALS = 28

# Compatibility jamo, in Unicode's order for each slot of a syllable.
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS: tuple[str, ...] = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

_RIEUL = INITIALS.index("ㄹ")
_NIEUN = INITIALS.index("ㄴ")
_IEUNG = INITIALS.index("ㅇ")
# Vowels that start with an i-sound; before them the initial-sound law drops ㄹ and ㄴ.
_I_VOWELS = frozenset(MEDIALS.index(v) for v in "ㅑㅒㅕㅖㅛㅠㅣ")

# Each final consonant is pronounced as one of seven (ㄱ ㄴ ㄷ ㄹ ㅁ ㅂ ㅇ); romanizations
# write the sound, so only the class can be recovered from Latin letters.
_FINAL_CLASS_MEMBERS = {
    "ㄱ": "ㄱㄲㄳㄺㅋ",
    "ㄴ": "ㄴㄵㄶ",
    "ㄷ": "ㄷㅅㅆㅈㅊㅌㅎ",
    "ㄹ": "ㄹㄼㄽㄾㅀ",
    "ㅁ": "ㅁㄻ",
    "ㅂ": "ㅂㄿㅄㅍ",
    "ㅇ": "ㅇ",
}
_FINAL_CLASS = [0] * N_FINALS
for _head, _members in _FINAL_CLASS_MEMBERS.items():
    for _member in _members:
        _FINAL_CLASS[FINALS.index(_member)] = FINALS.index(_head)


def is_syllable(char: str) -> bool:
    """True when ``char`` is one precomposed Hangul syllable."""
    return len(char) == 1 and SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def has_hangul(text: str) -> bool:
    """True when the text holds at least one Hangul syllable."""
    if text.isascii():
        return False
    return any(SYLLABLE_FIRST <= ord(c) <= SYLLABLE_LAST for c in text)


def decompose(char: str) -> tuple[int, int, int]:
    """Split a syllable into the indices of its initial, medial and final jamo."""
    offset = ord(char) - SYLLABLE_FIRST
    if not 0 <= offset <= SYLLABLE_LAST - SYLLABLE_FIRST:
        raise ValueError(f"{char!r} is not a Hangul syllable")
    initial, rest = divmod(offset, N_MEDIALS * N_FINALS)
    medial, final = divmod(rest, N_FINALS)
    return initial, medial, final


def compose(initial: int, medial: int, final: int = 0) -> str:
    """Build a syllable from the indices of its jamo."""
    return chr(SYLLABLE_FIRST + (initial * N_MEDIALS + medial) * N_FINALS + final)


def jamo(char: str) -> str:
    """Return a syllable's jamo as compatibility letters, e.g. 원 -> ㅇㅝㄴ."""
    initial, medial, final = decompose(char)
    return INITIALS[initial] + MEDIALS[medial] + FINALS[final]


def final_class(final: int) -> int:
    """Return the index of the final consonant a final is pronounced as."""
    return _FINAL_CLASS[final]


def south_initial(initial: int, medial: int) -> int:
    """Apply the initial-sound law: ㄹ+i-vowel -> ㅇ, other ㄹ -> ㄴ, ㄴ+i-vowel -> ㅇ."""
    if initial == _RIEUL:
        return _IEUNG if medial in _I_VOWELS else _NIEUN
    if initial == _NIEUN and medial in _I_VOWELS:
        return _IEUNG
    return initial


def normalize_parts(initial: int, medial: int, final: int) -> int:
    """Return the code point of the South-normalised, sound-class form of a syllable."""
    normal = compose(south_initial(initial, medial), medial, final_class(final))
    return ord(normal)


@cache
def normalize_syllable(char: str) -> int:
    """Return the code point of a syllable's South-normalised, sound-class form (리 -> 이)."""
    return normalize_parts(*decompose(char))
