"""rigour's person-name symbols as a table on disk, read word by word.

rigour answers "which Wikidata names is this word?" with an Aho-Corasick tagger over its
whole corpus (548,000 forms). Building that tagger costs every process about 6 s and
280 MB, yet the matcher only ever asks about one word at a time. For a word, the tagger
finds the corpus forms equal to a run of the word's normalised parts (its matches must
start and end at word boundaries and cover whole parts to be kept). This module keeps
the same mapping, form -> symbols, in an SQLite file built once per rigour release from
the very data rigour carries, and answers by looking up each run of parts.

The data is read from rigour's compiled core, where it is embedded zstd-compressed
(person_names.txt: "form, form, ... => Q-id" per line; symbols.json: the nicknames).
The table is built as rigour's tagger builder does: each form normalised with rigour's
own ``CASEFOLD | NAME`` normaliser, corpus lines with fewer than two distinct forms
skipped. A test compares the table with the tagger word by word.

Where the data cannot be found (a rigour release that stores it otherwise) or zstandard
is missing, ``open_table`` returns None and the caller falls back to rigour's tagger:
the answers stay the same, only slower to start.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import logging
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from functools import cache
from importlib import metadata
from pathlib import Path

from wgdesk import config

log = logging.getLogger(__name__)

ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
FORMAT = 1  # bump when the table's layout or build rule changes
SEPARATOR = "\x1f"  # between a form's symbols (no symbol holds it)
MAX_FRAME = 64 * 1024 * 1024  # no embedded file of rigour's is near this


class NameTable:
    """Read-only lookups of person-name symbols by normalised form, one connection per thread."""

    def __init__(self, path: Path | None, memory: sqlite3.Connection | None = None) -> None:
        self.path = path
        self._memory = memory  # the in-memory table where no cache folder is writable
        self._local = threading.local()

    def _connection(self) -> sqlite3.Connection:
        """Return this thread's connection (a forked worker opens its own)."""
        if self._memory is not None:
            return self._memory
        pid = os.getpid()
        held = getattr(self._local, "held", None)
        if held is None or held[0] != pid:
            uri = f"file:{self.path}?mode=ro&immutable=1"
            held = self._local.held = (pid, sqlite3.connect(uri, uri=True))
        connection: sqlite3.Connection = held[1]
        return connection

    def symbols(self, word: str) -> frozenset[str]:
        """Return a word's symbols: those of every run of its normalised parts (may be empty).

        The tagger keeps every match that covers whole parts, so every run is looked up.
        """
        form = normal_form(word)
        if not form:
            return frozenset()
        parts = form.split(" ")
        runs = [
            " ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)
        ]
        found: set[str] = set()
        cursor = self._connection().cursor()
        for run in runs:
            row = cursor.execute("SELECT symbols FROM forms WHERE form = ?", (run,)).fetchone()
            if row is not None:
                found.update(row[0].split(SEPARATOR))
        return frozenset(found)


def normal_form(text: str) -> str | None:
    """Return a text as rigour's tagger reads it: casefolded, tokenised, parts joined by spaces."""
    normalise, flags, cleanup = _normaliser()
    return normalise(text, flags, cleanup)


@cache
def _normaliser() -> tuple[Callable[[str, int, int], str | None], int, int]:
    """Return rigour's normaliser with the tagger's flags (CASEFOLD | NAME, no cleanup)."""
    from rigour._core import _normalize
    from rigour.text.normalize import Cleanup, Normalize

    return _normalize, int(Normalize.CASEFOLD | Normalize.NAME), int(Cleanup.Noop)


_lock = threading.Lock()


@cache
def open_table() -> NameTable | None:
    """Return the table for the installed rigour, building it on first use; None if impossible."""
    with _lock:  # one build per process, even when the desk's threads ask at once
        return _open(_core_path())


def _core_path() -> Path:
    """Return the path of rigour's compiled core, where its data is embedded."""
    from rigour import _core

    return Path(_core.__file__ or "")


