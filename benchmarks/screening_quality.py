"""Screening quality on the development set, per category, scored as eval/README.md says.

A listed query is found when its decision is not clear and the best-ranked match is the
expected entry; an unlisted query is a false alert when its decision is not clear.

    python benchmarks/screening_quality.py [--set FILE.jsonl ...] [--list FILE] [--show-misses]

Without --set it runs ../shared/eval/names-dev.jsonl and the repository's own sets in
tests/data/screening/*.jsonl, against the 2025-04-19 UN list.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from wgdesk import config
from wgdesk.screening import Decision, Screener

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIST = ("data", "sanctions", "un_consolidated_2025-04-19.xml")


def default_sets() -> list[Path]:
    """Return the shared dev set (when present) and the repository's own sets."""
    sets = [config.shared_dir() / "eval" / "names-dev.jsonl"]
    sets += sorted((ROOT / "tests" / "data" / "screening").glob("*.jsonl"))
    return [s for s in sets if s.exists()]


def evaluate(screener: Screener, path: Path, show_misses: bool) -> dict[str, list[int]]:
    """Return per-category [good, total] counts for one set, printing misses if asked."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        result = screener.screen(case["name"], type=case.get("type"))
        best = result.best
        if case["expect"] is None:
            good = result.decision == Decision.CLEAR
        else:
            good = (
                result.decision != Decision.CLEAR
                and best is not None
                and best.ref == case["expect"]
            )
        tally = counts[case["category"]]
        tally[0] += int(good)
        tally[1] += 1
        if show_misses and not good:
            shown = (
                f"{best.ref} {best.matched_name!r} {best.score:.3f}: {best.explanation}"
                if best
                else "-"
            )
            got = f"expect={case['expect']} got={result.decision}"
            print(f"  MISS {case['category']:<10} {case['name']!r} {got} {shown}")
    return counts


def main() -> int:
    """Run the sets and print found / false-alert rates per category."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", action="append", type=Path, dest="sets")
    parser.add_argument("--list", type=Path, default=None)
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    list_path = args.list or config.shared_dir().joinpath(*DEFAULT_LIST)
    if not list_path.exists():
        print(f"list file not found: {list_path}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    screener = Screener.from_lists([list_path])
    built = time.perf_counter() - started
    print(f"index of {list_path.name}: {len(screener.index.records)} names, {built:.2f} s")
    for path in args.sets or default_sets():
        print(f"\n{path.name}")
        counts = evaluate(screener, path, args.show_misses)
        for category, (good, total) in sorted(counts.items()):
            label = "false alerts" if category == "neg" else "found"
            counted = total - good if category == "neg" else good
            print(f"  {category:<12} {label:<13} {counted / total:6.1%}  ({counted}/{total})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
