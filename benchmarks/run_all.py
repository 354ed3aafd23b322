"""Run every benchmark script in turn (``make bench``).

Each entry of ``BENCHMARKS`` is a script under ``benchmarks/`` with its arguments; add
yours to the list. Benchmarks need the shared reference folder (real lists, eval sets);
when it is missing, they are skipped with a message instead of failing. A failing script
is reported and the others still run; the exit code is 1 when any failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from wgdesk import config

BENCH = Path(__file__).resolve().parent

# (script, arguments). Keep each entry's run time reasonable for `make bench`.
BENCHMARKS: list[tuple[str, list[str]]] = [
    ("lists_load.py", []),
    ("screening_quality.py", []),
    # The first run scores ~2,500 queries with logic-v2 (about 15 minutes on 2 cores);
    # later runs reuse the cached peer results in benchmarks/out/.
    ("screening_peer.py", []),
    # General-name pairs (dev + test, ~4,800): wgdesk in both list modes and logic-v2;
    # the first run scores the pairs with logic-v2 (a few minutes), later runs reuse the cache.
    ("screening_general.py", ["--mode", "both"]),
]


def main() -> int:
    """Run each benchmark; skip all with a clear message when the shared folder is absent."""
    shared = config.shared_dir()
    if not shared.is_dir():
        print(
            f"benchmarks skipped: shared reference folder not found at {shared} (set WGDESK_SHARED)"
        )
        return 0
    failed: list[str] = []
    for script, arguments in BENCHMARKS:
        print(f"=== {script} {' '.join(arguments)}".rstrip(), flush=True)
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(BENCH / script), *arguments], check=False)
        print(
            f"=== {script}: exit {done.returncode} after {time.perf_counter() - start:.0f} s",
            flush=True,
        )
        if done.returncode != 0:
            failed.append(script)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
