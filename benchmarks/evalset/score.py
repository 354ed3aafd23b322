"""Score screening results against an evaluation set, as shared/eval/README.md defines it.

* A **listed** query (``expect`` is a reference) is *found* when its decision is not
  ``clear`` and the best-ranked match's ``ref`` is the expected one.
* An **unlisted** query (``expect`` is null) is a *false alert* when its decision is not
  ``clear``.

Results are the JSON lines ``wgdesk screen --format jsonl`` writes (``id``, ``decision``,
``matches`` best first, or ``error``); the peer harness writes the same shape. A query
without a result, or with an error, counts as ``clear``: not found, and not an alert.

Usage::

    python -m benchmarks.evalset.score QUERIES.jsonl RESULTS.jsonl [--failures 20]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

CATEGORY_ORDER = ("lat", "hangul", "ent", "ent_hangul", "neg")
CLEAR = "clear"


@dataclass(frozen=True, slots=True)
class Result:
    """What an engine answered for one query: its decision and best-ranked match."""

    decision: str
    best_ref: str | None = None
    best_name: str | None = None
    best_score: float | None = None
    error: str | None = None

    @classmethod
    def from_json(cls, row: Mapping[str, object]) -> Result:
        """Read one output line of ``wgdesk screen --format jsonl`` (or the peer runner)."""
        if row.get("error"):
            return cls(decision=CLEAR, error=str(row["error"]))
        matches = row.get("matches") or []
        best = matches[0] if isinstance(matches, list) and matches else {}
        score = best.get("score") if isinstance(best, dict) else None
        return cls(
            decision=str(row.get("decision") or CLEAR),
            best_ref=best.get("ref") if isinstance(best, dict) else None,
            best_name=best.get("name") if isinstance(best, dict) else None,
            best_score=float(score) if isinstance(score, int | float) else None,
        )


@dataclass(frozen=True, slots=True)
class Outcome:
    """One scored query."""

    id: str
    name: str
    category: str
    expect: str | None
    result: Result
    ok: bool  # found (listed) or stayed clear (unlisted)

    @property
    def listed(self) -> bool:
        """True for a query that names a listed entry."""
        return self.expect is not None


@dataclass(slots=True)
class CategoryScore:
    """Counts for one category."""

    category: str
    total: int = 0
    ok: int = 0
    failures: list[Outcome] = field(default_factory=list)
    listed: bool = True

    @property
    def rate(self) -> float:
        """Found share for listed categories; false-alert share for unlisted ones (0..1)."""
        if self.total == 0:
            return 0.0
        return self.ok / self.total if self.listed else (self.total - self.ok) / self.total


def judge(expect: str | None, result: Result) -> bool:
    """Apply the README's rule: listed found / unlisted stayed clear."""
    if expect is None:
        return result.decision == CLEAR
    return result.decision != CLEAR and result.best_ref == expect


def score(queries: Iterable[Mapping[str, object]], results: Mapping[str, Result]) -> list[Outcome]:
    """Score every query; a query with no result is treated as an error (clear)."""
    outcomes: list[Outcome] = []
    for query in queries:
        qid = str(query["id"])
        expect = query.get("expect")
        result = results.get(qid, Result(decision=CLEAR, error="no result"))
        outcomes.append(
            Outcome(
                id=qid,
                name=str(query["name"]),
                category=str(query["category"]),
                expect=str(expect) if expect is not None else None,
                result=result,
                ok=judge(str(expect) if expect is not None else None, result),
            )
        )
    return outcomes


def by_category(outcomes: Iterable[Outcome]) -> dict[str, CategoryScore]:
    """Group outcomes per category, in the README's category order."""
    groups: dict[str, CategoryScore] = {}
    for outcome in outcomes:
        group = groups.setdefault(outcome.category, CategoryScore(outcome.category))
        group.total += 1
        group.listed = outcome.listed
        if outcome.ok:
            group.ok += 1
        else:
            group.failures.append(outcome)
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    return dict(sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order))))


def read_jsonl(path: Path) -> list[dict[str, object]]:
    """Read a JSON-lines file, skipping blank lines."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_results(rows: Iterable[Mapping[str, object]]) -> dict[str, Result]:
    """Index engine output lines by query id."""
    return {str(row["id"]): Result.from_json(row) for row in rows if "id" in row}


def describe(outcome: Outcome) -> str:
    """One line explaining a failure."""
    got = outcome.result
    if got.error:
        answer = f"error: {got.error}"
    elif got.best_ref is None:
        answer = f"{got.decision}, no candidate"
    else:
        score_text = f"{got.best_score:.2f}" if got.best_score is not None else "?"
        answer = f"{got.decision}, best {got.best_ref} {got.best_name or ''} ({score_text})"
    want = outcome.expect or "clear"
    return f"  {outcome.id} {outcome.name!r}: want {want}; got {answer}"


def format_report(groups: Mapping[str, CategoryScore], failures: int = 20) -> str:
    """Return the per-category figures and up to ``failures`` failures per category."""
    lines = [f"{'category':<12}{'queries':>8}  figure"]
    for group in groups.values():
        label = "found" if group.listed else "false alerts"
        lines.append(f"{group.category:<12}{group.total:>8}  {label} {100 * group.rate:5.1f}%")
    for group in groups.values():
        if group.failures and failures:
            kind = "not found" if group.listed else "false alerts"
            lines.append(f"{group.category}: {len(group.failures)} {kind}")
            lines += [describe(o) for o in group.failures[:failures]]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point: score a results file against a query set."""
    parser = argparse.ArgumentParser(description="Score screening results per category.")
    parser.add_argument(
        "queries", type=Path, help="evaluation set (.jsonl: id, name, category, expect)"
    )
    parser.add_argument("results", type=Path, help="engine output (.jsonl: id, decision, matches)")
    parser.add_argument("--failures", type=int, default=20, help="failures to list per category")
    args = parser.parse_args(argv)
    outcomes = score(read_jsonl(args.queries), load_results(read_jsonl(args.results)))
    print(format_report(by_category(outcomes), args.failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
