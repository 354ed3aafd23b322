"""Re-screening on Dask and as a watcher (`wgdesk rescreen --dask/--workers`, `--watch`).

The names of every stale record go through the bulk path of `wgdesk screen` on a
LocalCluster of two worker processes on loopback; the flags, candidates, list diffs and
stored screenings come out exactly as from the in-process path. The small fictional
fixture lists: the 2025-01-31 UN mini list and the 2025-02-28 screening list, which
lists Namchongang Trading Corporation (KPe.904) and no longer Pak Chol Su (KPi.901) nor
Korea Fictional Trading Corporation (KPe.901).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.db import transaction

from wgdesk.bulk import ListBundle, worker_builds
from wgdesk.cli import main
from wgdesk.cli.lists import RESCREEN_NOTICE
from wgdesk.screening import watch as watcher
from wgdesk.screening.store import SqliteListStore
from wgdesk.web.projects import actions, rescreen
from wgdesk.web.projects.models import Project, ProjectFlag, ReviewFlag, ScreeningState

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
UN_OLD = FIXTURES / "lists" / "un_mini.xml"  # 2025-01-31
UN_NEW = FIXTURES / "screening" / "un_screening.xml"  # 2025-02-28
OFAC = FIXTURES / "screening" / "ofac"
NEWLY_LISTED = "Namchongang Trading Corporation"
FILE = f"""start: 2021-01-10
end: 2021-06-30
parties:
  - {{name: Korea Railroad Corporation, role: implementer, country: KR, type: organization}}
  - {{name: {NEWLY_LISTED}, role: freight forwarder, type: organization}}
  - {{name: Korea Fictional Trading Corporation, role: consignee, type: organization}}
  - {{name: Pak Chol Su, role: agent, type: person, nationality: KP}}
  - {{name: Kim Il Chol, role: driver, type: person}}
items:
  - {{id: rails, description: rail fastenings, hs: "7302.40", direction: to_dprk,
      quantity: 100, unit: t}}
"""


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A LocalCluster of two worker processes on loopback, name symbols off (fast start)."""
    distributed = pytest.importorskip("distributed")
    saved = os.environ.get("WGDESK_NAME_SYMBOLS")
    os.environ["WGDESK_NAME_SYMBOLS"] = "0"  # inherited by the worker processes
    local = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        host="127.0.0.1",
    )
    try:
        yield local
    finally:
        local.close()
        if saved is None:
            os.environ.pop("WGDESK_NAME_SYMBOLS", None)
        else:
            os.environ["WGDESK_NAME_SYMBOLS"] = saved


def wgdesk(*args: str) -> Any:
    """Run `wgdesk` in this process (this test's database and list store)."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result


def _project(users: dict[str, Any]) -> Project:
    """A ROK project whose parties the two UN versions decide differently."""
    survey = Project.objects.get(title_en__startswith="Survey train")
    record = actions.Record(
        track=survey.track,
        agenda_item=survey.agenda_item,
        sponsor=survey.sponsor,
        texts={"title": ("철도 자재", "Rail materials"), "summary": ("", "")},
        file_text=FILE,
        classification=0,
    )
    return actions.create_project(users["rok.delegate"], record)


def _lists_then_baseline(users: dict[str, Any]) -> Project:
    """Both UN versions stored with the older active, a new project, every record screened."""
    wgdesk("lists", "load", str(UN_NEW), str(OFAC))
    wgdesk("lists", "load", str(UN_OLD))  # loaded last: active
    project = _project(users)
    assert project.screening.results[NEWLY_LISTED]["decision"] == "clear"
    assert rescreen.run().flags == []  # the demo's records get their baseline
    return project


def _snapshot(report: rescreen.RunReport) -> dict[str, Any]:
    """Everything a run leaves behind: stored screenings, flags and the report's counts."""
    states = {
        (s.project_id, s.review_id): (s.versions, s.results) for s in ScreeningState.objects.all()
    }
    fields = [
        "party",
        "old_decision",
        "new_decision",
        "candidates",
        "list_diff",
        "old_versions",
        "new_versions",
        "blocking",
    ]
    on_projects = [
        ("project", f.project_id, *(getattr(f, n) for n in fields))
        for f in ProjectFlag.objects.all()
    ]
    on_reviews = [
        ("review", f.review_id, *(getattr(f, n) for n in fields)) for f in ReviewFlag.objects.all()
    ]
    flags = sorted(on_projects + on_reviews, key=repr)
    return {
        "states": states,
        "flags": flags,
        "counts": (report.projects, report.reviews, report.versions, len(report.flags)),
    }


class _Rollback(Exception):
    """Undo the in-process run so the Dask run starts from the same records."""


