"""Romanize a Hangul word in RR, MR and the DPRK system, for blocking keys.

Matching never needs this (reading sets compare Hangul with any spelling); retrieval
does: a Hangul query (운산) must find the list's Latin word (Unsan) by its exact
spelling, since a coarse skeleton alone is shared by too many words. Each system's first
spelling of each letter is used (romanization.yaml), with the rules lists follow: the
South's initial-sound law in RR and MR, MR and DPRK voicing between voiced sounds, and
nasal assimilation in RR and MR (압록강 -> Amnokkang).
"""

from __future__ import annotations

from functools import cache

from wgdesk.screening.cache import word_cache
from wgdesk.screening.korean.hangul import (
    FINALS,
    INITIALS,
    MEDIALS,
    decompose,
    final_class,
    is_syllable,
    south_initial,
)
from wgdesk.screening.korean.tables import fold_spelling, romanization_table

SYSTEMS = ("rr", "mr", "dprk")
_VOICED = {"k": "g", "t": "d", "p": "b", "ch": "j"}
_NASAL = {"ㅂ": "ㅁ", "ㄱ": "ㅇ", "ㄷ": "ㄴ"}


@cache
def _letters(system: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Return the first spelling of each initial, medial and final in one system."""
    data = romanization_table()
    return tuple(  # type: ignore[return-value]
        {jamo: fold_spelling(v[system][0]) for jamo, v in data[slot].items()}
        for slot in ("initials", "medials", "finals")
    )


@word_cache(16384)
def romanizations(word: str) -> frozenset[str]:
    """Return the RR, MR and DPRK spellings of a Hangul word, folded to ASCII."""
    if not word or not all(is_syllable(c) for c in word):
        return frozenset()
    return frozenset(_romanize(word, system) for system in SYSTEMS)


def _romanize(word: str, system: str) -> str:
    """Spell a Hangul word in one system."""
    initials, medials, finals = _letters(system)
    parts = [decompose(c) for c in word]
    out = []
    for i, (initial, medial, final) in enumerate(parts):
        if i == 0 and system != "dprk":
            initial = south_initial(initial, medial)  # the South writes 이, 노 for 리, 로
        onset = initials[INITIALS[initial]]
        if system != "rr" and i > 0 and onset in _VOICED and _voiced_before(parts[i - 1][2]):
            onset = _VOICED[onset]  # MR and the DPRK voice k, t, p, ch: Ryonbong, Taedong
        head = FINALS[final_class(final)]
        if i + 1 < len(parts) and INITIALS[parts[i + 1][0]] in "ㄴㅁㄹ" and system != "dprk":
            head = _NASAL.get(head, head)  # 압록 is said, and written, amnok
        out.append(onset + medials[MEDIALS[medial]] + finals[head])
    return "".join(out)


def _voiced_before(final: int) -> bool:
    """True when the previous syllable ends in a vowel or a voiced consonant."""
    return FINALS[final_class(final)] in ("", "ㄴ", "ㄹ", "ㅁ", "ㅇ")
