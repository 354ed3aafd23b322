"""Checks that an evaluation set is well formed: the format other tools rely on.

Each line is a JSON object with exactly ``id``, ``name``, ``category`` and ``expect``;
ids and names are unique; categories are the README's five; listed categories name a
reference (that exists on the list, when the list is given) and ``neg`` names none.

Usage::

    python -m benchmarks.evalset.validate SET.jsonl [--list UN.xml]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.evalset.unxml import read_un_list

FIELDS = ("id", "name", "category", "expect")
LISTED = {"lat": "person", "hangul": "person", "ent": "entity", "ent_hangul": "entity"}
CATEGORIES = (*LISTED, "neg")
REF = re.compile(r"^[A-Z]{2}[ie]\.\d{3}$")


def problems(
    rows: Iterable[Mapping[str, object]], refs: Mapping[str, str] | None = None
) -> list[str]:
    """Return every problem found; ``refs`` maps list references to "person"/"entity"."""
    found: list[str] = []
    ids: set[object] = set()
    names: set[object] = set()
    for number, row in enumerate(rows, start=1):
        where = f"line {number}"
        if tuple(row) != FIELDS:
            found.append(f"{where}: fields {tuple(row)} are not {FIELDS}")
            continue
        name, category, expect = row["name"], row["category"], row["expect"]
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            found.append(f"{where}: name {name!r} is empty or padded")
        if row["id"] in ids:
            found.append(f"{where}: duplicate id {row['id']!r}")
        if name in names:
            found.append(f"{where}: duplicate name {name!r}")
        ids.add(row["id"])
        names.add(name)
        if category not in CATEGORIES:
            found.append(f"{where}: unknown category {category!r}")
        elif category == "neg":
            if expect is not None:
                found.append(f"{where}: neg query expects {expect!r}")
        elif not isinstance(expect, str) or not REF.match(expect):
            found.append(f"{where}: listed query has no reference ({expect!r})")
        elif refs is not None and refs.get(expect) != LISTED[str(category)]:
            found.append(f"{where}: {expect} is not a listed {LISTED[str(category)]}")
    return found


def list_refs(path: Path) -> dict[str, str]:
    """Map every reference on a UN list file to its kind."""
    return {r.ref: r.kind for r in read_un_list(path)}


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: print problems, exit 1 when there are any."""
    parser = argparse.ArgumentParser(description="Validate an evaluation set.")
    parser.add_argument("set", type=Path)
    parser.add_argument("--list", type=Path, help="UN list XML the references must exist on")
    args = parser.parse_args(argv)
    with args.set.open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    found = problems(rows, list_refs(args.list) if args.list else None)
    for problem in found:
        print(problem)
    print(f"{args.set}: {len(rows)} queries, {len(found)} problems")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
