"""Re-screening on Dask: `wgdesk rescreen` in one process against `--workers 1` and `2`.

A throwaway desk (SQLite, in a temporary data directory) holds the demo working group and
projects whose files list ``--parties`` generated parties in all (people and companies,
5% listed names; the generator of screening_dask.py). The real UN lists are loaded: the
2020-11-30 version active first, every record screened against it (the baseline), then
the 2025-04-19 version activated, so every record is stale. Each configuration starts
from its own copy of that data directory and times one `wgdesk rescreen` command, as cron
or an operator runs it: process start, index build (in the process, or on each worker),
screening every party, applying the results and flagging each changed decision. Prints
seconds and parties per second for each, and checks that every configuration left the
same flags.

    python benchmarks/rescreen_dask.py [--parties 5000] [--max-workers 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
PER_PROJECT = 250  # parties per project file
UN_OLD = "un_consolidated_2020-11-30.xml"
UN_NEW = "un_consolidated_2025-04-19.xml"


def wgdesk(env: dict[str, str], *args: str) -> str:
    """Run the CLI in a child process; return its standard output (stop on failure)."""
    done = subprocess.run(
        [str(BIN / "wgdesk"), *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"wgdesk {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def project_files(parties: int) -> list[str]:
    """Project files listing the generated parties, PER_PROJECT per file."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.screening_dask import COMPANY_KINDS, generate
    from wgdesk import config
    from wgdesk.screening.lists import load_path

    listed_file = config.shared_dir() / "data" / "sanctions" / UN_NEW
    listed = [n.value for v in load_path(listed_file) for e in v.entries for n in e.names]
    records = generate(parties, listed, seed=15)
    files = []
    for start in range(0, len(records), PER_PROJECT):
        lines = ["start: 2021-01-10", "end: 2021-06-30", "parties:"]
        for record in records[start : start + PER_PROJECT]:
            name = json.dumps(record.name, ensure_ascii=False)
            company = any(record.name.endswith(kind) for kind in COMPANY_KINDS)
            typed = ", type: organization" if company else ""  # the rest as a user leaves it
            lines.append(f"  - {{name: {name}, role: supplier{typed}}}")
        lines += [
            "items:",
            '  - {id: rails, description: rail fastenings, hs: "7302.40", direction: to_dprk,',
            "      quantity: 100, unit: t}",
        ]
        files.append("\n".join(lines) + "\n")
    return files


CREATE = """
import json, sys
from wgdesk.web.groups.models import Member
from wgdesk.web.projects import actions
from wgdesk.web.projects.models import Project
files = json.load(open(sys.argv[-1]))
author = Member.objects.select_related("user").get(user__username="rok.delegate").user
survey = Project.objects.get(title_en__startswith="Survey train")
for number, text in enumerate(files, 1):
    record = actions.Record(
        track=survey.track, agenda_item=survey.agenda_item, sponsor=survey.sponsor,
        texts={"title": (f"대량 {number}", f"Bulk parties {number}"), "summary": ("", "")},
        file_text=text, classification=0,
    )
    actions.create_project(author, record)
print(len(files))
"""


def prepare(base: Path, parties: int, shared: Path) -> dict[str, str]:
    """The baseline desk in ``base``: demo, projects, UN 2020 active and screened, UN 2025
    loaded and activated (every record stale). Returns the environment that names it."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WGDESK_DEBUG")}
    env.update(WGDESK_DATA_DIR=str(base), DJANGO_SETTINGS_MODULE="wgdesk.web.settings")
    lists = shared / "data" / "sanctions"
    wgdesk(env, "manage", "migrate", "--noinput", "-v0")
    wgdesk(env, "demo")
    wgdesk(env, "lists", "load", str(lists / UN_NEW))
    wgdesk(env, "lists", "load", str(lists / UN_OLD))  # loaded last: active
    files = base / "files.json"
    files.write_text(json.dumps(project_files(parties)), "utf-8")
    script = base / "create.py"
    script.write_text(CREATE, "utf-8")
    command = f"import sys; sys.argv.append({str(files)!r}); exec(open({str(script)!r}).read())"
    wgdesk(env, "manage", "shell", "-c", command)
    wgdesk(env, "rescreen")  # the demo's own records get their baseline on UN 2020
    wgdesk(env, "lists", "activate", "un@2025-04-19")
    return env


def flags(data: Path) -> list[tuple[Any, ...]]:
    """The flags a run left, comparable across copies."""
    with sqlite3.connect(data / "desk.sqlite3") as db:
        rows = db.execute(
            "SELECT project_id, party, old_decision, new_decision FROM projects_projectflag"
            " ORDER BY project_id, party"
        ).fetchall()
    return [tuple(row) for row in rows]


def timed_run(base: Path, env: dict[str, str], label: str, args: list[str]) -> dict[str, Any]:
    """Copy the baseline desk, time one `wgdesk rescreen` on the copy."""
    copy = base.parent / label
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(base, copy)
    run_env = {**env, "WGDESK_DATA_DIR": str(copy)}
    started = time.perf_counter()
    output = wgdesk(run_env, "rescreen", *args)
    seconds = time.perf_counter() - started
    return {"label": label, "seconds": round(seconds, 1), "output": output, "flags": flags(copy)}


def main() -> int:
    """Prepare the desk, time each configuration, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parties", type=int, default=5000)
    parser.add_argument("--max-workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="keep the desks in this directory")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from wgdesk import config

    shared = config.shared_dir()
    if not (shared / "data" / "sanctions" / UN_OLD).exists():
        print(f"list files not found under {shared / 'data' / 'sanctions'}", file=sys.stderr)
        return 1
    work = args.keep or Path(tempfile.mkdtemp(prefix="wgdesk-rescreen-"))
    work.mkdir(parents=True, exist_ok=True)
    base = work / "baseline"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir()
    started = time.perf_counter()
    env = prepare(base, args.parties, shared)
    print(f"prepared {args.parties:,} parties in {time.perf_counter() - started:.0f} s ({work})")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    runs = [timed_run(base, env, "in-process", [])]
    for workers in range(1, args.max_workers + 1):
        runs.append(timed_run(base, env, f"workers-{workers}", ["--workers", str(workers)]))
    first = runs[0]
    for run in runs:
        rate = args.parties / run["seconds"]
        same = "same flags" if run["flags"] == first["flags"] else "FLAGS DIFFER"
        print(
            f"{run['label']:>11}: {run['seconds']:6.1f} s, {rate:5.0f} parties/s,"
            f" {len(run['flags'])} flags ({same})"
        )
    if len(runs) > 2:
        print(f"1 -> 2 workers: x{runs[1]['seconds'] / runs[2]['seconds']:.2f}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
