"""The local store of list versions: every version loaded, and which one is active per source.

`ListStore` is the interface (one base class per swappable backend); `SqliteListStore`
keeps everything in one SQLite file, ``lists.sqlite3`` in the data folder. Rules:

- importing is idempotent by content: a version whose SHA-256 is stored is not stored
  twice;
- the version loaded last (or activated explicitly) is the active one for its source;
- an import is one transaction and starts only after the list was fully parsed, so a
  bad file or a crash leaves the previous versions and the active one as they were.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from wgdesk import config
from wgdesk.screening.lists._text import gc_paused
from wgdesk.screening.lists.errors import StoreError
from wgdesk.screening.lists.serialize import decode_entry, encode_entry
from wgdesk.screening.model import ListVersion

STORE_FILE = "lists.sqlite3"


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """What the store knows about one list version, without its entries."""

    id: int
    source: str
    version: str
    sha256: str
    origin: str
    loaded_at: str  # ISO time, UTC
    entry_count: int
    regime_counts: tuple[tuple[str, int], ...]
    warnings: tuple[str, ...]
    active: bool

    @property
    def label(self) -> str:
        """Return "source@version", the way the CLI names a version."""
        return f"{self.source}@{self.version}"


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The outcome of an import: the stored version, and whether it was new."""

    version: StoredVersion
    created: bool  # False when the same content was already stored


class ListStore(ABC):
    """A place that keeps list versions and knows which one is active per source."""

    @abstractmethod
    def import_version(self, version: ListVersion, *, activate: bool = True) -> ImportResult:
        """Store a parsed version (once per content) and, by default, make it active."""

    @abstractmethod
    def versions(self, source: str | None = None) -> list[StoredVersion]:
        """Return the stored versions, oldest first, optionally of one source."""

    @abstractmethod
    def load(self, version_id: int) -> ListVersion:
        """Return a stored version with all its entries."""

    @abstractmethod
    def activate(self, version_id: int) -> StoredVersion:
        """Make a stored version the active one of its source."""

    @abstractmethod
    def close(self) -> None:
        """Release the store's resources."""

    def get(self, version_id: int) -> StoredVersion:
        """Return one stored version by id."""
        for stored in self.versions():
            if stored.id == version_id:
                return stored
        raise StoreError(f"no list version {version_id} in the store (see `wgdesk lists show`)")

    def active(self, source: str) -> StoredVersion | None:
        """Return the active version of a source, or None when none is loaded."""
        return next((v for v in self.versions(source) if v.active), None)

    def active_versions(self) -> list[StoredVersion]:
        """Return the active version of every source that has one."""
        return [v for v in self.versions() if v.active]

    def load_active(self) -> list[ListVersion]:
        """Return every active version with its entries: what screening runs against."""
        return [self.load(v.id) for v in self.active_versions()]

    def resolve(self, spec: str) -> StoredVersion:
        """Find a version by id ("3"), by source for its active one ("un"), or "un@VERSION".

        VERSION may be any unique prefix of the version label, e.g. ``un@2025-04-19``.
        """
        if spec.isdigit():
            return self.get(int(spec))
        source, _, prefix = spec.partition("@")
        if not prefix:
            active = self.active(source)
            if active is None:
                raise StoreError(f"no active {source!r} list in the store")
            return active
        found = [v for v in self.versions(source) if v.version.startswith(prefix)]
        if len(found) != 1:
            problem = "no" if not found else f"{len(found)}"
            raise StoreError(f"{problem} stored versions match {spec!r} (see `wgdesk lists show`)")
        return found[0]

    def __enter__(self) -> ListStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


