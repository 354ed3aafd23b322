"""Generate the larger screening evaluation set from the real UN list's DPRK entries.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.evalset.generate \\
        --list ../shared/data/sanctions/un_consolidated_2025-04-19.xml \\
        --surnames ../shared/reference/korean-surnames.tsv \\
        --out benchmarks/evalset/names-gen.jsonl

The output has the fields of ``shared/eval/names-dev.jsonl`` (id, name, category,
expect) and is deterministic for a given seed, list and surname table. README.md beside
this file explains how each category is built and what is left out.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.evalset import korean, negatives, orgs, people
from benchmarks.evalset.names import (
    NameCluster,
    ParsedName,
    Surnames,
    cluster,
    compatible,
    parse_person,
    prior,
)
from benchmarks.evalset.unxml import LOW_QUALITY, UnRecord, dprk_records, read_un_list
from wgdesk import config  # the settings registry only (shared folder), not the matcher

DEFAULT_SEED = 20250419
CATEGORIES = ("lat", "hangul", "ent", "ent_hangul", "neg")
LAT_PER_CLUSTER = 7
ENT_PER_NAME = 5
ENT_PER_ENTITY = 12
NEAR_MISSES_PER_NAME = 2
FIELDS = ("id", "name", "category", "expect")


@dataclass(frozen=True, slots=True)
class Query:
    """One generated query before it gets its id."""

    name: str
    category: str
    expect: str | None


# --- people -----------------------------------------------------------------------------


def person_names(record: UnRecord) -> list[str]:
    """Every name of a listed person, the primary name first."""
    return [record.name, *(a.name for a in record.aliases)]


def person_pool(records: Iterable[UnRecord], surnames: Surnames) -> list[tuple[str, ParsedName]]:
    """Parse every Korean-looking personal name on the list (all regimes) with its ref."""
    pool: list[tuple[str, ParsedName]] = []
    for record in records:
        if record.kind != "person":
            continue
        for name in person_names(record):
            parsed = parse_person(name, surnames)
            if parsed is not None:
                pool.append((record.ref, parsed))
    return pool


def person_clusters(records: Iterable[UnRecord], surnames: Surnames) -> list[NameCluster]:
    """Cluster each DPRK individual's Korean names into Hangul readings."""
    clusters: list[NameCluster] = []
    for record in records:
        if record.kind != "person":
            continue
        parsed = [p for p in (parse_person(n, surnames) for n in person_names(record)) if p]
        if parsed:
            clusters += cluster(record.ref, parsed)
    return clusters


def conflicts(query: ParsedName, pool: Sequence[tuple[str, ParsedName]], ref: str | None) -> bool:
    """True when a name could also be a listed name of another entry (any entry if ref is None)."""
    return any(other != ref and compatible(query, p) for other, p in pool)


def _reading_of(cluster_: NameCluster, rng: random.Random) -> str:
    """Pick one Hangul reading of a cluster's given name."""
    readings = cluster_.hangul_readings()
    if readings:
        return rng.choice(readings)
    return "".join(rng.choice(choices) for choices in cluster_.readings)


def _squash(text: str) -> str:
    """Compare names ignoring case, spaces and punctuation."""
    return "".join(c for c in korean.strip_marks(korean.canonical_marks(text)) if c.isalnum())


def _parsed_from_parts(cluster_: NameCluster, parts: list[str], text: str) -> ParsedName:
    """Build the parsed form of a generated name from its known structure (no guessing)."""
    given = tuple(korean.readings(p) for p in parts)
    return ParsedName(text=text, surname=cluster_.surname, surname_token="", given=given)


def lat_queries(
    clusters: Sequence[NameCluster], pool: Sequence[tuple[str, ParsedName]], rng: random.Random
) -> list[Query]:
    """Respell each listed name several ways; drop spellings another entry could claim."""
    out: list[Query] = []
    for item in clusters:
        listed = {_squash(form) for form in item.forms}
        seen: set[str] = set()
        for _ in range(LAT_PER_CLUSTER * 8):
            if len(seen) >= LAT_PER_CLUSTER:
                break
            text, parts = people.latin_variant(item, _reading_of(item, rng), rng)
            key = _squash(text)
            if key in seen or key in listed:
                continue
            if conflicts(_parsed_from_parts(item, parts, text), pool, item.ref):
                continue
            seen.add(key)
            out.append(Query(text, "lat", item.ref))
    return out


