"""Time `wgdesk review` on a 1,000-item project, parties screened included.

The project mixes goods of every kind the rule base covers (machinery, vehicles, metals,
fuel under the caps, food, textiles and seafood from the DPRK, luxury goods, arms), 15
activities and 12 parties screened against the real UN list (2025-04-19) with the real
Screener. Prints the best and the median of several runs for each step: reading and
checking the project file, reviewing it (rules and screening), and rendering the JSON
report; and, apart, the one-off cost of loading the rule base and indexing the list.
There is no peer tool for this review; the target is the issue's 1 s per project.
Run with `.venv/bin/python benchmarks/review_speed.py [--runs N] [--items N]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import yaml
from lists_load import timed  # the same best/median timer as the list benchmark

from wgdesk import config
from wgdesk.rules.engine import Engine
from wgdesk.rules.project import load_project
from wgdesk.rules.report import render_json
from wgdesk.rules.rulebase import load_rulebase
from wgdesk.rules.vocabulary import ACTIVITY_KINDS
from wgdesk.screening.screener import Screener

GOODS = [
    ("8415.10", "to_dprk", "air conditioning units"),
    ("8704.31", "to_dprk", "delivery van"),
    ("7308.90", "to_dprk", "steel frames"),
    ("2710.19", "to_dprk", "diesel fuel"),
    ("2709.00", "to_dprk", "crude oil"),
    ("1101.00", "to_dprk", "wheat flour"),
    ("3004.90", "to_dprk", "medicines"),
    ("9403.50", "to_dprk", "wooden beds"),
    ("9101.21", "to_dprk", "gold watches"),
    ("5701.90", "to_dprk", "silk rug"),
    ("9301.90", "to_dprk", "rifles"),
    ("6203.43", "to_dprk", "uniforms for the Korean People's Army"),
    ("6109.10", "from_dprk", "cotton T-shirts"),
    ("0808.10", "from_dprk", "apples"),
    ("0303.55", "from_dprk", "frozen fish"),
    ("2701.12", "from_dprk", "coal"),
    ("7901.11", "from_dprk", "zinc"),
    ("9703.90", "from_dprk", "bronze statue"),
    ("2208.90", "from_dprk", "soju"),
    ("8544.70", "from_dprk", "cable harnesses"),
]
KINDS = ACTIVITY_KINDS
PARTIES = [
    ("Korea Railroad Corporation", "organization", "KR"),
    ("Ministry of Railways", "organization", "KP"),
    ("Korea Mining Development Trading Corporation", "organization", "KP"),
    ("Hanbit Trading Co.", "organization", "KR"),
    ("Korean Red Cross", "organization", "KR"),
    ("Red Cross Society of the DPR Korea", "organization", "KP"),
    ("Kim Chol Ho", "person", "KP"),
    ("Lee Won-ho", "person", "KP"),
    ("Park Ji-sung", "person", "KR"),
    ("Korea Ryonbong General Corporation", "organization", "KP"),
    ("Ministry of Unification", "organization", "KR"),
    ("Daesong Bank", "organization", "KP"),
]


def project_text(count: int) -> str:
    """Return a project file with `count` items cycling through GOODS."""
    items = [
        {
            "id": f"i{n}",
            "description": GOODS[n % len(GOODS)][2],
            "hs": GOODS[n % len(GOODS)][0],
            "direction": GOODS[n % len(GOODS)][1],
            "quantity": 10 + n % 7,
            "unit": "t",
            "value_usd": 1000 + n,
            "temporary": n % 5 == 0,
        }
        for n in range(count)
    ]
    activities = [{"id": f"a{n}", "kind": k, "field": "forestry"} for n, k in enumerate(KINDS)]
    parties = [{"name": n, "type": t, "country": c} for n, t, c in PARTIES]
    project = {"title": "benchmark", "start": "2019-06-01", "parties": parties, "items": items}
    project["activities"] = activities
    return yaml.safe_dump(project, allow_unicode=True, sort_keys=False)


def main() -> int:
    """Run the benchmark and print one line per step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--items", type=int, default=1000)
    args = parser.parse_args()
    un_list = config.shared_dir() / "data" / "sanctions" / "un_consolidated_2025-04-19.xml"
    if not un_list.exists():
        print(f"skipped: {un_list} is not available", file=sys.stderr)
        return 0
    started = time.perf_counter()
    rulebase = load_rulebase()
    rules_s = time.perf_counter() - started
    started = time.perf_counter()
    screener = Screener.from_lists([un_list])
    index_s = time.perf_counter() - started
    engine = Engine(rulebase, screener, lists=["un 2025-04-19"])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "project.yaml"
        path.write_text(project_text(args.items), encoding="utf-8")
        project = load_project(path)
        review = engine.review(project)

        def total() -> str:
            return render_json(engine.review(load_project(path)))

        rows = [
            ("read and check the project file", lambda: load_project(path)),
            ("review (rules + screening of 12 parties)", lambda: engine.review(project)),
            ("render the JSON report", lambda: render_json(review)),
            ("total: read + review + render", total),
        ]
        print(f"project: {args.items} items, {len(KINDS)} activities, {len(PARTIES)} parties")
        print(
            f"verdict: {review.verdict.value}; parties matched: "
            f"{sum(p.decision == 'match' for p in review.parties)}"
        )
        print(f"{'step':44} {'best':>8} {'median':>8}")
        for label, step in rows:
            best, median = timed(step, args.runs)
            print(f"{label:44} {best * 1000:7.0f}ms {median * 1000:7.0f}ms")
    print(f"one-off: load the rule base {rules_s * 1000:.0f} ms", end="; ")
    print(f"index the UN list {index_s * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
