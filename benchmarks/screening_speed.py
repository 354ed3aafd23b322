"""Screening speed on one core: index build, per-query latency and bulk throughput.

Against the 2025-04-19 UN list and the 2021-04 OFAC SDN list together. Prints:
- list parse time and index build time, and the process's peak resident memory;
- p50 / p99 / mean per query over realistic queries (the dev and own evaluation sets,
  and a sample of list names in other spellings);
- bulk throughput over 20,000 generated names, mostly unlisted (as real batches are),
  with some listed names mixed in: once over the distinct names with the result cache
  off (the engine itself), once over the batch as generated, repeats included;
- the ratio to nomenklatura logic-v2's ~185 ms per query on the whole UN list (issue 2;
  benchmarks/screening_peer.py measures it on this machine).

    python benchmarks/screening_speed.py [--bulk N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

from wgdesk import config
from wgdesk.runtime import batch_collection, gc_paused, keep_out_of_collection
from wgdesk.screening import Query, Screener, native
from wgdesk.screening.cache import BoundedCache
from wgdesk.screening.lists import load_path
from wgdesk.screening.screener import RESULT_CACHE_SIZE

ROOT = Path(__file__).resolve().parent.parent
PEER_MS_PER_QUERY = 185.0  # nomenklatura logic-v2 on the whole UN list, as measured in issue 2
FIRST = [
    "James",
    "Maria",
    "Ahmed",
    "Olga",
    "Wei",
    "Hiroshi",
    "Fatima",
    "Carlos",
    "Anna",
    "Ivan",
    "Mohammed",
    "Sophie",
    "David",
    "Elena",
    "Ali",
    "Chen",
    "Yusuf",
    "Laura",
    "Peter",
    "Aisha",
]
LAST = [
    "Smith",
    "Garcia",
    "Hassan",
    "Petrova",
    "Zhang",
    "Tanaka",
    "Rahman",
    "Lopez",
    "Novak",
    "Ivanov",
    "Khan",
    "Martin",
    "Cohen",
    "Popescu",
    "Said",
    "Wang",
    "Demir",
    "Rossi",
    "Meyer",
    "Ali",
]
KOREAN_SURNAMES = [
    "Kim",
    "Lee",
    "Park",
    "Choi",
    "Jung",
    "Kang",
    "Cho",
    "Yoon",
    "Jang",
    "Lim",
    "Han",
    "Oh",
    "Seo",
    "Shin",
    "Kwon",
    "Hwang",
    "Ahn",
    "Song",
    "Yoo",
    "Hong",
]
KOREAN_SYLLABLES = [
    "min",
    "ji",
    "seo",
    "hyun",
    "woo",
    "jun",
    "young",
    "soo",
    "eun",
    "ha",
    "jae",
    "hee",
    "sung",
    "dong",
    "yeon",
    "kyung",
    "tae",
    "hye",
    "jin",
    "won",
]
COMPANY_WORDS = [
    "Global",
    "Pacific",
    "Green",
    "Star",
    "United",
    "Ocean",
    "Smart",
    "Prime",
    "Blue",
    "Hanbit",
    "Saerom",
    "Daehan",
    "Nuri",
    "Asia",
    "Golden",
    "Royal",
    "Delta",
    "Apex",
]
COMPANY_KINDS = [
    "Trading Co",
    "Logistics Ltd",
    "Shipping Corporation",
    "Electronics",
    "Bank",
    "Holdings",
    "Industries Co., Ltd.",
    "Textiles",
    "Fisheries Co",
    "Construction",
]


def bulk_names(count: int, listed: list[str], rng: random.Random) -> list[str]:
    """Return ``count`` names: 95% unlisted people and companies, 5% listed names."""
    names = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.05:
            names.append(rng.choice(listed))
        elif roll < 0.40:
            names.append(f"{rng.choice(FIRST)} {rng.choice(LAST)}")
        elif roll < 0.70:
            given = "".join(rng.sample(KOREAN_SYLLABLES, 2))
            names.append(f"{rng.choice(KOREAN_SURNAMES)} {given.capitalize()}")
        else:
            words = rng.sample(COMPANY_WORDS, 2)
            names.append(f"{words[0]} {words[1]} {rng.choice(COMPANY_KINDS)}")
    return names


def eval_queries() -> list[str]:
    """Return the names of the dev set and the repository's own evaluation sets."""
    paths = [config.shared_dir() / "eval" / "names-dev.jsonl"]
    paths += sorted((ROOT / "tests" / "data" / "screening").glob("*.jsonl"))
    return [
        json.loads(line)["name"]
        for p in paths
        if p.exists()
        for line in p.read_text("utf-8").splitlines()
    ]


