"""General-name screening quality: wgdesk next to nomenklatura's logic-v2, on name pairs.

Reads the general-name pair sets (``benchmarks/evalset/general-dev.jsonl`` and
``general-test.jsonl``; ``benchmarks/evalset/general/README.md`` describes them) and
prints, per category, how many pairs each engine gets right: **recall** (true pairs
alerted) for the categories of true pairs, **specificity** (false pairs not alerted) for
the ``neg_*`` categories; then both overall, and the time per pair.

How each engine is asked:

* **wgdesk, mode ``pair``** (default): for each pair, a one-entry list holding the
  candidate name (an ``Entry`` of the pair's type), a ``Screener`` over it, and
  ``screen(query, type=...)``; an alert is a decision other than ``clear``.
* **wgdesk, mode ``pooled``**: one list holding every distinct candidate as its own
  entry; an alert is the pair's candidate entry among the non-clear matches of
  ``screen(query, type=..., limit=50)``.
* ``--typed yes`` (default) gives the query the pair's type; ``no`` leaves it untyped;
  ``both`` prints both.
* **logic-v2** (nomenklatura==4.17.4 in ``benchmarks/.peer-venv``, created on first use):
  both names become FollowTheMoney entities of the pair's schema (Person, Organization,
  Vessel, Airplane) and ``LogicV2.compare`` scores them
  (``benchmarks/peer/nomenklatura_pairs.py``); an alert is a score of 0.7 or more,
  yente's default threshold. Scores are cached in ``benchmarks/out/`` by content hash.

The main figures leave out the categories reported apart (``alias_conflicting``,
``alias_unrelated``: listed names of one entry that name matching alone cannot link).

Usage::

    .venv/bin/python benchmarks/screening_general.py                   # dev + test sets
    .venv/bin/python benchmarks/screening_general.py --mode both --typed both
    .venv/bin/python benchmarks/screening_general.py --engines wgdesk --show-misses 10
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.evalset.general.build import CATEGORIES, SETS
from benchmarks.screening_peer import _digest, peer_python, percentile

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
EVALSET = BENCH / "evalset"
PEER_VENV = BENCH / ".peer-venv"
PEER_PAIRS = BENCH / "peer" / "nomenklatura_pairs.py"
PEER_THRESHOLD = 0.7  # yente's default match threshold (SCORE_THRESHOLD)
POOLED_LIMIT = 50
SCHEMAS = {
    "person": "Person",
    "organization": "Organization",
    "vessel": "Vessel",
    "aircraft": "Airplane",
}
ASIDE = frozenset(c.name for c in CATEGORIES if c.aside)
ORDER = {c.name: i for i, c in enumerate(CATEGORIES)}

Pair = dict[str, object]


@dataclass(slots=True)
class Run:
    """One engine configuration's answers: alert per pair id, times, and why (for misses)."""

    name: str
    alerts: dict[str, bool] = field(default_factory=dict)
    detail: dict[str, str] = field(default_factory=dict)
    times_ms: list[float] = field(default_factory=list)
    note: str = ""


# --- wgdesk --------------------------------------------------------------------------------


def _describe(result: object) -> str:
    """One line on a screening result: decision, best score and explanation."""
    decision = getattr(getattr(result, "decision", None), "value", "clear")
    matches = list(getattr(result, "matches", ()) or ())
    if getattr(result, "error", None):
        return f"error: {getattr(result, 'error', '')}"
    if not matches:
        return str(decision)
    best = matches[0]
    return f"{decision} {best.score:.2f}: {best.explanation}"


