"""Build the general-name pair sets (dev and test) from the real lists; write them as JSON lines.

Usage (from the repository root)::

    .venv/bin/python -m benchmarks.evalset.general            # both files, default seeds
    .venv/bin/python -m benchmarks.evalset.general --lists DIR --out-dir DIR

Entries are split 80/20 into dev and test by a hash of their uid, so the two files share
no listed entry; each split is built with its own seed. The output is the same for the
same lists, seeds and package versions, whatever ``PYTHONHASHSEED`` is: every random
choice comes from ``random.Random(f"{seed}:{category}")`` over inputs in a fixed order,
and sampling orders pairs by a SHA-256 of their text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from benchmarks.evalset.general import pairs as gen
from benchmarks.evalset.general.sources import Listed, missing_files, read_all
from benchmarks.evalset.general.text import fold
from wgdesk import config  # the settings registry only (shared folder), not the matcher

DEV_SEED = 20250419
TEST_SEED = 20201130
TEST_SHARE = 5  # one entry in five goes to the test split
TEST_SIZE = 1 / 3  # the test split's category sizes, as a share of the dev sizes
FIELDS = ("id", "query", "candidate", "type", "category", "label", "origin")
SETS = {"dev": "general-dev.jsonl", "test": "general-test.jsonl"}

Generator = Callable[[Sequence[Listed], random.Random], list[gen.Pair]]


@dataclass(frozen=True, slots=True)
class Category:
    """One category: its label, its size in the dev split, and how types are shared in it."""

    name: str
    label: bool
    size: int
    shares: tuple[tuple[str, float], ...] = ()  # type -> share of the size, when mixed
    aside: bool = False  # reported apart from the main figures
    description: str = ""


CATEGORIES: tuple[Category, ...] = (
    Category(
        "alias_person_latin",
        True,
        200,
        description="a person's listed names that differ in spelling or transliteration",
    ),
    Category(
        "alias_person_order",
        True,
        100,
        description="a person's listed names with the same words in another order",
    ),
    Category(
        "alias_person_partial",
        True,
        150,
        description="a person's listed names, one with fewer words",
    ),
    Category(
        "alias_org",
        True,
        200,
        description="an organisation's listed names that differ in spelling, order or legal form",
    ),
    Category(
        "alias_org_partial",
        True,
        120,
        description="an organisation's listed names, one with fewer words",
    ),
    Category(
        "vessel_variant",
        True,
        100,
        description="a vessel's listed names, and ship prefixes (M/V, MT)",
    ),
    Category(
        "script_arabic",
        True,
        200,
        description="original-script Arabic names against the entry's Latin names",
    ),
    Category(
        "script_cyrillic",
        True,
        120,
        description="Cyrillic names against Latin names (listed, and Russian names written back)",
    ),
    Category(
        "script_han",
        True,
        100,
        description="Han names against pinyin names (listed, and pinyin names written in Han)",
    ),
    Category(
        "typo_edit",
        True,
        150,
        (("person", 0.5), ("organization", 0.35), ("vessel", 0.15)),
        description="one substituted, inserted or deleted letter",
    ),
    Category(
        "typo_transpose",
        True,
        120,
        (("person", 0.5), ("organization", 0.35), ("vessel", 0.15)),
        description="two adjacent letters swapped",
    ),
    Category("initials", True, 120, description="given names cut to initials"),
    Category(
        "joined_split",
        True,
        120,
        (("person", 0.5), ("organization", 0.35), ("vessel", 0.15)),
        description="two words joined or one word split",
    ),
    Category(
        "abbrev_dots", True, 100, description="acronyms and legal forms with and without dots"
    ),
    Category(
        "numbers",
        True,
        100,
        (("organization", 0.5), ("vessel", 0.5)),
        description="a number in figures, in words, or as an ordinal",
    ),
    Category(
        "legal_form", True, 150, description="a legal form written out or abbreviated, same meaning"
    ),
    Category(
        "case_punct",
        True,
        120,
        (("person", 0.4), ("organization", 0.35), ("vessel", 0.15), ("aircraft", 0.1)),
        description="letter case and punctuation",
    ),
    Category(
        "neg_shared_surname",
        False,
        150,
        description="two listed people with one surname and different given names",
    ),
    Category(
        "neg_shared_given",
        False,
        150,
        description="two listed people with the same given names and different surnames",
    ),
    Category("neg_one_name", False, 150, description="names that differ in one given name"),
    Category("neg_nasab_swap", False, 120, description="'X bin Y' against 'Y bin X'"),
    Category(
        "neg_org_word", False, 150, description="organisations differing by one distinctive word"
    ),
    Category(
        "neg_org_legal_only",
        False,
        150,
        description="organisations sharing only generic words and a legal form",
    ),
    Category(
        "neg_number",
        False,
        100,
        description="organisations differing only in a number (II/III, 39/40)",
    ),
    Category("neg_vessel_number", False, 80, description="vessels differing only in a number"),
    Category(
        "neg_legal_form",
        False,
        120,
        description="the same words with a different legal form (AG/GmbH, OAO/ZAO)",
    ),
    Category(
        "neg_han_homophone", False, 100, description="two Han names that read alike in pinyin"
    ),
    Category(
        "alias_conflicting",
        True,
        80,
        aside=True,
        description="listed names of one entry that look like two people",
    ),
    Category(
        "alias_unrelated",
        True,
        80,
        aside=True,
        description="listed names of one entry no name matcher could link",
    ),
)
BY_NAME = {c.name: c for c in CATEGORIES}


def split_of(uid: str) -> str:
    """Return "test" for one entry in five (by a hash of its uid), else "dev"."""
    digest = int(hashlib.sha256(uid.encode()).hexdigest(), 16)
    return "test" if digest % TEST_SHARE == 0 else "dev"


def _rng(seed: int, name: str) -> random.Random:
    """A generator seeded from a string (hashed with SHA-512 by ``random``, not ``hash``)."""
    return random.Random(f"{seed}:{name}")


def candidates(entries: Sequence[Listed], seed: int) -> list[gen.Pair]:
    """Every candidate pair of every category for one split's entries."""
    by_uid = {e.uid: e for e in entries}
    made: list[gen.Pair] = []
    steps: list[tuple[str, Generator]] = [
        ("alias", gen.alias_pairs),
        ("script", gen.script_pairs),
        ("cyrillic", gen.cyrillic_pairs),
        ("typo_edit", lambda e, r: gen.typo_pairs(e, r, transpose=False)),
        ("typo_transpose", lambda e, r: gen.typo_pairs(e, r, transpose=True)),
        ("initials", gen.initials_pairs),
        ("joined_split", gen.joined_split_pairs),
        ("abbrev_dots", gen.abbreviation_pairs),
        ("numbers", gen.number_pairs),
        ("legal_form", gen.legal_form_pairs),
        ("case_punct", gen.case_punct_pairs),
        ("vessel_prefix", gen.vessel_prefix_pairs),
        ("neg_shared_surname", gen.shared_surname_pairs),
        ("neg_shared_given", gen.shared_given_pairs),
        ("neg_one_name", gen.one_name_pairs),
        ("neg_nasab_swap", gen.nasab_pairs),
        ("neg_org_word", gen.org_word_pairs),
        ("neg_org_legal_only", gen.legal_only_pairs),
        ("neg_number", gen.number_negative_pairs),
        ("neg_legal_form", gen.legal_form_negative_pairs),
    ]
    for name, step in steps:
        made += step(entries, _rng(seed, name))
    han = gen.han_pairs(entries, _rng(seed, "han"))
    made += han
    from_pinyin = [(by_uid[p.uids[0]], p.query) for p in han]
    made += gen.han_negative_pairs(entries, from_pinyin, _rng(seed, "han_negative"))
    return made