def _hangul_parsed(text: str, surnames: Surnames) -> ParsedName | None:
    """Read a Hangul personal name (surname first, one or two syllables) as a parsed name."""
    squeezed = text.replace(" ", "")
    for size in (2, 1):
        surname = surnames.by_hangul.get(squeezed[:size])
        given = squeezed[size:]
        if surname and 1 <= len(given) <= 3 and all(map(korean.is_hangul_syllable, given)):
            levels = tuple({syl: 2} for syl in given)
            return ParsedName(text=text, surname=surname, surname_token="", given=levels)
    return None


def hangul_queries(
    clusters: Sequence[NameCluster],
    pool: Sequence[tuple[str, ParsedName]],
    surnames: Surnames,
    rng: random.Random,
) -> list[Query]:
    """Write each listed name in Hangul, North and South spelling, for every fair reading."""
    out: list[Query] = []
    for item in clusters:
        for text in people.hangul_names(item):
            parsed = _hangul_parsed(text, surnames)
            if parsed is None or conflicts(parsed, pool, item.ref):
                continue
            out.append(Query(text, "hangul", item.ref))
            if rng.random() < 0.4:
                out.append(Query(f"{text[0]} {text[1:]}", "hangul", item.ref))
    return out


# --- organisations ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OrgName:
    """One parsed name of a listed entity."""

    ref: str
    text: str
    parts: list[orgs.Part]


def org_names(records: Iterable[UnRecord]) -> list[OrgName]:
    """Parse every Latin-script name of the listed DPRK entities."""
    out: list[OrgName] = []
    for record in records:
        if record.kind != "entity":
            continue
        for name in [record.name, *(a.name for a in record.aliases if a.quality != LOW_QUALITY)]:
            parts = orgs.parse_org(name)
            if parts:
                out.append(OrgName(record.ref, name, parts))
    return out


def _keys_by_ref(names: Sequence[OrgName], exact: bool) -> dict[tuple[str, ...], set[str]]:
    """Map each name key to the refs that have a name with that key."""
    keys: dict[tuple[str, ...], set[str]] = {}
    for name in names:
        key = orgs.exact_key(name.parts) if exact else orgs.coarse_key(name.parts)
        keys.setdefault(key, set()).add(name.ref)
    return keys


@dataclass(frozen=True, slots=True)
class OrgKeys:
    """Which entities own each coarse (romanization-blind) and exact (as spelled) name key."""

    coarse: dict[tuple[str, ...], set[str]]
    exact: dict[tuple[str, ...], set[str]]

    @classmethod
    def of(cls, names: Sequence[OrgName]) -> OrgKeys:
        """Index the keys of every listed name."""
        return cls(_keys_by_ref(names, exact=False), _keys_by_ref(names, exact=True))

    def unambiguous(self, ref: str, coarse: tuple[str, ...], exact: tuple[str, ...]) -> bool:
        """True when a variant points at one entity only.

        Either no other entity has a name with the same romanization-blind key, or the
        variant keeps a listed spelling of its own entity that no other entity shares
        (Korea Taesong Trading Co. is KPe.041 although Korea Daesong Trading Company is
        an alias of KPe.042).
        """
        if self.coarse.get(coarse, {ref}) <= {ref}:
            return True
        return self.exact.get(exact, set()) == {ref}


def ent_queries(names: Sequence[OrgName], rng: random.Random) -> list[Query]:
    """Vary the listed organisation names; keep only variants that name one entity."""
    out: list[Query] = []
    per_entity: dict[str, int] = {}
    keys = OrgKeys.of(names)
    listed = {orgs.squash(n.text) for n in names}
    made_keys: set[str] = set()
    for name in names:
        if not orgs.has_slot(name.parts):
            continue
        made = 0
        for _ in range(ENT_PER_NAME * 8):
            if made >= ENT_PER_NAME or per_entity.get(name.ref, 0) >= ENT_PER_ENTITY:
                break
            text, kept, spellings = orgs.latin_variant(name.parts, rng)
            key = orgs.squash(text)
            if key in listed or key in made_keys:
                continue
            if not keys.unambiguous(
                name.ref, orgs.coarse_key(kept), orgs.exact_key(kept, spellings)
            ):
                continue
            made_keys.add(key)
            out.append(Query(text, "ent", name.ref))
            made += 1
            per_entity[name.ref] = per_entity.get(name.ref, 0) + 1
    return out


def ent_hangul_queries(names: Sequence[OrgName], rng: random.Random) -> list[Query]:
    """Translate listed organisation names into Hangul; drop forms two entities share."""
    candidates: list[Query] = []
    owners: dict[str, set[str]] = {}
    for name in names:
        for text in orgs.hangul_variants(name.parts, rng):
            candidates.append(Query(text, "ent_hangul", name.ref))
            owners.setdefault(orgs.hangul_key(text), set()).add(name.ref)
    out: list[Query] = []
    seen: set[str] = set()
    for query in candidates:
        if len(owners[orgs.hangul_key(query.name)]) == 1 and query.name not in seen:
            seen.add(query.name)
            out.append(query)
    return out


