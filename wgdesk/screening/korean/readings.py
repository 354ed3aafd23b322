"""Reading sets: which Hangul syllables a Latin spelling can stand for.

A Latin syllable such as ``song`` may be 송 or 성 (MR writes ㅓ as ŏ, and the breve is
often dropped); ``sung`` may be 숭, 승 or 성 (a common folk spelling of 성). Two
spellings name the same syllable when their reading sets intersect: song and sung meet
in 성. The sets come from inverting the per-letter tables in romanization.yaml:
``initial + medial + [silent h] + final`` is parsed in every way the tables allow and each
parse contributes the syllables it spells, South-normalised (see hangul.py). This is
the same relation as generating every spelling of every syllable and inverting it,
computed lazily per spelling and cached, so nothing large is built at import.
"""

from __future__ import annotations

from itertools import product

from wgdesk.screening.cache import word_cache
from wgdesk.screening.korean.hangul import (
    FINALS,
    INITIALS,
    decompose,
    final_class,
    is_syllable,
    normalize_parts,
    normalize_syllable,
)
from wgdesk.screening.korean.tables import letters

Readings = frozenset[int]
ReadingSeq = tuple[Readings, ...]

MAX_SYLLABLE_LETTERS = 8  # longest Latin syllable the tables can spell (e.g. "tchweong")
MAX_SEGMENTATIONS = 24  # bound on the ways one word is cut into syllables
_VOWEL_STARTS = frozenset("aeiouwy")
_EMPTY: Readings = frozenset()


@word_cache(131072)
def syllable_readings(spelling: str) -> Readings:
    """Return the normalised Hangul syllables one Latin syllable can spell (empty if none)."""
    tables = letters()
    found: set[int] = set()
    for i in range(min(len(spelling), 3) + 1):
        initials = tables.initials.get(spelling[:i])
        if initials is None:
            continue
        rest = spelling[i:]
        for j in range(1, min(len(rest), 4) + 1):
            medials = tables.medials.get(rest[:j])
            if medials is None:
                continue
            for tail in _finals_after_silent_h(rest[j:]):
                finals = tables.finals.get(tail)
                if finals is not None:
                    found.update(
                        normalize_parts(a, b, c) for a, b, c in product(initials, medials, finals)
                    )
    return frozenset(found) if found else _EMPTY


def _finals_after_silent_h(tail: str) -> tuple[str, ...]:
    """Return the final spelling, and also it without a silent h (Ahn, Koh) when present."""
    if tail.startswith("h"):
        return (tail, tail[1:])
    return (tail,)


@word_cache(65536)
def segmentations(word: str, assimilate: bool = True) -> tuple[ReadingSeq, ...]:
    """Return every way to cut a Latin or Hangul word into syllables with readings.

    ``assimilate`` lets a Hangul word also read as pronounced (압록 as 암녹): right for
    place and organisation names, which RR writes as said; not for personal names,
    which RR and the DPRK write syllable by syllable (한복남 Han Boknam).
    """
    if not word:
        return ()
    if all(is_syllable(c) for c in word):
        return (hangul_readings(word) if assimilate else hangul_letters(word),)
    if not word.isascii() or not word.isalpha():
        return ()
    return _segment_from(word, 0)


# Nasal assimilation: a final stop before ㄴ, ㅁ or ㄹ is pronounced as the nasal of its
# class (압록 is said [암녹], 백마 [뱅마]). Some romanizations write the sound (Amnokkang,
# Amroggang), others the letters (Aprokgang), so before a nasal each pair is one final.
_NASAL_PAIRS = (("ㅂ", "ㅁ"), ("ㄱ", "ㅇ"), ("ㄷ", "ㄴ"))
_NASAL_OF_FINAL = {FINALS.index(a): FINALS.index(b) for a, b in _NASAL_PAIRS}
_NASAL_OF_FINAL.update({FINALS.index(b): FINALS.index(a) for a, b in _NASAL_PAIRS})
_NASAL_INITIALS = frozenset(INITIALS.index(c) for c in "ㄴㅁㄹ")
_NASAL_AFTER_LAW = frozenset(INITIALS.index(c) for c in "ㄴㅁ")  # ㄹ is ㄴ once normalised


