"""Bulk screening on Dask (wgdesk/bulk.py): same answers as the serial path, in input order,
each list version checked by content hash, and a killed worker loses or duplicates no row.

The cluster tests start a LocalCluster of two worker processes on loopback over the small
fictional fixture lists; they are bounded by the fixture's size (a few hundred names).
"""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.screening.conftest import OFAC_FIXTURE, UN_FIXTURE
from wgdesk.bulk import (
    BulkError,
    ListBundle,
    Progress,
    Task,
    partitions,
    screen_bulk,
    worker_builds,
    worker_screener,
)
from wgdesk.cli import main
from wgdesk.cli.screen_io import Record, screen_record
from wgdesk.screening import Screener, Thresholds
from wgdesk.screening.results import Query

THRESHOLDS = Thresholds(0.70, 0.88)


@pytest.fixture(scope="module")
def serial() -> Screener:
    """The serial screener over the fixture lists: the reference answers."""
    return Screener.from_lists([UN_FIXTURE, OFAC_FIXTURE], THRESHOLDS)


def workload(screener: Screener, count: int) -> list[Record]:
    """Records made from the listed names, respelled, plus bad records, ``count`` in all."""
    names = [n.value for v in screener.versions for e in v.entries for n in e.names]
    records: list[Record] = []
    for number in range(count):
        base = names[number % len(names)]
        if number % 17 == 5:
            records.append(Record(number + 1, None, f"line {number + 1}: no name"))
            continue
        name = [base, base.title(), base.replace("O", "U"), f"{base} Trading"][number % 4]
        records.append(Record(number + 1, Query(name, id=f"q{number}"), None, f"q{number}", name))
    return records


def test_bundle_round_trip_keeps_every_entry_and_the_digest_names_the_content(
    serial: Screener,
) -> None:
    bundle = ListBundle.pack(serial.versions)
    assert bundle.unpack() == list(serial.versions)
    assert bundle.labels() == [f"{v.source}@{v.version}" for v in serial.versions]
    assert ListBundle.pack(serial.versions).digest == bundle.digest
    shorter = ListBundle.pack(serial.versions[:1])
    assert shorter.digest != bundle.digest


def test_a_worker_refuses_lists_that_do_not_match_the_named_digest(serial: Screener) -> None:
    bundle = ListBundle.pack(serial.versions)
    wrong = ListBundle.pack(serial.versions[:1]).digest
    with pytest.raises(BulkError, match="do not match"):
        worker_screener(bundle, Task(wrong, THRESHOLDS, 10))


def test_partitions_cut_lazily_and_keep_order() -> None:
    cut = list(partitions(iter(range(7)), 3))
    assert cut == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(partitions(iter([]), 3)) == []


@pytest.fixture(scope="module")
def client() -> Any:
    """A LocalCluster of two worker processes on loopback, name symbols off (fast start)."""
    distributed = pytest.importorskip("distributed")
    saved = os.environ.get("WGDESK_NAME_SYMBOLS")
    os.environ["WGDESK_NAME_SYMBOLS"] = "0"  # inherited by the worker processes
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        host="127.0.0.1",
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
        if saved is None:
            os.environ.pop("WGDESK_NAME_SYMBOLS", None)
        else:
            os.environ["WGDESK_NAME_SYMBOLS"] = saved