def _order_key(seed: int, pair: gen.Pair) -> str:
    """A stable pseudo-random sort key for sampling."""
    text = f"{seed}\x1f{pair.category}\x1f{pair.query}\x1f{pair.candidate}\x1f{pair.origin}"
    return hashlib.sha256(text.encode()).hexdigest()


def _take(pool: Sequence[gen.Pair], size: int, seen: set[tuple[str, str]]) -> list[gen.Pair]:
    """Take up to ``size`` pairs, spreading them over entries (one per entry per round)."""
    taken: list[gen.Pair] = []
    rounds: dict[str, int] = {}
    ranked = []
    for pair in pool:
        first = pair.uids[-1]
        rounds[first] = rounds.get(first, 0) + 1
        ranked.append((rounds[first], pair))
    ranked.sort(key=lambda item: item[0])  # stable: keeps the hash order within a round
    for _, pair in ranked:
        if len(taken) >= size:
            break
        key = (fold(pair.query), fold(pair.candidate))
        if key in seen or (key[0] == key[1] and not pair.label):
            continue
        seen.add(key)
        taken.append(pair)
    return taken


def sample(made: Iterable[gen.Pair], seed: int, scale: float) -> list[gen.Pair]:
    """Sample each category to its size (times ``scale``), by type shares where it has them."""
    by_category: dict[str, list[gen.Pair]] = {}
    for pair in made:
        if pair.query.strip() and pair.candidate.strip() and pair.query != pair.candidate:
            by_category.setdefault(pair.category, []).append(pair)
    seen: set[tuple[str, str]] = set()
    out: list[gen.Pair] = []
    for category in CATEGORIES:
        # Pairs the lists give come before pairs made by a rule, then in hash order.
        pool = sorted(
            by_category.get(category.name, []),
            key=lambda p: (p.origin.startswith("synthetic:"), _order_key(seed, p)),
        )
        size = max(1, round(category.size * scale))
        if not category.shares:
            out += _take(pool, size, seen)
            continue
        picked: list[gen.Pair] = []
        for kind, share in category.shares:
            typed = [p for p in pool if p.type == kind]
            picked += _take(typed, round(size * share), seen)
        out += sorted(picked, key=lambda p: _order_key(seed, p))
    return out