def run_wgdesk_pair(pairs: Sequence[Pair], typed: bool) -> Run:
    """Screen each query against a one-entry list holding its candidate."""
    from wgdesk.screening import Decision, Screener
    from wgdesk.screening.model import EntityType, Entry, ListVersion, Name, NameKind

    run = Run(f"wg pair{'' if typed else ' untyped'}")
    build_ms: list[float] = []
    for pair in pairs:
        kind = EntityType(str(pair["type"]))
        candidate = str(pair["candidate"])
        entry = Entry(
            source="un",
            ref="EVAL",
            type=kind,
            name=candidate,
            names=(Name(candidate, NameKind.PRIMARY),),
        )
        t0 = time.perf_counter()
        version = ListVersion("un", "eval", "-", "eval", (entry,))
        screener = Screener([version])
        t1 = time.perf_counter()
        result = screener.screen(str(pair["query"]), type=kind if typed else None)
        t2 = time.perf_counter()
        build_ms.append((t1 - t0) * 1000)
        run.times_ms.append((t2 - t1) * 1000)
        run.alerts[str(pair["id"])] = result.decision != Decision.CLEAR
        run.detail[str(pair["id"])] = _describe(result)
    mean_build = sum(build_ms) / max(len(build_ms), 1)
    run.note = f"one-entry list per pair; building it took {mean_build:.2f} ms (not in times)"
    return run


def run_wgdesk_pooled(pairs: Sequence[Pair], typed: bool) -> Run:
    """Screen each query against one list holding every candidate as its own entry."""
    from wgdesk.screening import Decision, Screener
    from wgdesk.screening.model import EntityType, Entry, ListVersion, Name, NameKind

    refs: dict[tuple[str, str], str] = {}
    entries = []
    for pair in pairs:
        key = (str(pair["candidate"]), str(pair["type"]))
        if key not in refs:
            refs[key] = f"E{len(refs):05d}"
            entries.append(
                Entry(
                    source="un",
                    ref=refs[key],
                    type=EntityType(key[1]),
                    name=key[0],
                    names=(Name(key[0], NameKind.PRIMARY),),
                )
            )
    t0 = time.perf_counter()
    screener = Screener([ListVersion("un", "eval", "-", "eval", tuple(entries))])
    build_s = time.perf_counter() - t0
    run = Run(f"wg pooled{'' if typed else ' untyped'}")
    for pair in pairs:
        kind = EntityType(str(pair["type"]))
        ref = refs[(str(pair["candidate"]), str(pair["type"]))]
        t1 = time.perf_counter()
        result = screener.screen(
            str(pair["query"]), type=kind if typed else None, limit=POOLED_LIMIT
        )
        run.times_ms.append((time.perf_counter() - t1) * 1000)
        hits = [m for m in result.matches if m.ref == ref and m.decision != Decision.CLEAR]
        run.alerts[str(pair["id"])] = bool(hits)
        own = hits[0] if hits else next((m for m in result.matches if m.ref == ref), None)
        shown = f"{own.decision.value} {own.score:.2f}: {own.explanation}" if own else "not in"
        run.detail[str(pair["id"])] = f"{shown} (best of list: {_describe(result)})"
    run.note = f"{len(entries)} candidates in one list, indexed in {build_s:.1f} s"
    return run


# --- the peer ------------------------------------------------------------------------------


