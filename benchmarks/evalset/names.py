"""Korean personal names for the evaluation generator: surnames, syllable priors, parsing.

A listed Latin name such as ``KIM YONG CHOL`` is read back into Hangul candidates per
syllable; several spellings of the same name (the UN primary name and its aliases) are
pooled so that, for example, ``Kim Young-Chol`` settles ``YONG`` as 영 rather than 용.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from benchmarks.evalset import korean

# How common a syllable is in Korean given names: 3 very common, 2 common, otherwise 0.5.
# Written for this generator from general knowledge of Korean naming; it only breaks ties
# between readings that a romanization cannot tell apart (YONG = 영 or 용, CHOL = 철 or 절).
_TIER3 = (
    "철영정성수호일광명남혁현진준민석용국동춘식희순숙옥경태원상훈길만봉학금은선미자화혜연"
    "재기세우주건범창규효병한욱택문찬환룡삼근무인지섭구덕복향실해승형윤산웅"
)
_TIER2 = (
    "종청천전강관열렬림련령록륜률리린모보부빈생서소신안양엽오완요운위유율의이익임장제조직집초"
    "충치칠탁표필항협홍휘흥회후계고군균극나난단달대두득란래량려력렴례로목묵박반방배백벽별본분"
    "비빙사새설솔술숭슬시심아애억엄업여역예온옹왕월육융을음응입작적절점존좌차채첨체최추축타"
    "통판팔풍함합행허헌황훤흠히귀교기도평하중"
)
SYLLABLE_PRIOR: dict[str, float] = dict.fromkeys(_TIER2, 2.0) | dict.fromkeys(_TIER3, 3.0)
DEFAULT_PRIOR = 0.5


def prior(syllable: str) -> float:
    """Return how common a syllable is in given names (3, 2 or 0.5)."""
    return SYLLABLE_PRIOR.get(syllable, DEFAULT_PRIOR)


@dataclass(frozen=True, slots=True)
class Surname:
    """One row of korean-surnames.tsv: South and North Hangul and every Latin spelling."""

    row: int
    south: str
    north: str
    rr: str
    mr: str
    dprk_north: str
    variants: tuple[str, ...]


class Surnames:
    """The surname table, indexed by every plain spelling (first row wins a tie)."""

    def __init__(self, rows: list[Surname]) -> None:
        self.rows = rows
        self.index: dict[str, list[Surname]] = {}
        self.by_hangul: dict[str, Surname] = {}
        for row in rows:
            spellings = (row.rr, row.mr, row.dprk_north, *row.variants)
            for spelling in spellings:
                key = korean.strip_marks(korean.canonical_marks(spelling))
                bucket = self.index.setdefault(key, [])
                if row not in bucket:
                    bucket.append(row)
            self.by_hangul.setdefault(row.south, row)
            self.by_hangul.setdefault(row.north, row)

    @classmethod
    def load(cls, path: Path) -> Surnames:
        """Read korean-surnames.tsv (columns hangul, hanja, rr, mr, dprk, common_variants)."""
        rows: list[Surname] = []
        with path.open(encoding="utf-8", newline="") as handle:
            for number, rec in enumerate(csv.DictReader(handle, delimiter="\t")):
                hangul = rec["hangul"].split("|")
                dprk = rec["dprk"].split("|")
                rows.append(
                    Surname(
                        row=number,
                        south=hangul[0],
                        north=hangul[-1],
                        rr=rec["rr"],
                        mr=rec["mr"],
                        dprk_north=dprk[0],
                        variants=tuple(v for v in rec["common_variants"].split("|") if v),
                    )
                )
        return cls(rows)

    def lookup(self, token: str) -> Surname | None:
        """Return the most common surname a Latin token spells, if any."""
        found = self.index.get(korean.strip_marks(korean.canonical_marks(token)))
        return found[0] if found else None


@dataclass(frozen=True, slots=True)
class ParsedName:
    """A Latin personal name read as a surname plus per-syllable Hangul candidates."""

    text: str
    surname: Surname
    surname_token: str  # as written, e.g. "RI" or "Lee"
    given: tuple[dict[str, int], ...]  # per given syllable: Hangul candidate -> level


_SPLIT = re.compile(r"[\s\-‐–]+")
_LATIN_NAME = re.compile(r"^[A-Za-zŎŏŬŭǑǒÖöÔôǓǔÜü'’‘`´ʼ\s,\-‐–.]+$")


def _given_syllables(tokens: list[str]) -> list[dict[str, int]] | None:
    """Read given-name tokens into per-syllable candidates; None when one does not parse."""
    out: list[dict[str, int]] = []
    for token in tokens:
        found = korean.readings(token)
        if found:
            out.append(found)
            continue
        splits = korean.segmentations(token, max_syllables=3)
        if not splits:
            return None
        best = max(
            splits, key=lambda s: sum(max(map(prior, korean.readings(p)), default=0) for p in s)
        )
        for piece in best:
            out.append(korean.readings(piece))
    return out


def parse_person(text: str, surnames: Surnames) -> ParsedName | None:
    """Parse "Surname Given", "Given Surname" or "SURNAME, Given"; None when not Korean."""
    if not _LATIN_NAME.match(text):
        return None
    if "," in text:
        head, _, tail = text.partition(",")
        surname_token, given_text = head.strip(), tail.strip()
    else:
        words = text.split()
        if len(words) < 2:
            return None
        if "-" not in words[0] and surnames.lookup(words[0]):
            surname_token, given_text = words[0], " ".join(words[1:])
        elif surnames.lookup(words[-1]):
            surname_token, given_text = words[-1], " ".join(words[:-1])
        else:
            return None
    surname = surnames.lookup(surname_token)
    tokens = [t for t in _SPLIT.split(given_text.replace(".", " ")) if t]
    if surname is None or not tokens:
        return None
    given = _given_syllables(tokens)
    if not given or len(given) > 3:
        return None
    # A syllable that no Korean given name plausibly uses ("Li Cheng He") means the name
    # is not a Korean name at all.
    if any(max(map(prior, position)) < 2 for position in given):
        return None
    return ParsedName(text=text, surname=surname, surname_token=surname_token, given=tuple(given))


def _southern(candidates: dict[str, int]) -> set[str]:
    """The candidates of one syllable in South spelling (룡 and 용 compare equal)."""
    return {korean.south_form(s) for s in candidates}


def compatible(a: ParsedName, b: ParsedName) -> bool:
    """True when two parsed names can be the same Hangul name.

    Same surname row, same syllable count, and every syllable's candidates overlap once
    both are put in South spelling: Kim Ryong Chol could be a South writer's 김용철, so it
    is not a safe negative beside KIM YONG CHOL.
    """
    if a.surname.row != b.surname.row or len(a.given) != len(b.given):
        return False
    return all(_southern(x) & _southern(y) for x, y in zip(a.given, b.given, strict=True))


@dataclass(frozen=True, slots=True)
class NameCluster:
    """Spellings of one Hangul name pooled together, with the readings they support."""

    ref: str
    surname: Surname
    forms: tuple[str, ...]
    readings: tuple[tuple[str, ...], ...]  # per given syllable: the surviving Hangul choices
    # True when the list spells the surname with its North initial (RI, RYU, RIM...), so
    # both the North (리) and the South (이) Hangul forms name this person.
    north_initial: bool

    @property
    def surname_forms(self) -> tuple[str, ...]:
        """Return the Hangul surname forms: North then South when they differ."""
        if self.surname.north == self.surname.south or not self.north_initial:
            return (self.surname.south,)
        return (self.surname.north, self.surname.south)

    def hangul_readings(self, limit: int = 4) -> list[str]:
        """Return the full given-name readings (Cartesian product), at most ``limit``."""
        combos: list[str] = [""]
        for choices in self.readings:
            combos = [c + s for c in combos for s in choices]
            if len(combos) > limit:
                return []
        return combos


def pool(ref: str, names: list[ParsedName]) -> NameCluster:
    """Pool compatible spellings into one cluster and settle each syllable's readings.

    Per syllable: keep the candidates every spelling allows; drop implausible name
    syllables when plausible ones remain (a stray apostrophe must not turn 도 into 더);
    keep the candidates the spellings support best; then the most common of those.
    """
    positions: list[tuple[str, ...]] = []
    for index in range(len(names[0].given)):
        common = set.intersection(*(set(n.given[index]) for n in names))
        if any(prior(s) >= 2 for s in common):
            common = {s for s in common if prior(s) >= 2}
        support = {s: sum(n.given[index][s] for n in names) for s in common}
        best = max(support.values())
        top = [s for s in common if support[s] == best]
        best_prior = max(prior(s) for s in top)
        positions.append(tuple(sorted(s for s in top if prior(s) == best_prior)))
    return NameCluster(
        ref=ref,
        surname=names[0].surname,
        forms=tuple(n.text for n in names),
        readings=tuple(positions),
        north_initial=any(n.surname_token[:1].lower() in "rl" for n in names),
    )


def cluster(ref: str, names: list[ParsedName]) -> list[NameCluster]:
    """Group one entry's parsed names into clusters of mutually compatible spellings."""
    groups: list[list[ParsedName]] = []
    for name in names:
        for group in groups:
            if all(compatible(name, other) for other in group):
                group.append(name)
                break
        else:
            groups.append([name])
    return [pool(ref, group) for group in groups]
