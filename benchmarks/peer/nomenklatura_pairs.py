"""Score name pairs with nomenklatura's logic-v2 (runs in the peer venv, not the project's).

This script is executed by ``benchmarks/.peer-venv/bin/python`` (nomenklatura==4.17.4) and
imports nothing from wgdesk or from this repository.

Input: JSON lines with ``id``, ``query``, ``candidate`` and ``schema`` (an FtM schema:
Person, Organization, Vessel, Airplane or LegalEntity). Each side becomes an entity of
that schema holding one ``name``, and ``LogicV2.compare(query, candidate, config)`` scores
them with the algorithm's default configuration, as yente scores a match candidate.

Output: JSON lines with ``id``, ``score``, ``elapsed_ms`` (wall clock) and ``cpu_ms``
(process CPU time) of the comparison. The caller applies the threshold.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from followthemoney import model
from nomenklatura.matching import get_algorithm


def entity(eid: str, schema: str, name: str) -> object:
    """Build an entity of the given schema with one name."""
    proxy = model.make_entity(schema)
    proxy.id = eid
    proxy.add("name", name)
    return proxy


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Score name pairs with logic-v2.")
    parser.add_argument("--pairs", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)

    algorithm = get_algorithm("logic-v2")
    if algorithm is None:
        print("error: logic-v2 is not available in this nomenklatura", file=sys.stderr)
        return 2
    config = algorithm.default_config()
    with args.pairs.open(encoding="utf-8") as handle:
        pairs = [json.loads(line) for line in handle if line.strip()]
    # One untimed warm-up, so that lazily loaded reference data is not charged to a pair.
    warm = entity("w1", "Person", "Warm Up")
    algorithm.compare(warm, entity("w2", "Person", "Warm Up"), config)
    with args.out.open("w", encoding="utf-8") as out:
        for pair in pairs:
            query = entity(f"q-{pair['id']}", pair["schema"], pair["query"])
            candidate = entity(f"c-{pair['id']}", pair["schema"], pair["candidate"])
            start, cpu_start = time.perf_counter(), time.process_time()
            result = algorithm.compare(query, candidate, config)
            elapsed = (time.perf_counter() - start) * 1000
            cpu = (time.process_time() - cpu_start) * 1000
            row = {"id": pair["id"], "score": round(result.score, 4)}
            row |= {"elapsed_ms": elapsed, "cpu_ms": cpu}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