def test_results_come_back_in_input_order_equal_to_the_serial_path(
    client: Any, serial: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WGDESK_NAME_SYMBOLS", "0")
    reference = Screener(serial.versions, THRESHOLDS)
    records = workload(serial, 120)
    got = list(
        screen_bulk(client, records, serial.versions, thresholds=THRESHOLDS, partition_size=7)
    )
    assert got == [screen_record(reference, r, 10) for r in records]
    assert any(o.get("decision") == "match" for o in got)
    assert any("error" in o for o in got)
    # Each worker process built its index once for these lists, whatever it screened.
    digest = ListBundle.pack(serial.versions).digest
    builds = client.run(worker_builds)
    assert all(found.count(digest) <= 1 for found in builds.values())
    assert sum(found.count(digest) for found in builds.values()) >= 1


def test_a_killed_worker_costs_a_retry_never_a_lost_or_duplicated_row(
    client: Any, serial: Screener, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WGDESK_NAME_SYMBOLS", "0")
    reference = Screener(serial.versions, THRESHOLDS)
    records = workload(serial, 600)
    killed: list[tuple[str, int, int]] = []

    def kill_a_busy_worker(done: Progress) -> None:
        """After the first partition, kill -9 a worker that has partitions running."""
        if killed:
            return
        for address, keys in client.processing().items():
            running = [k for k in keys if "wgdesk-screen" in str(k)]
            if running:
                pid = client.run(os.getpid, workers=[address])[address]
                os.kill(pid, signal.SIGKILL)
                killed.append((address, pid, len(running)))
                return

    got = list(
        screen_bulk(
            client,
            records,
            serial.versions,
            thresholds=THRESHOLDS,
            partition_size=5,
            on_progress=kill_a_busy_worker,
        )
    )
    assert killed and killed[0][2] >= 1, "no worker had a partition running to kill"
    assert len(got) == len(records)
    assert [o.get("id") for o in got] == [r.id for r in records]
    assert got == [screen_record(reference, r, 10) for r in records]


def test_a_partition_that_keeps_killing_workers_stops_the_run_clearly(client: Any) -> None:
    from wgdesk.bulk import _result

    doomed = client.submit(os._exit, 1, pure=False)  # kills every worker that runs it
    with pytest.raises(BulkError, match="records 21-30 killed its workers"):
        _result(doomed, 2, 10)


def test_cli_workers_writes_the_serial_output_and_parquet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setenv("WGDESK_NAME_SYMBOLS", "0")
    path = tmp_path / "in.jsonl"
    lines = [
        {"id": "a", "name": "Lee Won-chol", "type": "person"},
        {"id": "b"},
        {"id": "c", "name": "조선대성은행"},
        {"id": "d", "name": "Kim Song Min"},
    ]
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines) + "oops\n")
    lists = ["--list", str(UN_FIXTURE), "--list", str(OFAC_FIXTURE)]
    base = ["screen", *lists, "--input", str(path), "--fail-on-match"]
    serial = CliRunner().invoke(main, [*base, "--format", "jsonl"])
    bulk = CliRunner().invoke(
        main, [*base, "--format", "jsonl", "--workers", "1", "--partition-size", "2"]
    )
    assert serial.exit_code == 3, serial.output
    assert bulk.exit_code == 3, bulk.output
    assert bulk.stdout == serial.stdout
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    parquet = CliRunner().invoke(
        main, [*base[:-1], "--format", "parquet", "--output", str(out), "--workers", "1"]
    )
    assert parquet.exit_code == 0, parquet.output
    rows = pq.read_table(out).to_pylist()
    expected = [json.loads(line) for line in serial.stdout.splitlines()]
    assert [r["id"] for r in rows] == [e.get("id") for e in expected]
    assert [r["decision"] for r in rows] == [e.get("decision") for e in expected]
    assert rows[0]["matches"][0]["ref"] == expected[0]["matches"][0]["ref"]
    assert [r["error"] is not None for r in rows] == ["error" in e for e in expected]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dask", "tcp://127.0.0.1:1", "--workers", "2"], "not both"),
        (["--partition-size", "5"], "for --dask or --workers"),
        (["--format", "parquet"], "needs --output"),
    ],
)
def test_contradictory_bulk_options_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["screen", "--list", str(UN_FIXTURE), "x", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    path = tmp_path / "in.txt"
    path.write_text("Kim Song Min\n")
    result = CliRunner().invoke(
        main,
        ["screen", "--list", str(UN_FIXTURE), "--input", str(path), "--dask", "tcp://127.0.0.1:9"],
    )
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.output


def test_output_writes_the_same_results_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    args = ["screen", "--list", str(UN_FIXTURE), "--format", "jsonl", "Lee Won-chol", "Kim"]
    to_stdout = CliRunner().invoke(main, args)
    to_file = CliRunner().invoke(main, [*args, "--output", str(out)])
    assert to_file.exit_code == 0 and to_file.stdout == ""
    assert out.read_text(encoding="utf-8") == to_stdout.stdout
    missing = CliRunner().invoke(main, [*args, "--output", str(tmp_path / "no" / "r.jsonl")])
    assert missing.exit_code == 2 and "--output" in missing.output
