"""Respell a listed Korean personal name in other romanizations, orders and forms.

A :class:`~benchmarks.evalset.names.NameCluster` holds the Hangul readings of one listed
name; this module writes them back out the way people do: RR, MR with Unicode breves,
MR with the UN's apostrophes, MR without marks, the DPRK system, folk spellings, or a
mix; given names joined, hyphenated or spaced; surname first, last, or "SURNAME, Given".
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from benchmarks.evalset import korean
from benchmarks.evalset.names import NameCluster, Surname

STYLES = ("rr", "mr_unicode", "mr_ascii", "mr_plain", "dprk", "folk", "mixed")
STYLE_WEIGHTS = (3, 1, 1, 2, 3, 4, 2)
ORDERS = ("surname_first", "given_first", "comma")
ORDER_WEIGHTS = (5, 3, 2)
JOINS = ("hyphen", "space", "joined", "camel")
JOIN_WEIGHTS = (4, 3, 3, 1)
CASES = ("title", "upper", "lower")
CASE_WEIGHTS = (6, 3, 1)
VOICING_CONTEXT = ("", "ㄴ", "ㅁ", "ㅇ", "ㄹ")


def _voiced(previous: str | None) -> bool:
    """True when a syllable follows a vowel or a sonorant, where MR writes g, d, b, j."""
    return previous is not None and korean.decompose(previous)[2] in VOICING_CONTEXT


def _syllable_marked(syl: str, previous: str | None, style: str, rng: random.Random) -> str:
    """Spell one given-name syllable in a style, in marked notation."""
    if style == "mixed":
        style = rng.choice(("rr", "mr_plain", "dprk", "folk"))
    if style == "rr":
        return korean.systematic(syl, "rr")
    if style.startswith("mr"):
        return korean.systematic(syl, "mr_v" if _voiced(previous) else "mr")
    if style == "dprk":
        voiced = previous is not None and rng.random() < 0.5
        return korean.systematic(syl, "dprk_v" if voiced else "dprk")
    return rng.choice(korean.folk_spellings(syl))


def _marks_for(style: str) -> str:
    """Which written form of MR marks a style uses."""
    return {"mr_unicode": "unicode", "mr_ascii": "ascii"}.get(style, "plain")


def given_parts(readings: str, style: str, rng: random.Random) -> list[str]:
    """Spell the syllables of a Hangul given name, rendered with the style's marks."""
    parts: list[str] = []
    previous: str | None = None
    for syl in readings:
        parts.append(korean.render(_syllable_marked(syl, previous, style, rng), _marks_for(style)))
        previous = syl
    return parts


def _weighted_variant(variants: Sequence[str], rng: random.Random) -> str:
    """Pick a spelling, strongly favouring the table's first (most common) ones.

    The table orders spellings by use (Kim before Gim, Kym, Ghim...); weights 1/rank² keep
    every spelling in play while the usual ones dominate, as on real passports.
    """
    weights = [1.0 / (index + 1) ** 2 for index in range(len(variants))]
    return rng.choices(list(variants), weights=weights)[0]


def surname_spellings(surname: Surname, north_initial: bool) -> list[str]:
    """Every Latin spelling of a surname; r/l forms only when the list uses the North one."""
    spellings = [surname.rr, surname.mr, surname.dprk_north, *surname.variants]
    if not north_initial:
        spellings = [s for s in spellings if s[:1].lower() not in "rl"] or spellings
    return list(dict.fromkeys(s for s in spellings if s))


def surname_for(cluster: NameCluster, style: str, rng: random.Random) -> str:
    """Spell the surname in a style: MR/DPRK columns for those systems, else a popular form."""
    allowed = surname_spellings(cluster.surname, cluster.north_initial)
    if style.startswith("mr") and cluster.surname.mr in allowed:
        return korean.render(korean.canonical_marks(cluster.surname.mr), _marks_for(style))
    if style == "dprk" and cluster.surname.dprk_north in allowed:
        return korean.strip_marks(korean.canonical_marks(cluster.surname.dprk_north))
    return _weighted_variant([s for s in allowed if s in cluster.surname.variants] or allowed, rng)


def _cap(word: str) -> str:
    """Capitalise the first letter only (keeps apostrophes and breves as they are)."""
    return word[:1].upper() + word[1:]


def join_given(parts: list[str], how: str, rng: random.Random) -> str:
    """Write given-name syllables joined (Wonho), hyphenated (Won-ho), spaced or CamelCase."""
    if len(parts) == 1:
        return _cap(parts[0])
    if how == "joined":
        return _cap("".join(parts))
    if how == "camel":
        return "".join(_cap(p) for p in parts)
    if how == "hyphen":
        rest = [_cap(p) for p in parts[1:]] if rng.random() < 0.4 else parts[1:]
        return "-".join([_cap(parts[0]), *rest])
    return " ".join(_cap(p) for p in parts)


def arrange(surname: str, given: str, order: str, case: str) -> str:
    """Put surname and given name in order and apply the letter case."""
    surname = _cap(surname)
    if order == "surname_first":
        text = f"{surname} {given}"
    elif order == "given_first":
        text = f"{given} {surname}"
    else:
        text = f"{surname.upper()}, {given}"
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    return text


def latin_variant(cluster: NameCluster, reading: str, rng: random.Random) -> tuple[str, list[str]]:
    """Write one random respelling of a cluster's name from one Hangul given-name reading.

    Returns the text and the given-name syllables as written (for ambiguity checks).
    """
    style = rng.choices(STYLES, weights=STYLE_WEIGHTS)[0]
    parts = given_parts(reading, style, rng)
    given = join_given(parts, rng.choices(JOINS, weights=JOIN_WEIGHTS)[0], rng)
    surname = surname_for(cluster, style, rng)
    order = rng.choices(ORDERS, weights=ORDER_WEIGHTS)[0]
    case = rng.choices(CASES, weights=CASE_WEIGHTS)[0]
    return arrange(surname, given, order, case), parts


def hangul_names(cluster: NameCluster, limit: int = 4) -> list[str]:
    """Return the cluster's Hangul names, North then South surname, for every reading."""
    return [s + r for r in cluster.hangul_readings(limit) for s in cluster.surname_forms]
