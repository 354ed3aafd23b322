"""The screening golden files: decisions, scores and explanations, re-checkable by anyone.

A golden file holds, for every query of a set, the decision and the ranked matches (source,
ref, matched name, score, explanation) that the engine gives. Regenerate after a change to
the engine and read the diff: every difference must be one you meant. "This optimisation
changed no answer" then becomes a claim anyone can re-check.

Two kinds of golden files, both committed under ``tests/data/screening/golden/``:
- ``fixture-*.jsonl``: the repository's own query sets against the fixture lists of
  ``tests/fixtures/screening/`` (no shared data needed; ``tests/screening/test_golden.py``
  re-screens and compares on every test run);
- ``real-*.jsonl``: the evaluation sets against the real lists in ``$WGDESK_SHARED``
  (compared by the same test when the shared data is there; skipped otherwise).

    python benchmarks/screening_golden.py            # rewrite every golden file
    python benchmarks/screening_golden.py --check    # compare, print differences, exit 1 on any
    python benchmarks/screening_golden.py --only fixture
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from wgdesk import config
from wgdesk.screening import Query, Screener, ScreeningResult, Thresholds
from wgdesk.screening.model import EntityType

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "screening" / "golden"
FIXTURES = ROOT / "tests" / "fixtures" / "screening"
SETS = ROOT / "tests" / "data" / "screening"
EVALSET = ROOT / "benchmarks" / "evalset"
THRESHOLDS = Thresholds(0.70, 0.88)  # fixed here, so a changed default shows as a diff
LIMIT = 5  # matches kept per query in the golden file
TYPES = (None, EntityType.PERSON, EntityType.ORGANIZATION)


@dataclass(frozen=True)
class GoldenSet:
    """One golden file: which queries, against which lists."""

    name: str
    lists: tuple[Path, ...]
    sources: tuple[Path, ...]  # query files (JSONL with ``name``, optional ``type``)
    typed: bool  # also screen each name typed as a person and as an organisation


def golden_sets() -> list[GoldenSet]:
    """Return the golden sets whose inputs exist on this machine."""
    shared = config.shared_dir() / "data" / "sanctions"
    un = shared / "un_consolidated_2025-04-19.xml"
    ofac = shared / "ofac_sdn_2021-04.csv"
    own = sorted(SETS.glob("*.jsonl")) + sorted(EVALSET.glob("names-*.jsonl"))
    general = sorted(EVALSET.glob("general-*.jsonl"))
    fixture_lists = (FIXTURES / "un_screening.xml", FIXTURES / "ofac")
    sets = [GoldenSet("fixture-queries", fixture_lists, tuple(own + general), typed=True)]
    if un.exists():
        sets.append(GoldenSet("real-un", (un,), tuple(own), typed=True))
    if un.exists() and ofac.exists() and general:
        sets.append(GoldenSet("real-un-ofac", (un, ofac), tuple(general), typed=False))
    return sets


def queries(paths: Iterable[Path], typed: bool) -> Iterator[Query]:
    """Read each query file's names (pairs files give their ``query``), typed as asked."""
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            name = record.get("name") or record.get("query")
            ident = f"{path.name}:{record.get('id', number)}"
            given = record.get("type")
            kinds = TYPES if typed else (EntityType(given) if given else None,)
            for kind in kinds:
                suffix = f"/{kind.value}" if kind else ""
                yield Query(name, kind, id=ident + suffix)


def golden_line(result: ScreeningResult) -> dict[str, object]:
    """Return one golden record: the decision and the ranked matches with their reasons."""
    return {
        "id": result.query.id,
        "name": result.query.name,
        "decision": result.decision.value,
        "error": result.error,
        "matches": [
            [m.source, m.ref, m.matched_name, m.score, m.explanation]
            for m in result.matches[:LIMIT]
        ],
    }


def build(golden: GoldenSet) -> list[str]:
    """Screen a golden set's queries and return its lines."""
    screener = Screener.from_lists(golden.lists, THRESHOLDS)
    return [
        json.dumps(golden_line(screener.screen_query(q, limit=LIMIT)), ensure_ascii=False)
        for q in queries(golden.sources, golden.typed)
    ]


def differences(old: list[str], new: list[str]) -> list[str]:
    """Return the ids whose golden lines differ (or that appear on one side only)."""
    before = {json.loads(line)["id"]: line for line in old}
    after = {json.loads(line)["id"]: line for line in new}
    return sorted(i for i in before.keys() | after.keys() if before.get(i) != after.get(i))


def main(argv: list[str] | None = None) -> int:
    """Rewrite or check the golden files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of rewriting")
    parser.add_argument("--only", help="only the golden sets whose name starts with this")
    parser.add_argument("--out", type=Path, default=GOLDEN, help="folder of the golden files")
    parser.add_argument("--show", type=int, default=10, help="differences to print per set")
    args = parser.parse_args(argv)
    changed = 0
    for golden in golden_sets():
        if args.only and not golden.name.startswith(args.only):
            continue
        path = args.out / f"{golden.name}.jsonl"
        lines = build(golden)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{path.relative_to(ROOT)}: {len(lines)} queries")
            continue
        old = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        diff = differences(old, lines)
        changed += len(diff)
        print(f"{golden.name}: {len(lines)} queries, {len(diff)} differ")
        old_by_id = {json.loads(line)["id"]: line for line in old}
        new_by_id = {json.loads(line)["id"]: line for line in lines}
        for ident in diff[: args.show]:
            print(f"  - {old_by_id.get(ident)}\n  + {new_by_id.get(ident)}")
    return 1 if changed else 0


if __name__ == "__main__":
    raise SystemExit(main())