# Each migration takes the schema from version N to N+1; PRAGMA user_version records N.
# Never edit a released migration: append a new one.
_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE list_versions (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        version TEXT NOT NULL,
        sha256 TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        loaded_at TEXT NOT NULL,
        entry_count INTEGER NOT NULL,
        regime_counts TEXT NOT NULL,
        warnings TEXT NOT NULL
    );
    CREATE TABLE entries (
        version_id INTEGER NOT NULL REFERENCES list_versions(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        ref TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (version_id, position)
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX entries_by_ref ON entries (version_id, ref);
    CREATE TABLE active_versions (
        source TEXT PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES list_versions(id),
        activated_at TEXT NOT NULL
    );
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)

_SELECT_VERSIONS = """
    SELECT v.id, v.source, v.version, v.sha256, v.origin, v.loaded_at, v.entry_count,
           v.regime_counts, v.warnings, a.version_id IS NOT NULL
    FROM list_versions v LEFT JOIN active_versions a ON a.version_id = v.id
"""


def _now() -> str:
    """Return the current UTC time as ISO text, to the second."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _stored(row: tuple[object, ...]) -> StoredVersion:
    """Build a StoredVersion from a row of _SELECT_VERSIONS."""
    regimes = json.loads(str(row[7]))
    return StoredVersion(
        id=int(str(row[0])),
        source=str(row[1]),
        version=str(row[2]),
        sha256=str(row[3]),
        origin=str(row[4]),
        loaded_at=str(row[5]),
        entry_count=int(str(row[6])),
        regime_counts=tuple((str(k), int(n)) for k, n in regimes.items()),
        warnings=tuple(json.loads(str(row[8]))),
        active=bool(row[9]),
    )


class SqliteListStore(ListStore):
    """The list store in one SQLite file, with a JSON document per entry."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: every write below opens its own explicit transaction.
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")  # readers never wait for an import
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{path}: cannot open the list store: {error}") from None

    @classmethod
    def default(cls) -> SqliteListStore:
        """Open the store in the configured data folder."""
        return cls(config.data_dir() / STORE_FILE)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block in one write transaction, rolled back entirely on any error."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise StoreError(f"{self.path}: cannot write to the list store: {error}") from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except BaseException as error:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise StoreError(f"{self.path}: the list store refused a write: {error}") from None
            raise

    def _migrate(self) -> None:
        """Bring the schema up to SCHEMA_VERSION, one recorded step at a time."""
        current = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer wgdesk (schema {current}, "
                f"this one knows {SCHEMA_VERSION}); upgrade wgdesk"
            )
        for number in range(current, SCHEMA_VERSION):
            with self._transaction() as db:
                for statement in _MIGRATIONS[number].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {number + 1}")

    def _find_sha(self, sha256: str) -> int | None:
        """Return the id of the version with this content, if stored."""
        row = self.db.execute("SELECT id FROM list_versions WHERE sha256 = ?", (sha256,)).fetchone()
        return int(row[0]) if row else None

    def import_version(self, version: ListVersion, *, activate: bool = True) -> ImportResult:
        """Store a parsed version once per content, in one transaction, and activate it."""
        rows = []
        if self._find_sha(version.sha256) is None:
            # Encode before the transaction: a bad entry fails here and the store is untouched.
            rows = [(i, e.ref, encode_entry(e)) for i, e in enumerate(version.entries)]
        with self._transaction() as db:
            # Checked again inside the transaction, in case another process just stored it.
            existing = self._find_sha(version.sha256)
            version_id = existing if existing is not None else self._insert(db, version, rows)
            if activate or self._active_id(db, version.source) is None:
                self._set_active(db, version.source, version_id)
        return ImportResult(self.get(version_id), created=existing is None)

    def _insert(
        self, db: sqlite3.Connection, version: ListVersion, rows: list[tuple[int, str, str]]
    ) -> int:
        """Insert a version and its entries; the caller holds the transaction."""
        cursor = db.execute(
            "INSERT INTO list_versions (source, version, sha256, origin, loaded_at, entry_count,"
            " regime_counts, warnings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                version.source,
                version.version,
                version.sha256,
                version.origin,
                _now(),
                len(version.entries),
                json.dumps(version.counts_by_regime(), ensure_ascii=False),
                json.dumps(list(version.warnings), ensure_ascii=False),
            ),
        )
        version_id = int(cursor.lastrowid or 0)
        db.executemany(
            "INSERT INTO entries (version_id, position, ref, data) VALUES (?, ?, ?, ?)",
            ((version_id, position, ref, data) for position, ref, data in rows),
        )
        return version_id

    @staticmethod
    def _active_id(db: sqlite3.Connection, source: str) -> int | None:
        """Return the id of the active version of a source, if any."""
        row = db.execute(
            "SELECT version_id FROM active_versions WHERE source = ?", (source,)
        ).fetchone()
        return int(row[0]) if row else None

    @staticmethod
    def _set_active(db: sqlite3.Connection, source: str, version_id: int) -> None:
        """Point a source's active version at a stored version."""
        db.execute(
            "INSERT INTO active_versions (source, version_id, activated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (source) DO UPDATE SET version_id = excluded.version_id,"
            " activated_at = excluded.activated_at",
            (source, version_id, _now()),
        )

    def versions(self, source: str | None = None) -> list[StoredVersion]:
        """Return the stored versions, oldest first, optionally of one source."""
        if source is None:
            rows = self.db.execute(_SELECT_VERSIONS + " ORDER BY v.id").fetchall()
        else:
            query = _SELECT_VERSIONS + " WHERE v.source = ? ORDER BY v.id"
            rows = self.db.execute(query, (source,)).fetchall()
        return [_stored(row) for row in rows]

    def get(self, version_id: int) -> StoredVersion:
        """Return one stored version by id."""
        row = self.db.execute(_SELECT_VERSIONS + " WHERE v.id = ?", (version_id,)).fetchone()
        if row is None:
            raise StoreError(f"no list version {version_id} in the store (see `wgdesk lists show`)")
        return _stored(row)

    @gc_paused()
    def load(self, version_id: int) -> ListVersion:
        """Return a stored version with all its entries, in the order the list gave them."""
        stored = self.get(version_id)
        rows = self.db.execute(
            "SELECT data FROM entries WHERE version_id = ? ORDER BY position", (version_id,)
        ).fetchall()
        return ListVersion(
            source=stored.source,
            version=stored.version,
            sha256=stored.sha256,
            origin=stored.origin,
            entries=tuple(decode_entry(stored.source, row[0]) for row in rows),
            warnings=stored.warnings,
        )

    def activate(self, version_id: int) -> StoredVersion:
        """Make a stored version the active one of its source."""
        stored = self.get(version_id)
        with self._transaction() as db:
            self._set_active(db, stored.source, version_id)
        return self.get(version_id)

    def close(self) -> None:
        """Close the database connection."""
        self.db.close()