def hangul_readings(word: str) -> ReadingSeq:
    """Return each syllable of a Hangul word as written and, before a nasal, as pronounced."""
    parts = [decompose(c) for c in word]
    readings = []
    for i, (initial, medial, final) in enumerate(parts):
        found = {normalize_parts(initial, medial, final)}
        nasal = _NASAL_OF_FINAL.get(final_class(final))
        if nasal is not None and i + 1 < len(parts) and parts[i + 1][0] in _NASAL_INITIALS:
            found.add(normalize_parts(initial, medial, nasal))
        readings.append(frozenset(found))
    return tuple(readings)


def hangul_letters(word: str) -> ReadingSeq:
    """Return each syllable of a Hangul word as written."""
    return tuple(frozenset({normalize_syllable(c)}) for c in word)


def _assimilated(cut: ReadingSeq) -> ReadingSeq:
    """Let a final stop and its nasal stand for each other before a nasal (압록 = 암녹)."""
    if len(cut) < 2:
        return cut
    return (*map(_assimilated_before, cut[:-1], cut[1:]), cut[-1])


@word_cache(65536)  # syllable pairs recur across every name with them
def _assimilated_before(readings: Readings, following: Readings) -> Readings:
    """Return a syllable's readings with final stops also read as nasals, before a nasal."""
    if not any(decompose(chr(s))[0] in _NASAL_AFTER_LAW for s in following):
        return readings
    extra = set()
    for code in readings:
        initial, medial, final = decompose(chr(code))
        swapped = _NASAL_OF_FINAL.get(final)
        if swapped is not None:
            extra.add(normalize_parts(initial, medial, swapped))
    return readings | frozenset(extra) if extra else readings


def fewest_syllables(word: str) -> int | None:
    """Return the fewest Korean syllables a Latin word can be cut into (None: it cannot).

    Counted without building the readings (unlike ``segmentations``): a cheap test that
    any word of the lists may take, keeping no cache.
    """
    if not word.isascii() or not word.isalpha():
        return None
    fewest: list[int | None] = [None] * len(word) + [0]  # for each suffix
    for start in range(len(word) - 1, -1, -1):
        for end in range(start + 1, min(len(word), start + MAX_SYLLABLE_LETTERS) + 1):
            rest = fewest[end]
            if rest is not None and syllable_readings(word[start:end]):
                found = fewest[start]
                fewest[start] = rest + 1 if found is None else min(found, rest + 1)
    return fewest[0]


@word_cache(131072)
def _segment_from(word: str, start: int) -> tuple[ReadingSeq, ...]:
    """Return the segmentations of ``word[start:]`` (memoised on the suffix)."""
    if start == len(word):
        return ((),)
    results: list[ReadingSeq] = []
    for end in range(start + 1, min(len(word), start + MAX_SYLLABLE_LETTERS) + 1):
        # A syllable never ends just before a consonant cluster that cannot start the
        # next one; the tables decide that, as the next call then finds nothing.
        readings = syllable_readings(word[start:end])
        if not readings:
            continue
        for tail in _segment_from(word, end):
            results.append((readings, *tail))
            if len(results) >= MAX_SEGMENTATIONS:
                return tuple(results)
    return tuple(results)


@word_cache(65536)
def join_segmentations(
    parts: tuple[str, ...], limit: int = MAX_SEGMENTATIONS, assimilate: bool = True
) -> tuple[ReadingSeq, ...]:
    """Return the segmentations of hyphen- or space-separated parts read one after another."""
    combined: list[ReadingSeq] = [()]
    for part in parts:
        options = segmentations(part, assimilate)
        if not options:
            return ()
        combined = [a + b for a in combined for b in options][:limit]
    if assimilate:
        combined = [_assimilated(cut) for cut in combined]
    return tuple(dict.fromkeys(combined))


def agree(a: Readings, b: Readings) -> bool:
    """True when two reading sets share a syllable."""
    return not a.isdisjoint(b)


def sequences_agree(a: ReadingSeq, b: ReadingSeq) -> bool:
    """True when two syllable sequences have the same length and agree position by position."""
    return len(a) == len(b) and all(not x.isdisjoint(y) for x, y in zip(a, b, strict=True))


def any_sequences_agree(a: tuple[ReadingSeq, ...], b: tuple[ReadingSeq, ...]) -> bool:
    """True when some segmentation of one side agrees with some segmentation of the other."""
    return any(sequences_agree(x, y) for x in a for y in b if len(x) == len(y))


def is_vowel_start(spelling: str) -> bool:
    """True when a Latin spelling starts with a vowel or glide."""
    return spelling[:1] in _VOWEL_STARTS
