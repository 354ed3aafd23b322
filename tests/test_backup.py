"""`wgdesk backup` / `wgdesk restore`: a round trip on SQLite and on PostgreSQL, and archives
that must be refused before anything is replaced (wgdesk/backup.py).

The round trips run the real commands in subprocesses against a desk of their own (the
demo working group, migrated from scratch); the PostgreSQL one is skipped when no server
answers on 127.0.0.1:5432.
"""

from __future__ import annotations

import hashlib
import io
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from wgdesk.backup import (
    BackupError,
    Database,
    Desk,
    create,
    restore,
    verify,
)

FIXTURES = Path(__file__).parent / "fixtures"
UN_MINI = FIXTURES / "lists" / "un_mini.xml"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"


def wgdesk(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the wgdesk command with a desk of its own."""
    done = subprocess.run(
        [sys.executable, "-m", "wgdesk.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"wgdesk {' '.join(args)}: {done.returncode}\n{done.stderr}")
    return done


def sha(path: Path) -> str:
    """Return a file's SHA-256."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed_desk(env: dict[str, str], data: Path) -> None:
    """A migrated demo desk with a list version and an attachment file."""
    wgdesk(env, "manage", "migrate", "--noinput", "-v0")
    wgdesk(env, "demo")
    wgdesk(env, "lists", "load", str(UN_MINI))
    folder = data / "attachments" / "2026" / "12"
    folder.mkdir(parents=True)
    (folder / "minutes-annex.pdf").write_bytes(b"%PDF-1.4 annex " * 100)


def round_trip(env: dict[str, str], data: Path, tmp: Path, count_notes, spoil) -> None:  # type: ignore[no-untyped-def]
    """Back up, spoil the desk, restore, and check that everything came back."""
    seed_desk(env, data)
    notes = count_notes()
    assert notes > 0
    archive = tmp / "desk.tar"
    made = wgdesk(env, "backup", str(archive))
    assert "backup written" in made.stdout
    checked = wgdesk(env, "restore", "--check", str(archive))
    assert "files match the manifest" in checked.stdout
    # Spoil everything the archive holds: rows, the attachment, the active list.
    spoil()
    attachment = data / "attachments" / "2026" / "12" / "minutes-annex.pdf"
    kept = attachment.read_bytes()
    attachment.write_bytes(b"overwritten")
    (data / "attachments" / "stray.txt").write_text("not in the backup")
    store = sqlite3.connect(data / "lists.sqlite3")
    store.execute("DELETE FROM active_versions")
    store.commit()
    store.close()
    assert count_notes() == 0
    done = wgdesk(env, "restore", "--yes", str(archive))
    assert "restored" in done.stdout
    assert "audit chain intact" in done.stdout and "reaching the backup's head" in done.stdout
    assert count_notes() == notes
    assert attachment.read_bytes() == kept
    assert not (data / "attachments" / "stray.txt").exists()
    assert (
        "(active)" in wgdesk(env, "lists", "show").stdout
        or "active" in wgdesk(env, "lists", "show").stdout.lower()
    )
    assert "audit chain intact" in wgdesk(env, "audit", "verify").stdout


def test_round_trip_on_sqlite(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"WGDESK_DATA_DIR": str(data), "DATABASE_URL": ""}
    database = data / "desk.sqlite3"

    def count_notes() -> int:
        with sqlite3.connect(database) as connection:
            return int(connection.execute("SELECT count(*) FROM notes_note").fetchone()[0])

    def spoil() -> None:
        with sqlite3.connect(database) as connection:
            connection.execute("DELETE FROM notes_note")

    round_trip(env, data, tmp_path, count_notes, spoil)


@pytest.fixture
def pg_url() -> str:
    """A fresh PostgreSQL database of this test, dropped afterwards; skip without a server."""
    psycopg = pytest.importorskip("psycopg")
    name = f"wgdesk_scale_backup_{os.getpid()}"
    try:
        admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
    admin.execute(f"DROP DATABASE IF EXISTS {name}")
    admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{PG_SERVER}/{name}"
    finally:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()


def test_round_trip_on_postgresql(tmp_path: Path, pg_url: str) -> None:
    import psycopg

    data = tmp_path / "data"
    env = {"WGDESK_DATA_DIR": str(data), "DATABASE_URL": pg_url}

    def count_notes() -> int:
        with psycopg.connect(pg_url) as connection:
            row = connection.execute("SELECT count(*) FROM notes_note").fetchone()
            return int(row[0]) if row else 0

    def spoil() -> None:
        with psycopg.connect(pg_url) as connection:
            connection.execute("DELETE FROM notes_note")

    round_trip(env, data, tmp_path, count_notes, spoil)


# Archives that must be refused, on a small desk built without Django.


@pytest.fixture
def small_desk(tmp_path: Path) -> Desk:
    """A SQLite 'desk' of one table, a list store and two attachment files."""
    data = tmp_path / "desk"
    (data / "attachments" / "a").mkdir(parents=True)
    (data / "attachments" / "a" / "one.txt").write_text("one")
    (data / "attachments" / "two.bin").write_bytes(bytes(range(256)))
    for name in ("desk.sqlite3", "lists.sqlite3"):
        with sqlite3.connect(data / name) as connection:
            connection.execute("CREATE TABLE t (x TEXT)")
            connection.execute("INSERT INTO t VALUES (?)", (name,))
    return Desk(
        Database(sqlite_path=data / "desk.sqlite3"), data / "lists.sqlite3", data / "attachments"
    )


def state(desk: Desk) -> list[str]:
    """Hashes of everything a restore may replace."""
    assert desk.database.sqlite_path is not None
    files = [desk.database.sqlite_path, desk.lists_path, *sorted(desk.attachments.rglob("*.*"))]
    return [f"{p.name}:{sha(p)}" for p in files]


def rewrite(archive: Path, target: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Copy an archive member by member, letting ``change`` alter (name, bytes) pairs."""
    with tarfile.open(archive) as source, tarfile.open(target, "w") as out:
        for member in source:
            stream = source.extractfile(member)
            data = stream.read() if stream else b""
            for name, content in change(member.name, data):
                info = tarfile.TarInfo(name)
                info.size = len(content)
                out.addfile(info, io.BytesIO(content))


def test_small_desk_round_trip_restores_every_file(small_desk: Desk, tmp_path: Path) -> None:
    archive = tmp_path / "a.tar"
    before = state(small_desk)
    manifest = create(small_desk, archive, version="test")
    assert set(manifest.files) == {
        "db/desk.sqlite3",
        "lists/lists.sqlite3",
        "attachments/a/one.txt",
        "attachments/two.bin",
    }
    (small_desk.attachments / "two.bin").unlink()
    with sqlite3.connect(small_desk.lists_path) as connection:
        connection.execute("DELETE FROM t")
    restore(archive, small_desk)
    # The databases are copied page by page (not byte for byte): compare their rows.
    assert state(small_desk)[2:] == before[2:]
    with sqlite3.connect(small_desk.lists_path) as connection:
        assert connection.execute("SELECT x FROM t").fetchall() == [("lists.sqlite3",)]
    assert (small_desk.attachments / "two.bin").read_bytes() == bytes(range(256))


@pytest.mark.parametrize(
    ("case", "change", "message"),
    [
        (
            "altered attachment",
            lambda n, d: [(n, d.replace(b"one", b"0ne") if n.endswith("one.txt") else d)],
            "does not match its checksum",
        ),
        (
            "extra member",
            lambda n, d: (
                [(n, d)] + ([("attachments/evil.sh", b"x")] if n == "manifest.json" else [])
            ),
            "not in the manifest",
        ),
        (
            "path leaving the archive",
            lambda n, d: [("attachments/../../escape.txt" if n.endswith("one.txt") else n, d)],
            "not a plain file inside the archive",
        ),
        (
            "missing database",
            lambda n, d: [] if n == "db/desk.sqlite3" else [(n, d)],
            "missing",
        ),
        (
            "no manifest",
            lambda n, d: [] if n == "manifest.json" else [(n, d)],
            "no manifest.json",
        ),
        (
            "truncated database",
            lambda n, d: [(n, d[: len(d) // 2] if n == "db/desk.sqlite3" else d)],
            "does not match its checksum",
        ),
    ],
)
def test_a_bad_archive_is_refused_and_nothing_is_replaced(
    small_desk: Desk,
    tmp_path: Path,
    case: str,
    change,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    good = tmp_path / "good.tar"
    create(small_desk, good, version="test")
    bad = tmp_path / "bad.tar"
    rewrite(good, bad, change)
    (small_desk.attachments / "new-since.txt").write_text("kept")
    before = state(small_desk)
    with pytest.raises(BackupError, match=message):
        restore(bad, small_desk)
    assert state(small_desk) == before, case


def test_a_damaged_database_with_matching_checksums_is_refused(
    small_desk: Desk, tmp_path: Path
) -> None:
    # The hashes agree with a manifest rewritten to match; SQLite's own check does not.
    good = tmp_path / "good.tar"
    create(small_desk, good, version="test")
    garbage = b"SQLite format 3\x00" + b"\xff" * 4080
    manifest = verify(good)
    manifest.files["db/desk.sqlite3"] = {
        "size": len(garbage),
        "sha256": hashlib.sha256(garbage).hexdigest(),
    }

    def change(name: str, data: bytes) -> list[tuple[str, bytes]]:
        if name == "db/desk.sqlite3":
            return [(name, garbage)]
        return [(name, manifest.to_json() if name == "manifest.json" else data)]

    bad = tmp_path / "bad.tar"
    rewrite(good, bad, change)
    verify(bad)  # every checksum matches
    before = state(small_desk)
    with pytest.raises(BackupError, match="SQLite"):
        restore(bad, small_desk)
    assert state(small_desk) == before


def test_restore_refuses_another_database_kind(small_desk: Desk, tmp_path: Path) -> None:
    archive = tmp_path / "a.tar"
    create(small_desk, archive, version="test")
    other = Desk(
        Database(url=f"{PG_SERVER}/nowhere"), small_desk.lists_path, small_desk.attachments
    )
    with pytest.raises(BackupError, match="same kind of database"):
        restore(archive, other)
    assert verify(archive).database == "sqlite"


def test_the_cli_refuses_a_tampered_archive_with_exit_2(small_desk: Desk, tmp_path: Path) -> None:
    archive = tmp_path / "a.tar"
    create(small_desk, archive, version="test")
    bad = tmp_path / "bad.tar"
    rewrite(archive, bad, lambda n, d: [(n, d + b"!" if n.endswith(".bin") else d)])
    done = wgdesk(
        {"WGDESK_DATA_DIR": str(tmp_path / "x")}, "restore", "--yes", str(bad), check=False
    )
    assert done.returncode == 2
    assert "does not match its checksum" in done.stderr
    assert not (tmp_path / "x" / "desk.sqlite3").exists()
