"""Bulk screening on Dask: throughput against the number of workers, 1 to the machine's cores.

Against the 2025-04-19 UN list and the 2021-04 OFAC SDN list, the same lists as
screening_speed.py. For each worker count it starts a LocalCluster of that many worker
processes (one thread each: screening holds the GIL), builds the index on every worker
before the clock starts (each worker builds it once; the build time is printed apart),
then screens the generated names through ``wgdesk.bulk.screen_bulk`` exactly as
``wgdesk screen --workers N`` does, results back on the client in input order. Prints:
- names per second and the speed-up over one worker (target: >= 1.8x from 1 to 2);
- the resident memory of each worker after the run;
- the projected time for 10 and 100 million names, from the measured throughput, and
  for larger clusters from the measured scaling efficiency (an assumption, said so);
- the load average before and after, since other jobs on a shared machine slow the
  workers down.

Names: mostly distinct generated people and companies (Korean, Western and other
syllables), 5% listed names respelled, so the result cache answers little and the figure
is the engine's.

    python benchmarks/screening_dask.py [--names 1000000] [--max-workers N] [--partition 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

from wgdesk import config
from wgdesk.bulk import screen_bulk, worker_memory
from wgdesk.cli.screen_io import Record
from wgdesk.screening.lists import load_path
from wgdesk.screening.results import Query
from wgdesk.screening.screener import default_thresholds

HERE = Path(__file__).resolve().parent
TARGET_SPEEDUP = 1.8
SURNAMES = "Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang Ahn Song"
ONSETS = "b c d f g h j k l m n p r s t v w y z ch sh th kh br tr"
VOWELS = "a e i o u ai ou ia eo ae"
CODAS = ["", "", "n", "ng", "l", "r", "s", "m", "k"]
COMPANY_KINDS = ["Co Ltd", "Trading", "LLC", "GmbH", "Shipping", "Holdings", "Industrial Corp"]


def syllable(rng: random.Random) -> str:
    """Return one random syllable: onset, vowel, coda."""
    return rng.choice(ONSETS.split()) + rng.choice(VOWELS.split()) + rng.choice(CODAS)


def word(rng: random.Random) -> str:
    """Return a random word of two or three syllables, capitalised."""
    return "".join(syllable(rng) for _ in range(rng.choice((2, 2, 3)))).capitalize()


def generate(count: int, listed: list[str], seed: int = 14) -> list[Record]:
    """Return ``count`` records: people and companies, 5% listed names."""
    rng = random.Random(seed)
    surnames = SURNAMES.split()
    records = []
    for number in range(count):
        roll = rng.random()
        if roll < 0.05:
            name = rng.choice(listed).title()
        elif roll < 0.40:
            name = f"{rng.choice(surnames)} {word(rng)}-{syllable(rng)}"
        elif roll < 0.70:
            name = f"{word(rng)} {word(rng)}"
        else:
            name = f"{word(rng)} {word(rng)} {rng.choice(COMPANY_KINDS)}"
        records.append(Record(number + 1, Query(name, id=str(number)), None, str(number), name))
    return records


def worker_cpu_seconds() -> float:
    """Return the CPU seconds (user + system) this worker process has used."""
    import psutil

    times = psutil.Process().cpu_times()
    return float(times.user + times.system)


def run(workers: int, records: list[Record], versions: list[Any], partition: int) -> dict[str, Any]:
    """Screen the records on a LocalCluster of ``workers`` processes; return the figures."""
    from distributed import Client

    load_before = os.getloadavg()[0]
    client = Client(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        host="127.0.0.1",
    )
    try:
        thresholds = default_thresholds()
        # Warm-up: one small partition per worker builds every worker's index off the clock.
        started = time.perf_counter()
        warm = records[: workers * 4]
        list(screen_bulk(client, warm, versions, thresholds=thresholds, partition_size=4))
        build = time.perf_counter() - started
        cpu_before = client.run(worker_cpu_seconds)
        started = time.perf_counter()
        flagged = sum(
            1
            for result in screen_bulk(
                client, records, versions, thresholds=thresholds, partition_size=partition
            )
            if result.get("decision") in ("match", "review")
        )
        wall = time.perf_counter() - started
        cpu_after = client.run(worker_cpu_seconds)
        cpu = sum(cpu_after[w] - cpu_before.get(w, 0.0) for w in cpu_after)
        memory = sorted(client.run(worker_memory).values())
    finally:
        client.close()
    return {
        "workers": workers,
        "names": len(records),
        "seconds": round(wall, 1),
        "names_per_second": round(len(records) / wall),
        "flagged": flagged,
        # CPU seconds the workers spent: names per CPU second is what a worker does when
        # it has a core to itself; wall time also counts waiting for a shared core.
        "worker_cpu_seconds": round(cpu, 1),
        "names_per_cpu_second": round(len(records) / cpu) if cpu else None,
        "warmup_seconds": round(build, 1),
        "worker_rss_mb": [round(m / 2**20) for m in memory],
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
    }


def serial(records: list[Record], versions: list[Any]) -> dict[str, Any]:
    """Screen the records in this process, without Dask: the baseline per core."""
    from wgdesk.cli.screen_io import screen_record
    from wgdesk.runtime import batch_collection, gc_paused
    from wgdesk.screening.screener import Screener

    with gc_paused():
        screener = Screener(versions)
    wall, cpu = time.perf_counter(), time.process_time()
    with batch_collection():
        for record in records:
            screen_record(screener, record, 10)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "names": len(records),
        "names_per_second": round(len(records) / wall),
        "names_per_cpu_second": round(len(records) / cpu),
    }


def projection(rows: list[dict[str, Any]]) -> list[str]:
    """Project the time for 10 and 100 million names from the measured throughput."""
    lines = []
    one = rows[0]["names_per_second"]
    for row in rows:
        for total in (10_000_000, 100_000_000):
            hours = total / row["names_per_second"] / 3600
            lines.append(f"  {row['workers']} worker(s): {total:>11,} names in {hours:6.1f} h")
    per_core = rows[-1]["names_per_cpu_second"]
    for total in (10_000_000, 100_000_000):
        core_hours = total / per_core / 3600
        lines.append(
            f"  CPU: {total:>11,} names = {core_hours:6.1f} worker-core hours at"
            f" {per_core} names per worker CPU second (divide by the free cores)"
        )
    if len(rows) > 1:
        two = rows[1]["names_per_second"]
        efficiency = two / (2 * one)
        for workers in (8, 32, 128):
            rate = one * workers * efficiency
            for total in (10_000_000, 100_000_000):
                hours = total / rate / 3600
                lines.append(
                    f"  {workers} workers (assumed {efficiency:.0%} efficiency, as 1->2 here):"
                    f" {total:>11,} names in {hours:6.2f} h"
                )
    return lines


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=1_000_000)
    parser.add_argument("--max-workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--partition", type=int, default=2000)
    parser.add_argument("--serial", type=int, default=5000, help="names for the baseline")
    args = parser.parse_args()
    folder = config.shared_dir() / "data" / "sanctions"
    files = [folder / "un_consolidated_2025-04-19.xml", folder / "ofac_sdn_2021-04.csv"]
    if not all(f.exists() for f in files):
        print(f"list files not found under {folder}", file=sys.stderr)
        return 1
    versions = [v for f in files for v in load_path(f)]
    listed = [n.value for v in versions for e in v.entries for n in e.names]
    records = generate(args.names, listed)
    distinct = len({r.name for r in records})
    print(f"{len(records):,} generated names ({distinct:,} distinct), {os.cpu_count()} cores")
    if args.serial:
        base = serial(records[: args.serial], versions)
        print(
            f"serial baseline, one process without Dask: {base['names_per_second']:,} names/s"
            f" wall, {base['names_per_cpu_second']:,} names per CPU second"
            f" ({base['names']:,} names)"
        )
    rows = []
    for workers in range(1, args.max_workers + 1):
        row = run(workers, records, versions, args.partition)
        rows.append(row)
        speedup = row["names_per_second"] / rows[0]["names_per_second"]
        print(
            f"{workers} worker(s): {row['names_per_second']:,} names/s ({row['seconds']} s),"
            f" x{speedup:.2f} over one; {row['names_per_cpu_second']:,} names per worker CPU s;"
            f" worker RSS {row['worker_rss_mb']} MB;"
            f" warm-up {row['warmup_seconds']} s; load {row['load_before']} -> {row['load_after']}"
        )
    if len(rows) > 1:
        speedup = rows[1]["names_per_second"] / rows[0]["names_per_second"]
        verdict = "met" if speedup >= TARGET_SPEEDUP else "MISSED"
        print(f"1 -> 2 workers: x{speedup:.2f} (target >= {TARGET_SPEEDUP}x: {verdict})")
    print("projection:")
    print("\n".join(projection(rows)))
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "screening_dask.json").write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