def percentile(sorted_values: list[float], share: float) -> float:
    """Return the value below which ``share`` of the sorted values fall."""
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * share))]


def timed(action):  # type: ignore[no-untyped-def]
    """Run an action; return its result, wall seconds and CPU seconds of this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bulk", type=int, default=20000)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    folder = config.shared_dir() / "data" / "sanctions"
    files = [folder / "un_consolidated_2025-04-19.xml", folder / "ofac_sdn_2021-04.csv"]
    if not all(f.exists() for f in files):
        print(f"list files not found under {folder}", file=sys.stderr)
        return 1
    print(f"load average at start: {os.getloadavg()[0]:.2f} (wall times suffer when it is high)")
    # Compiled (mypyc) or the sources: `wgdesk engine build`, WGDESK_PURE_PYTHON=1.
    print(f"engine build: {native.state()}")
    # The collector tuned as the CLI and the desk tune it (wgdesk/runtime.py).
    with gc_paused():
        versions, parse_wall, parse_cpu = timed(lambda: [v for f in files for v in load_path(f)])
        screener, build_wall, build_cpu = timed(lambda: Screener(versions))
    keep_out_of_collection()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    entries = sum(len(v.entries) for v in versions)
    names_count = len(screener.index.records)
    print(f"lists: {entries} entries, {names_count} names (UN 2025-04-19 + OFAC 2021-04)")
    print(f"parse {parse_wall:.2f} s wall / {parse_cpu:.2f} s CPU")
    print(f"index build {build_wall:.2f} s wall / {build_cpu:.2f} s CPU; peak RSS {peak_mb:.0f} MB")

    rng = random.Random(7)
    listed = [n.value for v in versions for e in v.entries for n in e.names]
    queries = eval_queries() + rng.sample(listed, 1000)
    screener.cache = BoundedCache(0)  # per-query figures are the engine's, never a cache hit
    for name in queries[:200]:
        screener.screen(name)  # warm the reading caches, as a running service would be
    walls, cpus = [], []
    for name in queries:
        _, wall, cpu = timed(lambda name=name: screener.screen(name))
        walls.append(wall * 1000)
        cpus.append(cpu * 1000)
    for label, values in (("wall", sorted(walls)), ("CPU", sorted(cpus))):
        p50, p99 = percentile(values, 0.5), percentile(values, 0.99)
        mean = statistics.mean(values)
        shown = f"p50 {p50:.2f} ms, p99 {p99:.2f} ms, mean {mean:.2f} ms"
        print(f"per query ({label}, {len(values)} queries): {shown}")
    ratio = PEER_MS_PER_QUERY / statistics.mean(cpus)
    peer = f"nomenklatura logic-v2 ~{PEER_MS_PER_QUERY:.0f} ms/query"
    print(f"  vs {peer}: {ratio:.0f}x less time (mean CPU)")

    names = bulk_names(args.bulk, listed, rng)
    distinct = list(dict.fromkeys(names))
    # The engine alone: every name distinct and the result cache off, so each is screened.
    screener.cache = BoundedCache(0)
    bulk_run("bulk, distinct names, cache off (the engine)", screener, distinct)
    # A batch as generated: common names come back, and repeats are answered from the cache.
    screener.cache = BoundedCache(RESULT_CACHE_SIZE)
    bulk_run(f"bulk, batch with repeats ({len(distinct)} distinct), cache on", screener, names)
    # The caches a long run fills (word caches, reach rows, results) are bounded: this is
    # the process's peak with all of them in use, beside the peak of the build above.
    end_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS over the whole run (caches filled by the queries): {end_mb:.0f} MB")
    return 0


def bulk_run(label: str, screener: Screener, names: list[str]) -> None:
    """Screen a batch through ``screen_many`` and print its throughput."""
    with batch_collection():
        flagged, wall, cpu = timed(
            lambda: sum(1 for r in screener.screen_many(Query(n) for n in names) if r.matches)
        )
    print(f"{label}: {len(names)} names, {flagged} flagged")
    print(f"  {len(names) / wall:.0f} names/s wall, {len(names) / cpu:.0f} names/s CPU")


if __name__ == "__main__":
    raise SystemExit(main())
