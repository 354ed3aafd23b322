"""Load the Korean data files (romanization letters, surnames, organisation glossary).

The files live in ``wgdesk/screening/korean/data`` and are wgdesk's own data. Each is
read once, on first use, so importing the package stays fast.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from wgdesk.screening.korean.hangul import FINALS, INITIALS, MEDIALS, normalize_syllable
from wgdesk.yamlio import load_yaml

SYSTEMS = ("rr", "mr", "dprk", "folk")


def _read(name: str) -> str:
    """Return the text of one data file."""
    return (
        resources.files("wgdesk.screening.korean")
        .joinpath("data")
        .joinpath(name)
        .read_text("utf-8")
    )


def fold_spelling(spelling: str) -> str:
    """Fold a table spelling the way names are folded: no marks, no apostrophes."""
    decomposed = unicodedata.normalize("NFKD", spelling)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("'", "").replace("’", "").lower()


@dataclass(frozen=True, slots=True)
class LetterTables:
    """Latin spelling -> the jamo it can write, for each slot of a syllable."""

    initials: dict[str, frozenset[int]]
    medials: dict[str, frozenset[int]]
    finals: dict[str, frozenset[int]]


@cache
def romanization_table() -> dict[str, Any]:
    """Return romanization.yaml as read, once: each jamo's spellings in each system."""
    data: dict[str, Any] = load_yaml(_read("romanization.yaml"))
    return data


@cache
def letters() -> LetterTables:
    """Return the inverted romanization tables, built from romanization.yaml."""
    data = romanization_table()
    maps = []
    for slot, alphabet in (("initials", INITIALS), ("medials", MEDIALS), ("finals", FINALS)):
        inverted: dict[str, set[int]] = {}
        for letter, systems in data[slot].items():
            index = alphabet.index(letter) if letter else 0
            for system in SYSTEMS:
                for spelling in systems.get(system) or []:
                    inverted.setdefault(fold_spelling(spelling), set()).add(index)
        maps.append({k: frozenset(v) for k, v in inverted.items()})
    initials, medials, finals = maps
    return LetterTables(initials, medials, finals)


@dataclass(frozen=True, slots=True)
class Surname:
    """One Korean surname: its South and North Hangul forms, hanja and Latin spellings."""

    hangul: str
    north: str | None
    hanja: str
    spellings: tuple[str, ...]

    @property
    def key(self) -> tuple[int, ...]:
        """The surname's South-normalised syllables, the form the matcher compares."""
        return tuple(normalize_syllable(c) for c in self.hangul)


@dataclass(frozen=True, slots=True)
class SurnameTable:
    """Every surname, indexed by spelling and by normalised Hangul."""

    surnames: tuple[Surname, ...]
    by_spelling: dict[str, frozenset[tuple[int, ...]]]
    by_key: dict[tuple[int, ...], Surname]
    single_syllables: frozenset[int]


@cache
def surnames() -> SurnameTable:
    """Return the surname table, read from surnames.tsv."""
    rows = []
    for line in _read("surnames.tsv").splitlines():
        if not line or line.startswith("#") or line.startswith("hangul\t"):
            continue
        hangul, north, hanja, spellings = line.split("\t")
        rows.append(
            Surname(hangul, None if north == "-" else north, hanja, tuple(spellings.split()))
        )
    by_spelling: dict[str, set[tuple[int, ...]]] = {}
    for surname in rows:
        for spelling in surname.spellings:
            by_spelling.setdefault(spelling, set()).add(surname.key)
    by_key = {s.key: s for s in rows}
    singles = frozenset(k[0] for k in by_key if len(k) == 1)
    return SurnameTable(
        tuple(rows), {k: frozenset(v) for k, v in by_spelling.items()}, by_key, singles
    )


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """A Korean organisation term and its English translations."""

    hangul: str
    english: tuple[str, ...]
    kind: str  # "korea", "legal" or "word"
    end_only: bool


@cache
def glossary() -> dict[str, GlossaryTerm]:
    """Return the organisation glossary keyed by the term as written."""
    terms: dict[str, GlossaryTerm] = {}
    for line in _read("org-glossary.tsv").splitlines():
        if not line or line.startswith("#") or line.startswith("hangul\t"):
            continue
        hangul, english, kind, where = line.split("\t")
        terms[hangul] = GlossaryTerm(hangul, tuple(english.split("|")), kind, where == "end")
    return terms


@cache
def glossary_north() -> dict[tuple[int, ...], GlossaryTerm]:
    """Return the glossary keyed by South-normalised syllables, to find North spellings (련합).

    Only a fallback: normalising merges some words (무역 "trade" and 무력 "armed forces"
    both become 무역), so a term written as in the table is looked up as written first.
    """
    terms: dict[tuple[int, ...], GlossaryTerm] = {}
    for hangul, term in glossary().items():
        terms.setdefault(tuple(normalize_syllable(c) for c in hangul), term)
    return terms