# --- negatives --------------------------------------------------------------------------


def _person_conflicts(
    text: str, surnames: Surnames, pool: Sequence[tuple[str, ParsedName]]
) -> bool:
    """True when an unlisted candidate could be a listed name, in either name order."""
    if any(korean.is_hangul_syllable(c) for c in text):
        parsed = _hangul_parsed(text, surnames)
        return parsed is not None and conflicts(parsed, pool, None)
    readings = [parse_person(text, surnames)]
    words = text.split()
    if len(words) >= 2:
        readings.append(parse_person(f"{words[-1]}, {' '.join(words[:-1])}", surnames))
        readings.append(parse_person(f"{words[0]}, {' '.join(words[1:])}", surnames))
    return any(r is not None and conflicts(r, pool, None) for r in readings)


def _org_conflicts(text: str, names: Sequence[OrgName], hangul_keys: set[str]) -> bool:
    """True when an unlisted organisation has the key of a listed one (Latin or Hangul)."""
    if any(korean.is_hangul_syllable(c) for c in text):
        return orgs.hangul_key(text) in hangul_keys
    parts = orgs.parse_org(text)
    if parts is None:
        return False
    return orgs.coarse_key(parts) in _keys_by_ref(names, exact=False)


def _synthetic(surname_row: int, given: str, surnames: Surnames) -> NameCluster:
    """A cluster for an invented name, spelled with its surname's common forms."""
    surname = surnames.rows[surname_row]
    readings = tuple((syl,) for syl in given)
    return NameCluster(ref="", surname=surname, forms=(), readings=readings, north_initial=False)


def _render_invented(item: NameCluster, rng: random.Random) -> tuple[str, ParsedName]:
    """Spell an invented name in Latin letters; return it with its parsed form."""
    reading = "".join(choices[0] for choices in item.readings)
    style = rng.choices(people.STYLES, weights=people.STYLE_WEIGHTS)[0]
    parts = people.given_parts(reading, style, rng)
    given = people.join_given(parts, rng.choices(people.JOINS, weights=people.JOIN_WEIGHTS)[0], rng)
    text = people.arrange(people.surname_for(item, style, rng), given, "surname_first", "title")
    return text, _parsed_from_parts(item, parts, text)


def near_misses(
    clusters: Sequence[NameCluster],
    pool: Sequence[tuple[str, ParsedName]],
    surnames: Surnames,
    rng: random.Random,
) -> list[Query]:
    """Change one syllable of each listed name (given name or surname): a different person.

    Up to NEAR_MISSES_PER_NAME per name cluster; a candidate that could still be any listed
    name is skipped.
    """
    common = sorted(negatives_syllables())
    out: list[Query] = []
    for item in clusters:
        reading = _reading_of(item, rng)
        if len(reading) < 2:
            continue
        made = 0
        for attempt in range(12):
            if made == NEAR_MISSES_PER_NAME:
                break
            if attempt % 3 == 2:
                row = rng.randrange(0, min(25, len(surnames.rows)))
                if surnames.rows[row].south == item.surname.south:
                    continue
                miss = _synthetic(row, reading, surnames)
            else:
                position = rng.randrange(len(reading))
                swapped = reading[:position] + rng.choice(common) + reading[position + 1 :]
                miss = replace(item, readings=tuple((s,) for s in swapped))
            if rng.random() < 0.25:
                text = miss.surname_forms[0] + "".join(c[0] for c in miss.readings)
                parsed = _hangul_parsed(text, surnames)
            else:
                text, parsed = _render_invented(miss, rng)
            if parsed is None or conflicts(parsed, pool, None):
                continue
            out.append(Query(text, "neg", None))
            made += 1
    return out


def negatives_syllables() -> list[str]:
    """Given-name syllables used to invent names (the common tier of the prior table)."""
    return [s for s in korean.name_syllables() if prior(s) >= 3.0]


