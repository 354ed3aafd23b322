"""Screening quality and speed: wgdesk next to OpenSanctions nomenklatura ``logic-v2``.

Both engines screen the same queries against the same list file
(``un_consolidated_2025-04-19.xml`` by default), and both are scored by
``benchmarks/evalset/score.py`` with the rules of ``shared/eval/README.md``. The script
prints, per query set, found per category, false alerts, and time per query (mean, p50,
p99) for each engine, side by side.

* **Peer**: nomenklatura==4.17.4 in its own venv (``benchmarks/.peer-venv``, created on
  first use). The UN XML is converted to FollowTheMoney entities the way OpenSanctions'
  crawler maps it (``benchmarks/peer/ftm.py``) and every query is scored against the
  whole list with logic-v2 by ``benchmarks/peer/nomenklatura_runner.py``. A query is a
  hit when its best score reaches 0.7, yente's default threshold. Peer results are
  cached in ``benchmarks/out/`` by content hash (``--fresh`` re-runs them).
* **wgdesk**: the Python API in-process (``Screener.from_lists``; index build timed
  separately), or, when the API is missing, ``wgdesk screen --format jsonl`` (then only
  the total wall time is known).

Usage::

    .venv/bin/python benchmarks/screening_peer.py                 # dev + generated + hand sets
    .venv/bin/python benchmarks/screening_peer.py --sample 300    # quicker, sampled
    .venv/bin/python benchmarks/screening_peer.py --engines peer  # peer only
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import json
import math
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.evalset import score
from benchmarks.peer import ftm
from wgdesk import config

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "benchmarks"
PEER_VENV = BENCH / ".peer-venv"
PEER_RUNNER = BENCH / "peer" / "nomenklatura_runner.py"
PEER_REQUIREMENT = "nomenklatura==4.17.4"
DEFAULT_LIST = ("data", "sanctions", "un_consolidated_2025-04-19.xml")
PEER_THRESHOLD = 0.7  # yente's default match threshold (SCORE_THRESHOLD)


@dataclass(slots=True)
class EngineRun:
    """One engine's answers for one query set, with per-query times when known."""

    engine: str
    results: dict[str, score.Result]
    times_ms: list[float] = field(default_factory=list)  # wall clock per query
    cpu_ms: list[float] = field(default_factory=list)  # process CPU time per query
    total_s: float = 0.0
    note: str = ""


# --- the peer ---------------------------------------------------------------------------


def peer_python(venv: Path) -> Path:
    """Return the peer venv's python, creating the venv with nomenklatura if it is missing."""
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"creating {venv} with {PEER_REQUIREMENT} (one-off)...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", PEER_REQUIREMENT], check=True
        )
    check = "import importlib.metadata as m; print(m.version('nomenklatura'))"
    version = subprocess.run(
        [str(python), "-c", check], capture_output=True, text=True, check=True
    ).stdout.strip()
    if f"nomenklatura=={version}" != PEER_REQUIREMENT:
        raise SystemExit(f"{venv} has nomenklatura {version}; expected {PEER_REQUIREMENT}")
    return python


def _digest(*parts: bytes) -> str:
    """Short content hash used to name cached peer results."""
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part)
    return sha.hexdigest()[:12]


def run_peer(
    queries: list[dict[str, object]], list_path: Path, out_dir: Path, jobs: int, fresh: bool
) -> EngineRun:
    """Run logic-v2 over the queries (cached by content), in ``jobs`` single-threaded workers."""
    python = peer_python(PEER_VENV)
    entities = out_dir / "un-ftm.jsonl"
    ftm.convert(list_path, entities)
    lines = [json.dumps({"id": q["id"], "name": q["name"]}, ensure_ascii=False) for q in queries]
    key = _digest(
        "\n".join(lines).encode(),
        entities.read_bytes(),
        PEER_RUNNER.read_bytes(),
        str(PEER_THRESHOLD).encode(),
    )
    cached = out_dir / f"peer-{key}.jsonl"
    if fresh or not cached.exists():
        chunks = [lines[i::jobs] for i in range(jobs)]
        procs = []
        for index, chunk in enumerate(chunks):
            qfile = out_dir / f"peer-{key}-q{index}.jsonl"
            qfile.write_text("\n".join(chunk) + "\n", encoding="utf-8")
            cmd = [
                str(python),
                str(PEER_RUNNER),
                "--entities",
                str(entities),
                "--queries",
                str(qfile),
                "--out",
                str(out_dir / f"peer-{key}-r{index}.jsonl"),
                "--threshold",
                str(PEER_THRESHOLD),
            ]
            procs.append(subprocess.Popen(cmd))
        if any(p.wait() != 0 for p in procs):
            raise SystemExit("the nomenklatura runner failed")
        parts = [out_dir / f"peer-{key}-r{i}.jsonl" for i in range(len(chunks))]
        cached.write_text("".join(p.read_text(encoding="utf-8") for p in parts), encoding="utf-8")
        for index in range(len(chunks)):
            (out_dir / f"peer-{key}-q{index}.jsonl").unlink()
            parts[index].unlink()
    rows = score.read_jsonl(cached)
    times = [float(r["elapsed_ms"]) for r in rows if "elapsed_ms" in r]  # type: ignore[arg-type]
    cpu = [float(r["cpu_ms"]) for r in rows if "cpu_ms" in r]  # type: ignore[arg-type]
    note = f"exhaustive scan of the list per query, {jobs} worker(s)"
    return EngineRun("logic-v2", score.load_results(rows), times, cpu, sum(times) / 1000, note)