def test_dask_rescreen_equals_the_in_process_run(
    users: dict[str, Any], cluster: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WGDESK_NAME_SYMBOLS", "0")  # the in-process index as the workers'
    project = _lists_then_baseline(users)
    activated = wgdesk("lists", "activate", "un@2025-02-28")
    assert RESCREEN_NOTICE in activated.stderr

    serial: dict[str, Any] = {}
    try:
        with transaction.atomic():
            serial = _snapshot(rescreen.run())
            raise _Rollback
    except _Rollback:
        pass
    assert not ProjectFlag.objects.filter(project=project).exists()  # rolled back

    address = cluster.scheduler_address
    bulk = _snapshot(rescreen.run(bulk=(address, None, 3)))  # 3 names a task: many tasks
    assert bulk == serial
    flag = ProjectFlag.objects.get(project=project, party=NEWLY_LISTED)
    assert (flag.old_decision, flag.new_decision, flag.blocking) == ("clear", "match", True)
    assert any(d["ref"] == "KPe.904" and d["change"] == "added" for d in flag.list_diff)
    # KPi.901 and KPe.901 name others in the newer list: those parties are clear now.
    changed = ProjectFlag.objects.filter(project=project).values_list("party", "new_decision")
    assert set(changed) == {
        (NEWLY_LISTED, "match"),
        ("Pak Chol Su", "clear"),
        ("Korea Fictional Trading Corporation", "clear"),
    }
    assert bulk["counts"][0] >= 2 and bulk["counts"][1] >= 1  # projects and saved reviews
    # The names went through the bulk path: the workers built the index of these lists.
    with SqliteListStore.default() as store:
        digest = ListBundle.pack(store.load_active()).digest
    from distributed import Client

    with Client(address) as client:
        built = [d for ds in client.run(worker_builds).values() for d in ds]
    assert digest in built

    # The command: back to the older version, screened on the cluster.
    wgdesk("lists", "activate", "un@2025-01-31")
    result = wgdesk("rescreen", "--dask", address)
    assert f"{NEWLY_LISTED}: match -> clear" in result.output
    back = ProjectFlag.objects.get(project=project, party=NEWLY_LISTED, new_decision="clear")
    assert not back.blocking


def test_workers_starts_a_local_cluster_for_the_run(
    users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setenv("WGDESK_NAME_SYMBOLS", "0")  # inherited by the started workers
    project = _lists_then_baseline(users)
    wgdesk("lists", "activate", "un@2025-02-28")
    result = wgdesk("rescreen", "--workers", "1", "--partition-size", "4")
    assert f"{NEWLY_LISTED}: clear -> match (newly listed" in result.output
    assert ProjectFlag.objects.get(project=project, party=NEWLY_LISTED).blocking
    # Nothing is stale any more: a second run screens nothing.
    again = wgdesk("rescreen", "--workers", "1")
    assert "0 project(s), 0 saved review(s)" in again.output


def test_overlapping_runs_flag_a_change_once(
    users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _lists_then_baseline(users)
    wgdesk("lists", "activate", "un@2025-02-28")
    # A second run (cron next to the watcher) that found the same records stale ...
    with SqliteListStore.default() as store:
        key = [(v.id, v.sha256) for v in store.active_versions()]
    seen_stale = rescreen._stale_records(key)
    assert any(target == project for target, _text in seen_stale)
    first = rescreen.run()
    assert len(first.flags) == 3
    # ... applies after the first run finished: it finds every record done and skips it
    # (the record's row is locked for that check, so on PostgreSQL a run at the very same
    # moment waits for the other's commit and skips too).
    monkeypatch.setattr(rescreen, "_stale_records", lambda key: seen_stale)
    second = rescreen.run()
    assert (second.flags, second.projects, second.reviews) == ([], 0, 0)
    assert ProjectFlag.objects.filter(project=project).count() == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dask", "tcp://127.0.0.1:1", "--workers", "2"], "not both"),
        (["--partition-size", "5"], "is for --dask or --workers"),
        (["--max-runs", "1"], "is for --watch"),
    ],
)
def test_contradictory_options_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["rescreen", *args])
    assert result.exit_code == 2 and message in result.output


def test_an_unreachable_scheduler_is_one_clear_error(users: dict[str, Any]) -> None:
    _lists_then_baseline(users)
    wgdesk("lists", "activate", "un@2025-02-28")
    result = CliRunner().invoke(main, ["rescreen", "--dask", "tcp://127.0.0.1:1"])
    assert result.exit_code != 0
    assert "cannot reach the Dask scheduler" in str(result.exception)


def test_the_watcher_screens_again_when_lists_activate_runs(
    users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _lists_then_baseline(users)
    looks: list[float] = []

    def pause(stop: threading.Event, seconds: float) -> bool:
        looks.append(seconds)
        if len(looks) == 2:  # a quiet look first, then the operator switches the lists
            wgdesk("lists", "activate", "un@2025-02-28")
        return False

    monkeypatch.setattr(watcher, "pause", pause)
    result = wgdesk("rescreen", "--watch", "--interval", "5", "--max-runs", "2")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("rescreen: watching ") and lines[0].endswith(" every 5s")
    # At start: nothing stale. After the activate: the parties are screened again.
    assert "0 project(s), 0 saved review(s)" in lines[1]
    assert f"{NEWLY_LISTED}: clear -> match (newly listed" in result.stdout
    assert lines[-1] == "rescreen: stopped after 2 run(s)"
    assert looks == [5.0, 5.0]
    assert ProjectFlag.objects.get(project=project, party=NEWLY_LISTED).blocking


def test_the_watcher_process_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    # An empty data folder: each run finds no lists and touches no database table.
    env = {**os.environ, "WGDESK_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "wgdesk.cli", "rescreen", "--watch", "--interval", "0.2"]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        if not first:
            pytest.fail(process.communicate(timeout=30)[1])
        assert first.startswith("rescreen: watching"), first
        second = process.stdout.readline()
        assert "no lists in the store" in second
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert out.strip().endswith("rescreen: stopped after 1 run(s)")
    assert "Traceback" not in err