def common_names(
    pool: Sequence[tuple[str, ParsedName]], surnames: Surnames, rng: random.Random, count: int
) -> list[Query]:
    """Invent common Korean names (frequent surnames and syllables) that are not listed."""
    syllables = sorted(negatives_syllables())
    rows = range(min(30, len(surnames.rows)))
    weights = [1.0 / (index + 1) for index in rows]
    out: list[Query] = []
    while len(out) < count:
        row = rng.choices(rows, weights=weights)[0]
        size = 1 if rng.random() < 0.1 else 2
        given = "".join(rng.choice(syllables) for _ in range(size))
        item = _synthetic(row, given, surnames)
        if rng.random() < 0.2:
            text = item.surname.south + given
            parsed = _hangul_parsed(text, surnames)
        else:
            text, parsed = _render_invented(item, rng)
        if parsed is not None and not conflicts(parsed, pool, None):
            out.append(Query(text, "neg", None))
    return out


def known_negatives(
    pool: Sequence[tuple[str, ParsedName]],
    names: Sequence[OrgName],
    surnames: Surnames,
    rng: random.Random,
) -> list[Query]:
    """ROK figures, unlisted DPRK figures, ROK companies and unlisted DPRK bodies."""
    out: list[Query] = []
    for latin, hangul in (*negatives.ROK_PEOPLE, *negatives.DPRK_UNLISTED_PEOPLE):
        for text in (latin, hangul):
            if not _person_conflicts(text, surnames, pool):
                out.append(Query(text, "neg", None))
        parsed = _hangul_parsed(hangul, surnames)
        if parsed is not None and rng.random() < 0.4:
            item = _synthetic(
                parsed.surname.row, "".join(next(iter(g)) for g in parsed.given), surnames
            )
            text, rendered = _render_invented(item, rng)
            if not conflicts(rendered, pool, None) and not _person_conflicts(text, surnames, pool):
                out.append(Query(text, "neg", None))
    hangul_keys = {
        orgs.hangul_key(h) for n in names for h in orgs.hangul_variants(n.parts, random.Random(0))
    }
    for latin, hangul in (*negatives.ROK_ORGS, *negatives.DPRK_UNLISTED_ORGS):
        for text in (latin, hangul):
            if text and not _org_conflicts(text, names, hangul_keys):
                out.append(Query(text, "neg", None))
    return out


# --- assembly ---------------------------------------------------------------------------


def dedupe(queries: Iterable[Query]) -> list[Query]:
    """Drop repeated names; drop every copy of a name that two expectations claim."""
    claims: dict[str, set[str | None]] = {}
    for query in queries:
        claims.setdefault(query.name, set()).add(query.expect)
    out: list[Query] = []
    seen: set[str] = set()
    for query in queries:
        if len(claims[query.name]) == 1 and query.name not in seen:
            seen.add(query.name)
            out.append(query)
    return out


def build(
    records: Sequence[UnRecord], surnames: Surnames, seed: int = DEFAULT_SEED
) -> list[dict[str, str | None]]:
    """Build the whole evaluation set from the list records; deterministic for a seed."""
    rng = random.Random(seed)
    dprk = dprk_records(list(records))
    pool = person_pool(records, surnames)
    clusters = person_clusters(dprk, surnames)
    names = org_names(dprk)
    queries = [
        *lat_queries(clusters, pool, rng),
        *hangul_queries(clusters, pool, surnames, rng),
        *ent_queries(names, rng),
        *ent_hangul_queries(names, rng),
        *known_negatives(pool, names, surnames, rng),
        *near_misses(clusters, pool, surnames, rng),
        *common_names(pool, surnames, rng, count=160),
    ]
    ordered = sorted(dedupe(queries), key=lambda q: CATEGORIES.index(q.category))
    return [
        {"id": f"g{index:05d}", "name": q.name, "category": q.category, "expect": q.expect}
        for index, q in enumerate(ordered)
    ]


def write_jsonl(rows: Iterable[dict[str, str | None]], path: Path) -> None:
    """Write records as JSON lines, fields in the dev set's order, UTF-8 unescaped."""
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps({f: row[f] for f in FIELDS}, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: generate and write the set, print counts per category."""
    shared = config.shared_dir()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--list", type=Path, default=shared / "data/sanctions/un_consolidated_2025-04-19.xml"
    )
    parser.add_argument("--surnames", type=Path, default=shared / "reference/korean-surnames.tsv")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("names-gen.jsonl"))
    args = parser.parse_args(argv)
    for path in (args.list, args.surnames):
        if not path.exists():
            print(f"error: {path} not found (set WGDESK_SHARED or pass the path)", file=sys.stderr)
            return 2
    rows = build(read_un_list(args.list), Surnames.load(args.surnames), args.seed)
    write_jsonl(rows, args.out)
    counts = {c: sum(1 for r in rows if r["category"] == c) for c in CATEGORIES}
    print(
        f"wrote {len(rows)} queries to {args.out}: "
        + ", ".join(f"{c} {n}" for c, n in counts.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
