"""Read a personal name as a Korean name: a surname and a given name of syllables.

One written name can be read several ways. "Kim Song Chol" is surname-first; "Wonho
Ri" is surname-last; "RI, Won Ho" says so with its comma; "Namgung Min" has a
two-syllable surname; a joined given name ("Jonghyeok") can be cut into syllables in
more than one way. :func:`read_korean_name` returns every plausible reading and the
comparison rules pick the pair of readings that agree best.
"""

from __future__ import annotations

from dataclasses import dataclass

from wgdesk.screening.cache import word_cache
from wgdesk.screening.korean.hangul import is_syllable, normalize_syllable
from wgdesk.screening.korean.readings import (
    ReadingSeq,
    join_segmentations,
    segmentations,
    syllable_readings,
)
from wgdesk.screening.korean.tables import surnames
from wgdesk.screening.text import Token, Tokens

SurnameKey = tuple[int, ...]
MAX_GIVEN_SYLLABLES = 4  # Korean given names have one to three syllables; allow a spare
MAX_TOKENS = 4
MAX_SURNAME_LETTERS = 6  # the longest one-syllable surname spelling (e.g. "hwang", "kweon")


@dataclass(frozen=True, slots=True)
class KoreanReading:
    """One way to read a name: surname candidates and given-name syllable sequences."""

    surname: frozenset[SurnameKey]  # normalised Hangul of the surnames it may be
    surname_text: str  # as written, for explanations
    given: tuple[ReadingSeq, ...]  # alternative syllable cuts of the given name
    given_text: str  # as written (hyphens kept), for explanations


@word_cache(16384)
def surname_keys(word: str) -> frozenset[SurnameKey]:
    """Return the surnames a written word can be, by table spelling or by syllable reading."""
    table = surnames()
    if all(is_syllable(c) for c in word):
        key = tuple(normalize_syllable(c) for c in word)
        return frozenset({key}) if key in table.by_key else frozenset()
    # Two-syllable surnames (Namgung, Hwangbo) are few and spelled few ways: the table
    # lists them all, so only one-syllable surnames are also found by reading.
    found = set(table.by_spelling.get(word, ()))
    if len(word) <= MAX_SURNAME_LETTERS:
        found.update((s,) for s in syllable_readings(word) & table.single_syllables)
    return frozenset(found)


def read_korean_name(tokens: Tokens) -> tuple[KoreanReading, ...]:
    """Return every reading of a name as surname plus given name (empty if none fits)."""
    words = tokens.words
    if not words or len(words) > MAX_TOKENS:
        return ()
    if len(words) == 1:
        return _read_single_word(words[0])
    readings: list[KoreanReading] = []
    orders = ("first",) if tokens.comma == 1 else ("first", "last")
    for order in orders:
        surname_word = words[0] if order == "first" else words[-1]
        given_words = words[1:] if order == "first" else words[:-1]
        reading = _reading(surname_word, given_words)
        if reading is not None:
            readings.append(reading)
    return tuple(readings)


def _reading(surname_word: Token, given_words: tuple[Token, ...]) -> KoreanReading | None:
    """Return the reading with this surname word and these given-name words, if valid."""
    if len(surname_word.parts) != 1:
        return None
    keys = surname_keys(surname_word.text)
    if not keys:
        return None
    parts = tuple(p for w in given_words for p in w.parts)
    given = _given_cuts(parts)
    if not given:
        return None
    text = " ".join(w.hyphenated for w in given_words)
    return KoreanReading(keys, surname_word.text, given, text)


def _given_cuts(parts: tuple[str, ...]) -> tuple[ReadingSeq, ...]:
    """Return the syllable cuts of a given name that have a plausible length."""
    # Personal names are written syllable by syllable: no reading as pronounced.
    cuts = join_segmentations(parts, assimilate=False)
    return tuple(c for c in cuts if 1 <= len(c) <= MAX_GIVEN_SYLLABLES)


def _read_single_word(word: Token) -> tuple[KoreanReading, ...]:
    """Read an unspaced Hangul name (리원호): its first one or two syllables are the surname."""
    text = word.text
    if len(word.parts) != 1 or not all(is_syllable(c) for c in text) or not 2 <= len(text) <= 5:
        return ()
    readings = []
    for size in (1, 2):
        keys = surname_keys(text[:size])
        rest = text[size:]
        if keys and 1 <= len(rest) <= MAX_GIVEN_SYLLABLES:
            given = segmentations(rest, assimilate=False)
            readings.append(KoreanReading(keys, text[:size], given, rest))
    return tuple(readings)