# --- wgdesk -----------------------------------------------------------------------------


def _wgdesk_api() -> Callable[[list[Path]], object] | None:
    """Return ``Screener.from_lists`` when the matcher's Python API exists, else None."""
    try:
        module = importlib.import_module("wgdesk.screening")
    except ImportError:
        return None
    screener = getattr(module, "Screener", None)
    return getattr(screener, "from_lists", None)


def _result_row(result: object) -> score.Result:
    """Turn a ``ScreeningResult`` into a scored result (decision and best match)."""
    decision = str(getattr(result, "decision", "clear"))
    decision = getattr(getattr(result, "decision", None), "value", decision)
    matches = list(getattr(result, "matches", ()) or ())
    error = getattr(result, "error", None)
    if error:
        return score.Result(decision="clear", error=str(error))
    if not matches:
        return score.Result(decision=decision)
    best = matches[0]
    return score.Result(
        decision=decision,
        best_ref=getattr(best, "ref", None),
        best_name=getattr(best, "name", None),
        best_score=getattr(best, "score", None),
    )


def run_wgdesk(
    queries: list[dict[str, object]], list_path: Path, out_dir: Path
) -> EngineRun | None:
    """Screen with wgdesk: the Python API if present, else the CLI; None when neither works."""
    from_lists = _wgdesk_api()
    if from_lists is not None:
        start = time.perf_counter()
        # The collector tuned as every wgdesk entry point tunes it (CLI, desk, worker:
        # wgdesk/runtime.py): otherwise a full collection walks the whole index now and
        # then, and a query that happens to trigger one takes 50-100 ms more.
        runtime = importlib.import_module("wgdesk.runtime")
        with runtime.gc_paused():
            screener = from_lists([list_path])
        runtime.keep_out_of_collection()
        build_s = time.perf_counter() - start
        screener.screen("Warm Up")  # type: ignore[attr-defined]  # untimed, as for the peer
        results: dict[str, score.Result] = {}
        times: list[float] = []
        cpu: list[float] = []
        for query in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            answer = screener.screen(str(query["name"]))  # type: ignore[attr-defined]
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
            results[str(query["id"])] = _result_row(answer)
        note = f"Python API in-process; index built in {build_s:.2f} s (not in per-query times)"
        return EngineRun("wgdesk", results, times, cpu, sum(times) / 1000, note)
    cli = ROOT / ".venv" / "bin" / "wgdesk"
    qfile = out_dir / "wgdesk-queries.jsonl"
    qfile.write_text(
        "".join(
            json.dumps({"id": q["id"], "name": q["name"]}, ensure_ascii=False) + "\n"
            for q in queries
        ),
        encoding="utf-8",
    )
    cmd = [str(cli), "screen", "--list", str(list_path), "--input", str(qfile), "--format", "jsonl"]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    total = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.strip():
        print(f"wgdesk screen is not usable yet: {done.stderr.strip()[:300]}", file=sys.stderr)
        return None
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    note = "CLI (`wgdesk screen --format jsonl`); total wall time only, index build included"
    return EngineRun("wgdesk", score.load_results(rows), [], [], total, note)


# --- report -----------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def _spread(values: Sequence[float]) -> str:
    """Format mean / p50 / p99 of per-query milliseconds."""
    mean = sum(values) / len(values)
    return f"{mean:.3f} / {percentile(values, 0.5):.3f} / {percentile(values, 0.99):.3f} ms"


def timing(run: EngineRun, count: int) -> str:
    """Format wall-clock and CPU mean / p50 / p99 milliseconds per query for one engine run."""
    if run.times_ms:
        text = f"wall {_spread(run.times_ms)}"
        return text + (f"; CPU {_spread(run.cpu_ms)}" if run.cpu_ms else "")
    return f"{1000 * run.total_s / max(count, 1):.3f} ms mean (wall time / queries)"


