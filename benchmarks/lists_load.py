"""Time list parsing and the list store on the real files in ../shared/data/sanctions.

Prints, for each step, the best and the median of several runs, next to a baseline:
the standard library reading the same files without building our model (C
ElementTree for the XML, the csv module for the OFAC trio, `json.loads` per line for
FtM). There is no published FtM file in ../shared, so the FtM rows read the real OFAC
list written as OpenSanctions-style entities by the yente API's writer
(`wgdesk.screening.ftm.entity_of`). Run with
`.venv/bin/python benchmarks/lists_load.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as StdlibElementTree
from collections.abc import Callable
from pathlib import Path

from wgdesk import config
from wgdesk.screening.ftm import entity_of
from wgdesk.screening.lists import load_ofac_csv, load_un_xml
from wgdesk.screening.lists.ftm import load_ftm_json
from wgdesk.screening.model import ListVersion
from wgdesk.screening.store import STORE_FILE, SqliteListStore

UN_2025 = "un_consolidated_2025-04-19.xml"
UN_2020 = "un_consolidated_2020-11-30.xml"
OFAC_SDN = "ofac_sdn_2021-04.csv"


def timed(step: Callable[[], object], runs: int) -> tuple[float, float]:
    """Return the best and the median wall time of `runs` calls, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def stdlib_xml(path: Path) -> None:
    """Baseline: parse the XML with the C ElementTree, building no model."""
    StdlibElementTree.parse(path)


def stdlib_csv(folder: Path) -> None:
    """Baseline: read the three OFAC CSVs with the csv module, building no model."""
    for name in (OFAC_SDN, OFAC_SDN.replace("sdn", "alt"), OFAC_SDN.replace("sdn", "add")):
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            for _ in csv.reader(handle):
                pass


def write_ftm(version: ListVersion, path: Path) -> Path:
    """Write a list as an FtM entity file, one target per line, as OpenSanctions does."""
    with path.open("w", encoding="utf-8") as out:
        for entry in version.entries:
            entity = {**entity_of(entry), "target": True, "datasets": ["ofac_ftm"]}
            out.write(json.dumps(entity, ensure_ascii=False) + "\n")
    return path


def stdlib_json(path: Path) -> None:
    """Baseline: parse every line of an FtM file with json.loads, building no model."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            json.loads(line)


Row = tuple[str, Callable[[], object], str, Callable[[], object] | None]


def _print(rows: list[Row], runs: int) -> None:
    """Time every row and its baseline, and print one line each."""
    print(f"{'step':46} {'best':>8} {'median':>8}   baseline (best)")
    for label, step, base_label, base in rows:
        best, median = timed(step, runs)
        base_text = ""
        if base is not None:
            base_best, _ = timed(base, runs)
            base_text = f"{base_label}: {base_best * 1000:.0f} ms"
        print(f"{label:46} {best * 1000:6.0f} ms {median * 1000:6.0f} ms   {base_text}")


def main() -> int:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    folder = config.shared_dir() / "data" / "sanctions"
    if not (folder / UN_2025).exists():
        print(f"real lists not found in {folder}; set WGDESK_SHARED", file=sys.stderr)
        return 1

    def both() -> None:
        load_un_xml(folder / UN_2025)
        load_ofac_csv(folder / OFAC_SDN)

    etree = "C ElementTree, no model"
    rows: list[Row] = [
        (
            "parse UN 2025-04-19 XML (877 entries)",
            lambda: load_un_xml(folder / UN_2025),
            etree,
            lambda: stdlib_xml(folder / UN_2025),
        ),
        (
            "parse UN 2020-11-30 XML (1018 entries)",
            lambda: load_un_xml(folder / UN_2020),
            etree,
            lambda: stdlib_xml(folder / UN_2020),
        ),
        (
            "parse OFAC trio 2021-04 (8890 entries)",
            lambda: load_ofac_csv(folder / OFAC_SDN),
            "csv module, no model",
            lambda: stdlib_csv(folder),
        ),
        ("parse UN 2025 + OFAC", both, "", None),
    ]
    un, ofac = load_un_xml(folder / UN_2025), load_ofac_csv(folder / OFAC_SDN)
    with tempfile.TemporaryDirectory() as scratch:
        ftm_file = write_ftm(ofac, Path(scratch) / "ofac.ftm.json")
        size = ftm_file.stat().st_size / 2**20
        rows.append(
            (
                f"parse OFAC as FtM JSON lines ({len(ofac.entries)}, {size:.1f} MB)",
                lambda: load_ftm_json(ftm_file),
                "json.loads per line",
                lambda: stdlib_json(ftm_file),
            )
        )
        fresh = iter(range(10**6))

        def import_both() -> None:
            with SqliteListStore(Path(scratch) / f"import-{next(fresh)}.sqlite3") as store:
                store.import_version(un)
                store.import_version(ofac)

        with SqliteListStore(Path(scratch) / STORE_FILE) as store:
            store.import_version(un)
            store.import_version(ofac)
            rows.append(("store: import UN 2025 + OFAC (new store)", import_both, "", None))
            rows.append(("store: load active UN 2025 + OFAC", store.load_active, "", None))
            _print(rows, runs)
    print(f"\n{runs} runs each; Python {sys.version.split()[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
