"""Backups of a desk: one archive of the database, the attachments and the list store.

An archive is a tar file holding

- ``manifest.json``: the format, when and from what it was taken, and the size and
  SHA-256 of every other member;
- ``db/desk.sqlite3`` (SQLite's online backup API: a consistent copy while the desk
  runs) or ``db/desk.pgdump`` (``pg_dump --format=custom``, one snapshot transaction);
- ``lists/lists.sqlite3``, the list store, by the same online backup API;
- ``attachments/...``, the uploaded files, copied after the database snapshot: a desk
  only adds attachment files, so every file the copied database names is in the archive.

Restoring checks everything before it replaces anything: every member is listed in the
manifest and has its size and hash, no member path leaves the archive, the database kind
matches the target's, and the staged database opens (SQLite ``integrity_check``,
``pg_restore --list``). Only then are the list store, the database (SQLite: the backup
API into the live file; PostgreSQL: ``pg_restore --clean --single-transaction``, all or
nothing) and the attachments folder replaced. Pure Python: no Django.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any
from urllib.parse import unquote, urlsplit

FORMAT = "wgdesk-backup/1"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "db/desk.sqlite3"
PG_MEMBER = "db/desk.pgdump"
LISTS_MEMBER = "lists/lists.sqlite3"
ATTACHMENTS = "attachments"
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup that cannot be taken, or an archive that must not be restored."""


@dataclass(frozen=True, slots=True)
class Database:
    """Where the desk's database is: a SQLite file, or a PostgreSQL URL."""

    sqlite_path: Path | None = None
    url: str | None = None

    @property
    def kind(self) -> str:
        """Return "sqlite" or "postgresql"."""
        return "sqlite" if self.url is None else "postgresql"

    @classmethod
    def from_url(cls, url: str, sqlite_default: Path) -> Database:
        """Build from DATABASE_URL (empty: the default SQLite file)."""
        if not url:
            return cls(sqlite_path=sqlite_default)
        scheme = urlsplit(url).scheme
        if scheme.startswith("sqlite"):
            return cls(sqlite_path=Path(unquote(urlsplit(url).path)))
        if scheme in ("postgres", "postgresql", "pgsql"):
            return cls(url=url)
        raise BackupError(f"cannot back up a {scheme!r} database: SQLite or PostgreSQL only")


@dataclass(frozen=True, slots=True)
class Desk:
    """What a backup holds and a restore replaces."""

    database: Database
    lists_path: Path
    attachments: Path