def build(entries: Sequence[Listed], split: str, seed: int) -> list[dict[str, object]]:
    """Build one split's rows: its entries only, every pair's entries in that split."""
    mine = [e for e in entries if split_of(e.uid) == split]
    made = [p for p in candidates(mine, seed) if all(split_of(u) == split for u in p.uids)]
    scale = 1.0 if split == "dev" else TEST_SIZE
    prefix = "gd" if split == "dev" else "gt"
    rows = []
    for number, pair in enumerate(sample(made, seed, scale), start=1):
        values = (
            f"{prefix}{number:05d}",
            pair.query,
            pair.candidate,
            pair.type,
            pair.category,
            pair.label,
            pair.origin,
        )
        rows.append(dict(zip(FIELDS, values, strict=True)))
    return rows


def write_jsonl(rows: Iterable[dict[str, object]], path: Path) -> None:
    """Write rows as UTF-8 JSON lines, unescaped, in field order."""
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def counts(rows: Iterable[dict[str, object]]) -> dict[str, int]:
    """Pairs per category, in the order of CATEGORIES."""
    found: dict[str, int] = {c.name: 0 for c in CATEGORIES}
    for row in rows:
        found[str(row["category"])] = found.get(str(row["category"]), 0) + 1
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Build the general-name pair sets.")
    parser.add_argument("--lists", type=Path, default=config.shared_dir() / "data" / "sanctions")
    parser.add_argument("--out-dir", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("--dev-seed", type=int, default=DEV_SEED)
    parser.add_argument("--test-seed", type=int, default=TEST_SEED)
    args = parser.parse_args(argv)
    missing = missing_files(args.lists)
    if missing:
        print(f"list files not found: {', '.join(str(m) for m in missing)}", file=sys.stderr)
        return 1
    entries = read_all(args.lists)
    for split, seed in (("dev", args.dev_seed), ("test", args.test_seed)):
        rows = build(entries, split, seed)
        path = args.out_dir / SETS[split]
        write_jsonl(rows, path)
        summary = ", ".join(f"{k} {v}" for k, v in counts(rows).items())
        print(f"{path}: {len(rows)} pairs ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
