"""The list-store watcher behind `wgdesk rescreen --watch` (wgdesk/screening/watch.py):
a cheap read-only look at the active versions, a run at start and after each change,
a failed run tried again, and a clean stop on SIGTERM."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.lists.conftest import LISTS
from wgdesk.cli import main
from wgdesk.screening import watch as watcher
from wgdesk.screening.lists import load_path
from wgdesk.screening.lists.errors import StoreError
from wgdesk.screening.store import STORE_FILE, SqliteListStore


def _two_versions(tmp_path: Path, name: str = "store.sqlite") -> Path:
    """A store holding two UN versions, the newer active; returns its path."""
    older = tmp_path / "older.xml"
    text = (LISTS / "un_mini.xml").read_text(encoding="utf-8")
    older.write_text(text.replace("2025-01-31T23", "2024-12-31T23"), encoding="utf-8")
    path = tmp_path / name
    with SqliteListStore(path) as store:
        for version in [*load_path(older), *load_path(LISTS / "un_mini.xml")]:
            store.import_version(version)
    return path


def test_active_key_reads_ids_and_hashes_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "store.sqlite"
    assert watcher.active_key(missing) == ()
    assert not missing.parent.exists()  # a look never creates the store
    path = _two_versions(tmp_path)
    with SqliteListStore(path) as store:
        newer = store.active("un")
        assert newer is not None
        assert watcher.active_key(path) == ((newer.id, newer.sha256),)
        store.activate(1)
        assert watcher.active_key(path) == ((1, store.get(1).sha256),)
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot read the list store"):
        watcher.active_key(broken)


def test_a_lists_activate_wakes_the_watcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WGDESK_DATA_DIR", str(tmp_path))
    path = _two_versions(tmp_path, STORE_FILE)  # the store `wgdesk lists` uses
    seen: list[watcher.ActiveKey] = []
    pauses: list[float] = []

    def on_change() -> None:
        seen.append(watcher.active_key(path))

    def pause(stop: threading.Event, seconds: float) -> bool:
        pauses.append(seconds)
        if len(pauses) == 2:  # nothing changed at the first look after the start run
            result = CliRunner().invoke(main, ["lists", "activate", "un@2024"])
            assert result.exit_code == 0, result.output
        return False

    monkeypatch.setattr(watcher, "pause", pause)
    stop = threading.Event()
    runs = watcher.watch(path, on_change, interval=0.5, stop=stop, max_runs=2)
    assert runs == 2 and len(pauses) == 2 and pauses[0] == 0.5
    assert [key[0][0] for key in seen] == [2, 1]  # at start, then after the activate


def test_a_failed_run_is_tried_again_at_the_next_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _two_versions(tmp_path)
    calls: list[int] = []

    def on_change() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database went away")

    monkeypatch.setattr(watcher, "pause", lambda stop, seconds: False)
    runs = watcher.watch(path, on_change, interval=1, stop=threading.Event(), max_runs=1)
    assert (runs, len(calls)) == (1, 2)
    err = capsys.readouterr().err
    assert "the run failed; trying again" in err and "database went away" in err


def test_sigterm_stops_the_watcher_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _two_versions(tmp_path)
    before = signal.getsignal(signal.SIGTERM)
    real_pause = watcher.pause

    def pause(stop: threading.Event, seconds: float) -> bool:
        os.kill(os.getpid(), signal.SIGTERM)  # what systemd sends on `systemctl stop`
        return real_pause(stop, 30)  # returns at once: the handler has set the event

    monkeypatch.setattr(watcher, "pause", pause)
    stop = threading.Event()
    with watcher.stop_on_signals(stop):
        runs = watcher.watch(path, lambda: None, interval=30, stop=stop)
    assert runs == 1 and stop.is_set()
    assert signal.getsignal(signal.SIGTERM) is before  # the handler is put back