@dataclass
class Manifest:
    """The archive's table of contents, with a size and SHA-256 per member."""

    database: str  # "sqlite" or "postgresql"
    created_at: str = ""
    wgdesk_version: str = ""
    audit_head: str | None = None  # "EVENT_ID:HASH" at backup time, when known
    server_version: str | None = None
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> bytes:
        """Return the manifest as JSON."""
        data = {
            "format": FORMAT,
            "created_at": self.created_at,
            "wgdesk_version": self.wgdesk_version,
            "database": self.database,
            "server_version": self.server_version,
            "audit_head": self.audit_head,
            "files": self.files,
        }
        return json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        """Read a manifest, refusing any other format."""
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise BackupError(f"the manifest is not JSON: {error}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError(f"not a wgdesk backup (format {FORMAT} expected)")
        if data.get("database") not in ("sqlite", "postgresql"):
            raise BackupError("the manifest names no known database kind")
        files = data.get("files")
        if not isinstance(files, dict):
            raise BackupError("the manifest lists no files")
        return cls(
            database=data["database"],
            created_at=str(data.get("created_at", "")),
            wgdesk_version=str(data.get("wgdesk_version", "")),
            audit_head=data.get("audit_head"),
            server_version=data.get("server_version"),
            files=files,
        )


def file_digest(path: Path) -> tuple[int, str]:
    """Return a file's size and SHA-256."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as stream:
        while block := stream.read(CHUNK):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def sqlite_snapshot(source: Path, target: Path) -> None:
    """Copy a SQLite database with the online backup API: consistent while writers run."""
    if not source.is_file():
        raise BackupError(f"{source}: no such database")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst, pages=4096)  # in steps: writers wait milliseconds, not the whole copy
    except sqlite3.Error as error:
        raise BackupError(f"{source}: cannot copy the database: {error}") from None
    finally:
        dst.close()
        src.close()


def _pg_env(url: str) -> tuple[list[str], dict[str, str]]:
    """Return libpq arguments for a URL, the password moved to PGPASSWORD (not argv)."""
    parts = urlsplit(url)
    env = dict(os.environ)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    clean = parts._replace(scheme="postgresql", netloc=netloc).geturl()
    return [f"--dbname={clean}"], env


def _major(text: str) -> int:
    """Return the major version in a tool's or server's version text."""
    found = re.search(r"(\d+)(?:\.\d+)?", text)
    if found is None:
        raise BackupError(f"cannot read a version in {text!r}")
    return int(found.group(1))


def pg_tool(name: str) -> str:
    """Return the path of pg_dump or pg_restore, or refuse clearly."""
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} not found: install the PostgreSQL client (postgresql-client)")
    return found


def pg_server_version(url: str) -> str:
    """Return the server's version text (SHOW server_version)."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=10) as connection:
            row = connection.execute("SHOW server_version").fetchone()
    except psycopg.Error as error:
        raise BackupError(f"cannot reach the PostgreSQL server: {error}") from None
    return str(row[0]) if row else ""


def check_pg_tool(tool: str, server: str) -> None:
    """Refuse a client tool older than the server (pg_dump cannot dump a newer server)."""
    shown = subprocess.run(  # noqa: S603 - a tool found on PATH, fixed arguments, no shell
        [pg_tool(tool), "--version"], capture_output=True, text=True, check=True
    ).stdout
    if _major(shown) < _major(server):
        raise BackupError(
            f"{tool} is version {_major(shown)} but the server is {_major(server)}: "
            "install the PostgreSQL client of the server's version"
        )


def pg_dump(url: str, target: Path) -> str:
    """Dump a PostgreSQL database in custom format; return the server version."""
    server = pg_server_version(url)
    check_pg_tool("pg_dump", server)
    args, env = _pg_env(url)
    command = [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [*command, f"--file={target}", *args], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    return server


def _attachment_files(folder: Path) -> Iterator[tuple[Path, str]]:
    """Yield (path, archive name) of every regular file under the attachments folder."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            relative = path.relative_to(folder).as_posix()
            yield path, f"{ATTACHMENTS}/{relative}"


def create(desk: Desk, archive: Path, *, version: str, audit_head: str | None = None) -> Manifest:
    """Write one archive of the desk: database, list store, attachments and manifest."""
    manifest = Manifest(
        database=desk.database.kind,
        created_at=dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
        wgdesk_version=version,
        audit_head=audit_head,
    )
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive.parent, prefix=".wgdesk-backup-") as work:
        staged = Path(work)
        members: list[tuple[Path, str]] = []
        if desk.database.sqlite_path is not None:
            sqlite_snapshot(desk.database.sqlite_path, staged / "desk.sqlite3")
            members.append((staged / "desk.sqlite3", SQLITE_MEMBER))
        else:
            manifest.server_version = pg_dump(str(desk.database.url), staged / "desk.pgdump")
            members.append((staged / "desk.pgdump", PG_MEMBER))
        if desk.lists_path.is_file():
            sqlite_snapshot(desk.lists_path, staged / "lists.sqlite3")
            members.append((staged / "lists.sqlite3", LISTS_MEMBER))
        members.extend(_attachment_files(desk.attachments))  # after the database: see above
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w") as tar:
            for path, name in members:
                size, digest = _add(tar, path, name)
                manifest.files[name] = {"size": size, "sha256": digest}
            _add_bytes(tar, MANIFEST, manifest.to_json())
        os.replace(partial, archive)  # a crash mid-way never leaves a complete-looking archive
    return manifest


class _HashingReader:
    """A file reader that hashes what tar reads from it, so the bytes are read only once."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        """Read and hash a block."""
        block = self._stream.read(size)
        self.digest.update(block)
        return block


def _add(tar: tarfile.TarFile, path: Path, name: str) -> tuple[int, str]:
    """Add one file in blocks, hashing exactly the bytes written to the archive."""
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with open(path, "rb") as stream:
        reader = _HashingReader(stream)
        tar.addfile(info, reader)  # tar needs only read()
    return info.size, reader.digest.hexdigest()


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    """Add a member from bytes, with fixed ownership and permissions."""
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    tar.addfile(info, io.BytesIO(data))


def _safe_name(name: str) -> bool:
    """Return whether an archive member name stays inside the archive's tree."""
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and name == path.as_posix()


def verify(archive: Path) -> Manifest:
    """Check an archive completely without extracting it; return its manifest."""
    try:
        with tarfile.open(archive, "r") as tar:
            manifest = _read_manifest(tar)
            seen: set[str] = set()
            for member in tar:
                if member.name == MANIFEST:
                    continue
                _check_member(tar, member, manifest)
                seen.add(member.name)
    except (tarfile.TarError, OSError, EOFError) as error:
        raise BackupError(f"{archive}: not a readable archive: {error}") from None
    missing = sorted(set(manifest.files) - seen)
    if missing:
        raise BackupError(f"{archive}: members in the manifest are missing: {missing[:5]}")
    expected = SQLITE_MEMBER if manifest.database == "sqlite" else PG_MEMBER
    if expected not in manifest.files:
        raise BackupError(f"{archive}: the archive holds no database ({expected})")
    return manifest


def _read_manifest(tar: tarfile.TarFile) -> Manifest:
    """Read the manifest member of an archive."""
    try:
        member = tar.getmember(MANIFEST)
    except KeyError:
        raise BackupError("the archive has no manifest.json: not a wgdesk backup") from None
    stream = tar.extractfile(member)
    if stream is None:
        raise BackupError("manifest.json is not a regular file")
    return Manifest.from_json(stream.read())


def _check_member(tar: tarfile.TarFile, member: tarfile.TarInfo, manifest: Manifest) -> None:
    """Refuse an unlisted, unsafe, resized or altered member."""
    name = member.name
    if not member.isfile() or not _safe_name(name):
        raise BackupError(f"member {name!r} is not a plain file inside the archive")
    expected = manifest.files.get(name)
    if expected is None:
        raise BackupError(f"member {name!r} is not in the manifest")
    stream = tar.extractfile(member)
    assert stream is not None  # a regular file, checked above
    size, digest = _stream_digest(stream)
    if size != expected.get("size") or digest != expected.get("sha256"):
        raise BackupError(f"member {name!r} does not match its checksum in the manifest")


def _stream_digest(stream: IO[bytes]) -> tuple[int, str]:
    """Return the size and SHA-256 of a stream, read in blocks."""
    digest = hashlib.sha256()
    size = 0
    while block := stream.read(CHUNK):
        digest.update(block)
        size += len(block)
    return size, digest.hexdigest()


def restore(archive: Path, desk: Desk) -> Manifest:
    """Check the archive, stage it, check the staged database, then replace the desk's state."""
    manifest = verify(archive)
    if manifest.database != desk.database.kind:
        raise BackupError(
            f"the archive holds a {manifest.database} database but the desk uses "
            f"{desk.database.kind}: restore into the same kind of database"
        )
    parent = desk.attachments.parent
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=parent, prefix=".wgdesk-restore-") as work:
        staged = Path(work)
        _extract(archive, staged, manifest)
        _check_staged(staged, manifest, desk)
        # Everything checked: now replace, the database first (all or nothing each).
        if manifest.database == "sqlite":
            assert desk.database.sqlite_path is not None
            _sqlite_replace(staged / SQLITE_MEMBER, desk.database.sqlite_path)
        else:
            _pg_restore(staged / PG_MEMBER, str(desk.database.url))
        if LISTS_MEMBER in manifest.files:
            _sqlite_replace(staged / LISTS_MEMBER, desk.lists_path)
        _swap_folder(staged / ATTACHMENTS, desk.attachments)
    return manifest


def _extract(archive: Path, staged: Path, manifest: Manifest) -> None:
    """Extract the listed members into the staging folder, checking each hash again."""
    with tarfile.open(archive, "r") as tar:
        for member in tar:
            if member.name == MANIFEST:
                continue
            _check_member(tar, member, manifest)  # the file may have changed since verify
            target = staged / member.name
            target.parent.mkdir(parents=True, exist_ok=True)
            stream = tar.extractfile(member)
            assert stream is not None
            with open(target, "wb") as out:
                shutil.copyfileobj(stream, out, CHUNK)
    for name, expected in manifest.files.items():
        if file_digest(staged / name) != (expected["size"], expected["sha256"]):
            raise BackupError(f"member {name!r} changed while it was extracted")


def _check_staged(staged: Path, manifest: Manifest, desk: Desk) -> None:
    """Open the staged databases: a damaged one is refused before anything is replaced."""
    names = [SQLITE_MEMBER] if manifest.database == "sqlite" else []
    names += [LISTS_MEMBER] if LISTS_MEMBER in manifest.files else []
    for name in names:
        connection = sqlite3.connect(staged / name)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchone()
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{name}: not a usable SQLite database: {error}") from None
        finally:
            connection.close()
        if result is None or result[0] != "ok":
            raise BackupError(f"{name}: SQLite integrity check failed: {result}")
    if manifest.database == "postgresql":
        server = pg_server_version(str(desk.database.url))
        check_pg_tool("pg_restore", server)
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [pg_tool("pg_restore"), "--list", str(staged / PG_MEMBER)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise BackupError(f"pg_restore cannot read the dump: {done.stderr.strip()}")


def _sqlite_replace(source: Path, target: Path) -> None:
    """Copy a database over a live one with the backup API (WAL and open readers kept sane)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target, timeout=30)
    try:
        src.backup(dst)
    except sqlite3.Error as error:
        raise BackupError(f"{target}: cannot replace the database: {error}") from None
    finally:
        dst.close()
        src.close()


def _pg_restore(dump: Path, url: str) -> None:
    """Restore a dump over the database in one transaction: all of it, or nothing."""
    args, env = _pg_env(url)
    command = [
        pg_tool("pg_restore"),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
    ]
    done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [*command, *args, str(dump)], env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed, nothing was changed: {done.stderr.strip()}")


def _swap_folder(staged: Path, target: Path) -> None:
    """Put the restored attachments in place of the current ones (a rename on one disk)."""
    staged.mkdir(parents=True, exist_ok=True)
    if target.exists():
        aside = target.with_name(f".{target.name}-replaced")
        if aside.exists():
            shutil.rmtree(aside)
        os.replace(target, aside)
        os.replace(staged, target)
        shutil.rmtree(aside)
    else:
        os.replace(staged, target)


__all__ = [
    "BackupError",
    "Database",
    "Desk",
    "Manifest",
    "create",
    "restore",
    "verify",
]
