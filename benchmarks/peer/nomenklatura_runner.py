"""Score queries against the whole UN list with nomenklatura's logic-v2 (runs in the peer venv).

This script is executed by ``benchmarks/.peer-venv/bin/python`` (nomenklatura==4.17.4),
never by the project's own venv, and imports nothing from wgdesk or from this repository.

Input: the list as FtM entities (``benchmarks/peer/ftm.py`` writes them) and queries as
JSON lines with ``id`` and ``name``. Each query becomes a ``LegalEntity`` with that name
(the query sets carry no type, and LegalEntity is FtM's schema for "person or
organisation") and is compared with **every** list entity by
``LogicV2.compare(query, entity, config)``, with the algorithm's default configuration.
That is an exhaustive scan: yente would first retrieve candidates from Elasticsearch and
score only those, so this measures logic-v2's scoring over the whole list, as the issue
describes the peer figure ("scoring the whole UN list").

Output: JSON lines shaped like ``wgdesk screen --format jsonl``: ``id``, ``name``,
``decision`` (``match`` when the best score reaches the threshold, yente's default 0.7,
else ``clear``: logic-v2 has a single threshold), ``matches`` (best first, those above
yente's cutoff of 0.1, at most 5), and ``elapsed_ms`` (wall clock) and ``cpu_ms`` (process
CPU time, robust to other jobs on a shared machine) for the whole scan of that query.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from followthemoney import model
from nomenklatura.matching import get_algorithm

DEFAULT_THRESHOLD = 0.7  # yente SCORE_THRESHOLD; the OpenSanctions API's default threshold
DEFAULT_CUTOFF = 0.1  # yente SCORE_CUTOFF: lowest score still returned
MAX_MATCHES = 5


def load_entities(path: Path) -> list[tuple[str, object]]:
    """Read FtM entity JSON lines into (UN reference, proxy) pairs."""
    entities = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            data = json.loads(line)
            ref = data.pop("ref")
            entities.append((ref, model.get_proxy(data)))
    return entities


def make_query(qid: str, name: str, schema: str) -> object:
    """Build the query entity: a LegalEntity (or the given schema) with one name."""
    proxy = model.make_entity(schema)
    proxy.id = f"query-{qid}"
    proxy.add("name", name)
    return proxy


def screen(query, entities, algorithm, config, threshold: float) -> dict[str, object]:
    """Compare one query with every entity; return the decision and the best matches."""
    scored = []
    for ref, entity in entities:
        result = algorithm.compare(query, entity, config)
        if result.score >= DEFAULT_CUTOFF:
            scored.append((result.score, ref, entity.caption))
    scored.sort(key=lambda item: -item[0])
    best = scored[0][0] if scored else 0.0
    return {
        "decision": "match" if best >= threshold else "clear",
        "matches": [
            {"source": "un", "ref": ref, "name": caption, "score": round(score, 4)}
            for score, ref, caption in scored[:MAX_MATCHES]
        ],
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Run nomenklatura logic-v2 on a query set.")
    parser.add_argument("--entities", type=Path, required=True)
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--schema", default="LegalEntity")
    args = parser.parse_args(argv)

    algorithm = get_algorithm("logic-v2")
    if algorithm is None:
        print("error: logic-v2 is not available in this nomenklatura", file=sys.stderr)
        return 2
    config = algorithm.default_config()
    entities = load_entities(args.entities)
    with args.queries.open(encoding="utf-8") as handle:
        queries = [json.loads(line) for line in handle if line.strip()]

    # One untimed warm-up query, so that lazily loaded reference data (name symbols,
    # stopwords, country names) is not charged to the first timed query.
    screen(make_query("warmup", "Warm Up", args.schema), entities, algorithm, config, 1.0)
    with args.out.open("w", encoding="utf-8") as out:
        for query in queries:
            entity = make_query(str(query["id"]), str(query["name"]), args.schema)
            start, cpu_start = time.perf_counter(), time.process_time()
            answer = screen(entity, entities, algorithm, config, args.threshold)
            elapsed = (time.perf_counter() - start) * 1000
            cpu = (time.process_time() - cpu_start) * 1000
            row = {"id": query["id"], "name": query["name"], **answer}
            row |= {"elapsed_ms": elapsed, "cpu_ms": cpu}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