def side_by_side(
    name: str, queries: list[dict[str, object]], runs: Sequence[EngineRun], failures: int
) -> str:
    """Return the comparison table of one query set."""
    groups = {run.engine: score.by_category(score.score(queries, run.results)) for run in runs}
    categories = list(next(iter(groups.values())))
    header = f"{'category':<20}{'queries':>8}" + "".join(f"{run.engine:>14}" for run in runs)
    lines = [f"== {name} ({len(queries)} queries)", header]
    lines[-1] += "   (time/query below: mean / p50 / p99)"
    for category in categories:
        first = next(iter(groups.values()))[category]
        label = f"{category} (found)" if first.listed else f"{category} (false alerts)"
        cells = "".join(f"{100 * groups[run.engine][category].rate:>13.1f}%" for run in runs)
        lines.append(f"{label:<20}{first.total:>8}{cells}")
    for run in runs:
        lines.append(f"time/query {run.engine}: {timing(run, len(queries))}  [{run.note}]")
    if len(runs) == 2 and all(r.cpu_ms for r in runs):
        peer, ours = (sum(r.cpu_ms) / len(r.cpu_ms) for r in runs)
        lines.append(f"speed-up (mean CPU time per query): {peer / ours:.0f}x")
    for run in runs:
        for group in groups[run.engine].values():
            if failures and group.failures:
                kind = "not found" if group.listed else "false alerts"
                lines.append(f"-- {run.engine}, {group.category}: {len(group.failures)} {kind}")
                lines += [score.describe(o) for o in group.failures[:failures]]
    return "\n".join(lines)


def load_set(path: Path, sample: int | None) -> list[dict[str, object]]:
    """Read a query set; optionally a seeded random sample of it (kept in file order)."""
    rows = score.read_jsonl(path)
    if sample and sample < len(rows):
        picked = set(random.Random(7).sample(range(len(rows)), sample))
        rows = [row for index, row in enumerate(rows) if index in picked]
    return rows


def default_sets(shared: Path) -> list[Path]:
    """The dev set from the shared folder, then this repository's generated and hand sets."""
    return [
        shared / "eval" / "names-dev.jsonl",
        BENCH / "evalset" / "names-gen.jsonl",
        BENCH / "evalset" / "names-hand.jsonl",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    shared = config.shared_dir()
    parser = argparse.ArgumentParser(description="wgdesk vs nomenklatura logic-v2, side by side.")
    parser.add_argument("--list", type=Path, default=shared.joinpath(*DEFAULT_LIST))
    parser.add_argument("--set", type=Path, action="append", dest="sets", help="query set (.jsonl)")
    parser.add_argument("--engines", default="peer,wgdesk", help="comma-separated: peer, wgdesk")
    parser.add_argument("--sample", type=int, help="screen a seeded random sample of each set")
    parser.add_argument("--jobs", type=int, default=1, help="peer workers (each single-threaded)")
    parser.add_argument("--failures", type=int, default=0, help="failures to list per category")
    parser.add_argument("--fresh", action="store_true", help="ignore cached peer results")
    parser.add_argument("--out-dir", type=Path, default=BENCH / "out")
    args = parser.parse_args(argv)

    if not args.list.exists():
        print(f"screening_peer: skipped, list file not found: {args.list} (set WGDESK_SHARED)")
        return 0
    sets = [s for s in (args.sets or default_sets(shared)) if s.exists()]
    args.out_dir.mkdir(parents=True, exist_ok=True)
    engines = {e.strip() for e in args.engines.split(",") if e.strip()}
    print(f"list: {args.list.name}; peer: {PEER_REQUIREMENT} logic-v2, threshold {PEER_THRESHOLD}")
    native = importlib.util.find_spec("wgdesk.screening.native")
    if native is not None:  # compiled (mypyc) or the sources: docs/screening.md
        print(f"wgdesk engine build: {importlib.import_module(native.name).state()}")
    for path in sets:
        queries = load_set(path, args.sample)
        runs: list[EngineRun] = []
        if "peer" in engines:
            runs.append(run_peer(queries, args.list, args.out_dir, max(1, args.jobs), args.fresh))
        if "wgdesk" in engines:
            ours = run_wgdesk(queries, args.list, args.out_dir)
            if ours is None:
                print("wgdesk: matcher not available on this branch; peer figures only")
            else:
                runs.append(ours)
        if runs:
            title = path.name + (f", sample {args.sample}" if args.sample else "")
            print(side_by_side(title, queries, runs, args.failures), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
