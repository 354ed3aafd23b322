"""Checks that a general-name pair set is well formed: the format the benchmark relies on.

Each line is a JSON object with exactly ``id``, ``query``, ``candidate``, ``type``,
``category``, ``label`` and ``origin``, in that order; ids are unique; query and candidate
are non-empty, unpadded and different; the type is one of person, organization, vessel,
aircraft; the label is a JSON boolean; the category is known and its label agrees with it
(``neg_*`` categories are false, the others true); the origin names a list entry.

Usage::

    python -m benchmarks.evalset.general.validate benchmarks/evalset/general-dev.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from benchmarks.evalset.general.build import BY_NAME, FIELDS

TYPES = ("person", "organization", "vessel", "aircraft")
ORIGIN = re.compile(r"(synthetic:[a-z0-9_-]+ of )?(un|ofac):\S+")


def problems(rows: Iterable[Mapping[str, object]]) -> list[str]:
    """Return every problem found in a set's rows (an empty list when it is well formed)."""
    found: list[str] = []
    ids: set[object] = set()
    for number, row in enumerate(rows, start=1):
        where = f"line {number}"
        if tuple(row) != FIELDS:
            found.append(f"{where}: fields {tuple(row)} are not {FIELDS}")
            continue
        if row["id"] in ids or not isinstance(row["id"], str):
            found.append(f"{where}: duplicate or non-text id {row['id']!r}")
        ids.add(row["id"])
        for field in ("query", "candidate"):
            value = row[field]
            if not isinstance(value, str) or not value.strip() or value != value.strip():
                found.append(f"{where}: {field} {value!r} is empty or padded")
        if row["query"] == row["candidate"]:
            found.append(f"{where}: query and candidate are the same text")
        if row["type"] not in TYPES:
            found.append(f"{where}: unknown type {row['type']!r}")
        if not isinstance(row["label"], bool):
            found.append(f"{where}: label {row['label']!r} is not a boolean")
        category = BY_NAME.get(str(row["category"]))
        if category is None:
            found.append(f"{where}: unknown category {row['category']!r}")
        elif isinstance(row["label"], bool) and row["label"] != category.label:
            found.append(f"{where}: label {row['label']} disagrees with {category.name}")
        if not isinstance(row["origin"], str) or not ORIGIN.match(row["origin"]):
            found.append(f"{where}: origin {row['origin']!r} names no list entry")
    return found


def read(path: Path) -> list[dict[str, object]]:
    """Read a set's JSON lines."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: print problems, exit 1 when there are any."""
    parser = argparse.ArgumentParser(description="Validate a general-name pair set.")
    parser.add_argument("sets", type=Path, nargs="+")
    args = parser.parse_args(argv)
    status = 0
    for path in args.sets:
        rows = read(path)
        found = problems(rows)
        for problem in found:
            print(f"{path}: {problem}")
        print(f"{path}: {len(rows)} pairs, {len(found)} problems")
        status = status or (1 if found else 0)
    return status


def summary(rows: Sequence[Mapping[str, object]]) -> dict[str, int]:
    """Pairs per category."""
    out: dict[str, int] = {}
    for row in rows:
        out[str(row["category"])] = out.get(str(row["category"]), 0) + 1
    return out


if __name__ == "__main__":
    sys.exit(main())
