"""The SQLite list store: idempotent imports, the active version, atomicity, schema versions."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lists.conftest import BAD, LISTS
from wgdesk.screening.lists import ListFormatError, load_path
from wgdesk.screening.model import ListVersion
from wgdesk.screening.store import (
    SCHEMA_VERSION,
    STORE_FILE,
    SqliteListStore,
    StoreError,
)


@pytest.fixture
def store(tmp_path: Path) -> SqliteListStore:
    return SqliteListStore(tmp_path / "store" / STORE_FILE)


@pytest.fixture
def un_v1() -> ListVersion:
    return load_path(LISTS / "un_mini.xml")[0]


@pytest.fixture
def un_v2(un_v1: ListVersion) -> ListVersion:
    # A later version: one entry fewer, different content hash.
    return dataclasses.replace(
        un_v1, version="2025-02-28T23:00:00.000Z", sha256="f" * 64, entries=un_v1.entries[:2]
    )


@pytest.fixture
def ofac() -> ListVersion:
    return load_path(LISTS / "ofac" / "sdn.csv")[0]


def test_default_store_lives_in_the_data_folder(_isolated_data_dir: Path) -> None:
    with SqliteListStore.default() as store:
        assert store.path == _isolated_data_dir / "lists.sqlite3"
    assert (_isolated_data_dir / "lists.sqlite3").is_file()


def test_import_round_trips_every_field(
    store: SqliteListStore, un_v1: ListVersion, ofac: ListVersion
) -> None:
    for version in (un_v1, ofac):
        result = store.import_version(version)
        assert result.created
        assert store.load(result.version.id) == version


def test_import_is_idempotent_by_content(store: SqliteListStore, un_v1: ListVersion) -> None:
    first = store.import_version(un_v1)
    again = store.import_version(dataclasses.replace(un_v1, origin="elsewhere/copy.xml"))
    assert not again.created
    assert again.version.id == first.version.id
    assert len(store.versions()) == 1
    count = store.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    assert count == len(un_v1.entries)


def test_summary_has_counts_dates_and_warnings(store: SqliteListStore, un_v1: ListVersion) -> None:
    stored = store.import_version(un_v1).version
    assert stored.label == "un@2025-01-31T23:00:00.000Z"
    assert stored.entry_count == 3
    assert dict(stored.regime_counts) == {"Al-Qaida": 1, "DPRK": 2}
    assert stored.warnings == un_v1.warnings
    assert stored.loaded_at.endswith("+00:00")
    assert stored.active


def test_latest_loaded_is_active_per_source(
    store: SqliteListStore, un_v1: ListVersion, un_v2: ListVersion, ofac: ListVersion
) -> None:
    v1 = store.import_version(un_v1).version
    v2 = store.import_version(un_v2).version
    o = store.import_version(ofac).version
    assert store.active("un") == store.get(v2.id)
    assert [v.id for v in store.active_versions()] == [v2.id, o.id]
    assert not store.get(v1.id).active
    # Loading an already stored version again makes it the active one.
    store.import_version(un_v1)
    assert store.active("un") == store.get(v1.id)


def test_activate_explicitly_and_import_without_activating(
    store: SqliteListStore, un_v1: ListVersion, un_v2: ListVersion
) -> None:
    v1 = store.import_version(un_v1, activate=False).version
    assert v1.active  # the first version of a source is always active
    v2 = store.import_version(un_v2, activate=False).version
    assert not v2.active and store.active("un") == store.get(v1.id)
    assert store.activate(v2.id).active
    assert not store.get(v1.id).active
    with pytest.raises(StoreError, match="no list version 99"):
        store.activate(99)


def test_load_active_returns_full_versions(
    store: SqliteListStore, un_v1: ListVersion, ofac: ListVersion
) -> None:
    store.import_version(un_v1)
    store.import_version(ofac)
    assert store.load_active() == [un_v1, ofac]


def test_resolve_version_specs(
    store: SqliteListStore, un_v1: ListVersion, un_v2: ListVersion
) -> None:
    v1 = store.import_version(un_v1).version
    v2 = store.import_version(un_v2).version
    assert store.resolve(str(v1.id)).id == v1.id
    assert store.resolve("un").id == v2.id
    assert store.resolve("un@2025-01").id == v1.id
    with pytest.raises(StoreError, match="2 stored versions match 'un@2025'"):
        store.resolve("un@2025")
    with pytest.raises(StoreError, match="no stored versions match"):
        store.resolve("un@1999")
    with pytest.raises(StoreError, match="no active 'ofac' list"):
        store.resolve("ofac")


def test_a_failed_load_leaves_the_previous_version_active(
    store: SqliteListStore, un_v1: ListVersion
) -> None:
    before = store.import_version(un_v1).version
    # The parse fails before the store is touched ...
    with pytest.raises(ListFormatError):
        store.import_version(load_path(BAD / "truncated.xml")[0])
    # ... and a database error in the middle of an import rolls all of it back.
    clash = dataclasses.replace(
        un_v1, sha256="e" * 64, entries=(un_v1.entries[0], un_v1.entries[0])
    )
    with pytest.raises(StoreError, match="refused a write"):
        store.import_version(clash)
    assert store.versions() == [store.get(before.id)]
    assert store.active("un") == store.get(before.id)
    assert store.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 3
    assert store.load(before.id) == un_v1


def test_a_process_dying_mid_import_changes_nothing(tmp_path: Path, un_v1: ListVersion) -> None:
    path = tmp_path / STORE_FILE
    with SqliteListStore(path) as store:
        before = store.import_version(un_v1).version
    # A separate process imports another version and dies just before committing.
    script = f"""
import os, dataclasses
from pathlib import Path
from wgdesk.screening.lists import load_path
from wgdesk.screening.store import SqliteListStore
version = load_path({str(LISTS / "ofac" / "sdn.csv")!r})[0]
store = SqliteListStore(Path({str(path)!r}))
def die(*args, **kwargs):
    os._exit(9)
store._set_active = die
store.import_version(dataclasses.replace(version, source="un"))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False)
    assert done.returncode == 9, done.stderr
    with SqliteListStore(path) as store:
        assert [v.id for v in store.versions()] == [before.id]
        assert store.active("un") == store.get(before.id)
        assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.load(before.id) == un_v1


def test_schema_version_is_recorded_and_reopening_is_harmless(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    SqliteListStore(path).close()
    with SqliteListStore(path) as store:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="written by a newer wgdesk"):
        SqliteListStore(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / STORE_FILE
    path.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(StoreError, match="cannot open the list store"):
        SqliteListStore(path)