def run_peer(pairs: Sequence[Pair], out_dir: Path, jobs: int, fresh: bool) -> Run:
    """Score every pair with logic-v2 in the peer venv (cached by content), in ``jobs`` workers."""
    python = peer_python(PEER_VENV)
    lines = [
        json.dumps(
            {
                "id": p["id"],
                "query": p["query"],
                "candidate": p["candidate"],
                "schema": SCHEMAS[str(p["type"])],
            },
            ensure_ascii=False,
        )
        for p in pairs
    ]
    key = _digest("\n".join(lines).encode(), PEER_PAIRS.read_bytes())
    cached = out_dir / f"peer-pairs-{key}.jsonl"
    if fresh or not cached.exists():
        chunks = [lines[i::jobs] for i in range(jobs)]
        procs = []
        for index, chunk in enumerate(chunks):
            qfile = out_dir / f"peer-pairs-{key}-q{index}.jsonl"
            qfile.write_text("\n".join(chunk) + "\n", encoding="utf-8")
            rfile = out_dir / f"peer-pairs-{key}-r{index}.jsonl"
            cmd = [str(python), str(PEER_PAIRS), "--pairs", str(qfile), "--out", str(rfile)]
            procs.append(subprocess.Popen(cmd))
        if any(p.wait() != 0 for p in procs):
            raise SystemExit("the nomenklatura pair runner failed")
        parts = [out_dir / f"peer-pairs-{key}-r{i}.jsonl" for i in range(len(chunks))]
        cached.write_text("".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
        for index, part in enumerate(parts):
            (out_dir / f"peer-pairs-{key}-q{index}.jsonl").unlink()
            part.unlink()
    run = Run("logic-v2", note=f"pairwise compare, alert at score >= {PEER_THRESHOLD}")
    for line in cached.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        run.alerts[str(row["id"])] = float(row["score"]) >= PEER_THRESHOLD
        run.detail[str(row["id"])] = f"score {float(row['score']):.2f}"
        run.times_ms.append(float(row["cpu_ms"]))
    return run


# --- report --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tally:
    """Right answers out of pairs, for one category or a group of categories."""

    right: int
    total: int

    @property
    def rate(self) -> float:
        """The share of right answers (0 when there are no pairs)."""
        return self.right / self.total if self.total else 0.0


def is_right(pair: Pair, alerted: bool) -> bool:
    """A true pair is right when alerted; a false pair when not alerted."""
    return alerted if pair["label"] is True else not alerted


def tally(pairs: Iterable[Pair], run: Run) -> Tally:
    """Count the right answers of one run over some pairs (a missing answer is no alert)."""
    chosen = list(pairs)
    right = sum(is_right(p, run.alerts.get(str(p["id"]), False)) for p in chosen)
    return Tally(right, len(chosen))


def by_category(pairs: Sequence[Pair]) -> dict[str, list[Pair]]:
    """Group pairs by category, in the generator's category order."""
    groups: dict[str, list[Pair]] = {}
    for pair in sorted(pairs, key=lambda p: ORDER.get(str(p["category"]), len(ORDER))):
        groups.setdefault(str(pair["category"]), []).append(pair)
    return groups


def _cells(values: Iterable[str]) -> str:
    """Right-aligned cells of the comparison table."""
    return "".join(f"{v:>19}" for v in values)


def report(title: str, pairs: Sequence[Pair], runs: Sequence[Run]) -> str:
    """The side-by-side table of one set: per category, overall, and time per pair."""
    groups = by_category(pairs)
    lines = [f"== {title} ({len(pairs)} pairs)"]
    lines.append(f"{'category':<24}{'pairs':>6}  {'':<4}" + _cells(r.name for r in runs))
    for category, members in groups.items():
        if category in ASIDE:
            continue
        measure = "R" if members[0]["label"] is True else "S"
        cells = (f"{tally(members, r).rate:.3f}" for r in runs)
        lines.append(f"{category:<24}{len(members):>6}  {measure:<4}" + _cells(cells))
    main_true = [p for p in pairs if p["label"] is True and p["category"] not in ASIDE]
    negatives = [p for p in pairs if p["label"] is False]
    lines.append("-" * (34 + 19 * len(runs)))
    summary = (
        ("recall (true pairs)", main_true),
        ("specificity (false)", negatives),
    )
    for label, members in summary:
        cells = (f"{tally(members, r).rate:.3f}" for r in runs)
        lines.append(f"{label:<24}{len(members):>6}  {'':<4}" + _cells(cells))
    macro = []
    for run in runs:
        true_rates = [
            tally(m, run).rate for c, m in groups.items() if c not in ASIDE and m[0]["label"]
        ]
        false_rates = [tally(m, run).rate for m in groups.values() if m[0]["label"] is False]
        recall = sum(true_rates) / max(len(true_rates), 1)
        specificity = sum(false_rates) / max(len(false_rates), 1)
        macro.append(f"{recall:.3f}/{specificity:.3f}")
    lines.append(f"{'macro recall/specificity':<24}{'':>6}  {'':<4}" + _cells(macro))
    aside = [c for c in groups if c in ASIDE]
    for category in aside:
        cells = (f"{tally(groups[category], r).rate:.3f}" for r in runs)
        lines.append(
            f"{'aside: ' + category:<24}{len(groups[category]):>6}  {'R':<4}" + _cells(cells)
        )
    for run in runs:
        if run.times_ms:
            mean = sum(run.times_ms) / len(run.times_ms)
            p50, p99 = percentile(run.times_ms, 0.5), percentile(run.times_ms, 0.99)
            spread = f"mean {mean:.3f} / p50 {p50:.3f} / p99 {p99:.3f} ms"
            lines.append(f"time/pair {run.name}: {spread}  [{run.note}]")
    return "\n".join(lines)


def misses(pairs: Sequence[Pair], run: Run, limit: int) -> str:
    """The wrong answers of one run, per category: missed true pairs and false alerts."""
    lines = []
    for category, members in by_category(pairs).items():
        wrong = [p for p in members if not is_right(p, run.alerts.get(str(p["id"]), False))]
        if not wrong:
            continue
        kind = "missed" if members[0]["label"] is True else "false alerts"
        lines.append(f"-- {run.name}, {category}: {len(wrong)} {kind}")
        for pair in wrong[:limit]:
            why = run.detail.get(str(pair["id"]), "")
            names = f"{pair['query']!r} ~ {pair['candidate']!r}"
            lines.append(f"   {pair['id']} {names} [{pair['type']}] -> {why}")
    return "\n".join(lines)


def load_pairs(path: Path, sample: int | None) -> list[Pair]:
    """Read a pair set; optionally a seeded random sample of it (kept in file order)."""
    with path.open(encoding="utf-8") as handle:
        rows: list[Pair] = [json.loads(line) for line in handle if line.strip()]
    if sample and sample < len(rows):
        picked = set(random.Random(7).sample(range(len(rows)), sample))
        rows = [row for index, row in enumerate(rows) if index in picked]
    return rows


def wgdesk_runs(pairs: Sequence[Pair], mode: str, typed: str) -> list[Run]:
    """The wgdesk configurations asked for: modes times typed/untyped."""
    modes = ("pair", "pooled") if mode == "both" else (mode,)
    typings = (True, False) if typed == "both" else (typed == "yes",)
    runs = []
    for each in modes:
        for with_type in typings:
            screen = run_wgdesk_pair if each == "pair" else run_wgdesk_pooled
            runs.append(screen(pairs, with_type))
    return runs


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="wgdesk vs logic-v2 on general name pairs.")
    parser.add_argument("--set", type=Path, action="append", dest="sets", help="pair set (.jsonl)")
    parser.add_argument("--engines", default="wgdesk,peer", help="comma-separated: wgdesk, peer")
    parser.add_argument("--mode", choices=("pair", "pooled", "both"), default="pair")
    parser.add_argument("--typed", choices=("yes", "no", "both"), default="yes")
    parser.add_argument("--sample", type=int, help="a seeded random sample of each set")
    parser.add_argument("--show-misses", type=int, default=0, metavar="K", help="per category")
    parser.add_argument("--jobs", type=int, default=1, help="peer workers")
    parser.add_argument("--fresh", action="store_true", help="ignore cached peer scores")
    parser.add_argument("--out-dir", type=Path, default=BENCH / "out")
    args = parser.parse_args(argv)

    sets = args.sets or [EVALSET / name for name in SETS.values()]
    missing = [s for s in sets if not s.exists()]
    if missing:
        print(f"screening_general: skipped, set not found: {', '.join(map(str, missing))}")
        return 0
    engines = {e.strip() for e in args.engines.split(",") if e.strip()}
    args.out_dir.mkdir(parents=True, exist_ok=True)
    print("R = recall (true pairs alerted), S = specificity (false pairs not alerted)")
    for path in sets:
        pairs = load_pairs(path, args.sample)
        runs: list[Run] = []
        if "wgdesk" in engines:
            runs += wgdesk_runs(pairs, args.mode, args.typed)
        if "peer" in engines:
            runs.append(run_peer(pairs, args.out_dir, max(1, args.jobs), args.fresh))
        if not runs:
            continue
        title = path.name + (f", sample {args.sample}" if args.sample else "")
        print(report(title, pairs, runs), flush=True)
        if args.show_misses:
            for run in runs:
                if run.name.startswith("wg"):
                    print(misses(pairs, run, args.show_misses), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