def _open(core: Path) -> NameTable | None:
    """Open the cached table, or build it (on disk where possible, else in memory)."""
    path = _cache_path(core)
    if path.exists():
        return NameTable(path)
    rows = _rows(core)
    if rows is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written beside its final place, then renamed: a reader never sees half a table,
        # and two processes building at once both leave a whole one.
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        os.close(handle)
        _write(sqlite3.connect(temporary), rows).close()
        os.replace(temporary, path)
        return NameTable(path)
    except OSError as error:
        log.warning("name-symbol table kept in memory: cannot write %s (%s)", path, error)
        return NameTable(None, _write(sqlite3.connect(":memory:", check_same_thread=False), rows))


def _cache_path(core: Path) -> Path:
    """Return where the table for this rigour build lives (its version and file stamp)."""
    stat = core.stat()
    version = metadata.version("rigour")
    name = f"name-symbols-{FORMAT}-{version}-{stat.st_size}-{stat.st_mtime_ns}.sqlite3"
    return config.cache_dir() / name


def _write(connection: sqlite3.Connection, rows: dict[str, set[str]]) -> sqlite3.Connection:
    """Fill a connection with the table and return it."""
    # A fresh file nobody reads until it is renamed: no journal needed. Rows go in key
    # order, so the B-tree is appended to rather than split at random.
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    with connection:
        connection.execute("CREATE TABLE forms (form TEXT PRIMARY KEY, symbols TEXT) WITHOUT ROWID")
        connection.executemany(
            "INSERT INTO forms VALUES (?, ?)",
            ((form, SEPARATOR.join(sorted(rows[form]))) for form in sorted(rows)),
        )
    return connection


def _rows(core: Path) -> dict[str, set[str]] | None:
    """Return form -> symbols from rigour's embedded data, or None if it is not found."""
    if importlib.util.find_spec("zstandard") is None:
        return None
    corpus, symbols = None, None
    for blob in _frames(core.read_bytes()):
        if corpus is None and b" => " in blob[:400]:
            corpus = blob.decode("utf-8")
        elif symbols is None and blob[:1] == b"{" and b'"person_nick"' in blob:
            symbols = json.loads(blob)
    if corpus is None or symbols is None:
        log.warning("rigour's name data not found in %s: the tagger is used instead", core)
        return None
    return _mapping(corpus, symbols)


def _frames(data: bytes) -> Iterator[bytes]:
    """Yield every zstd frame embedded in a binary that decompresses cleanly."""
    import zstandard

    decompressor = zstandard.ZstdDecompressor()
    position = data.find(ZSTD_MAGIC)
    while position != -1:
        # The magic bytes may occur by chance: such a "frame" fails to decompress.
        with contextlib.suppress(zstandard.ZstdError):
            yield decompressor.decompressobj().decompress(data[position : position + MAX_FRAME])
        position = data.find(ZSTD_MAGIC, position + len(ZSTD_MAGIC))


def _mapping(corpus: str, symbols: dict[str, dict[str, list[str]]]) -> dict[str, set[str]]:
    """Build form -> symbols as rigour's person tagger does (tagger.rs, build_person_tagger)."""
    mapping: dict[str, set[str]] = {}

    def add(form: str, symbol: str) -> None:
        normal = normal_form(form)
        if normal:
            mapping.setdefault(normal, set()).add(symbol)

    for key, aliases in symbols.get("person_name_parts", {}).items():
        for alias in aliases:
            add(alias, "NAME:" + key.upper())
    for key, aliases in symbols.get("person_nick", {}).items():
        for alias in aliases:
            add(alias, "NICK:" + key.upper())
    for line in corpus.splitlines():
        forms, _, group = line.strip().rpartition(" => ")
        if not forms:
            continue
        normal = {normal_form(form) for form in forms.split(", ")} - {None, ""}
        if len(normal) < 2:
            continue  # one form mapped to itself adds nothing, and the tagger skips it
        for form in normal:
            assert form is not None
            mapping.setdefault(form, set()).add("NAME:" + group)
    return mapping


def main() -> int:
    """Build the table for the installed rigour if it is not there yet, and say where it is."""
    table = open_table()
    if table is None:
        print("name-symbol table not built: rigour's tagger will be used (slower to start)")
    else:
        where = table.path or "memory (the cache folder is not writable)"
        print(f"name-symbol table: {where}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
