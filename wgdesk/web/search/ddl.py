# ruff: noqa: S608 - identifiers come from the fixed Source list (checked below), never input
"""SQL that builds and maintains the search index, for SQLite and for PostgreSQL.

Each indexed table gets triggers that copy its text columns into ``search_document``, so
the index cannot fall behind whatever writes the table. On SQLite an FTS5 table with the
``trigram`` tokenizer indexes ``search_document`` (external content, kept in step by three
more triggers); trigrams match any substring of three characters or more, which Korean
needs: particles and compounds glue words together ("비핵화를", "대북제재"), so whole-word
tokens would miss them. On PostgreSQL a lower-cased copy of the text carries a pg_trgm GIN
index (same substring semantics), and a 'simple' tsvector ranks word-start matches first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

DOCUMENT = "search_document"
FTS = "search_fts"
LANGUAGES = ("ko", "en", "other")
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*\Z")
_LABEL = re.compile(r"[a-z_]+\.[A-Za-z]+\Z")


@dataclass(frozen=True)
class Source:
    """An indexed table: its record label and which columns hold which language."""

    kind: str
    table: str
    ko: tuple[str, ...] = ()
    en: tuple[str, ...] = ()
    other: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        """Refuse names that are not plain identifiers: they are spliced into SQL."""
        names = (self.table, *self.columns)
        if not _LABEL.match(self.kind) or not all(_IDENTIFIER.match(n) for n in names):
            raise ValueError(f"not a plain SQL identifier in {self}")

    @property
    def columns(self) -> tuple[str, ...]:
        """Every text column the index copies."""
        return self.ko + self.en + self.other

    def texts(self, alias: str, newline: str) -> tuple[str, str, str]:
        """SQL expressions of the Korean, English and neutral texts of a row."""
        return tuple(  # type: ignore[return-value]
            _joined(alias, getattr(self, language), newline) for language in LANGUAGES
        )


def _joined(alias: str, columns: tuple[str, ...], newline: str) -> str:
    """SQL joining some text columns of a row with newlines (NULLs as empty text)."""
    if not columns:
        return "''"
    return f" || {newline} || ".join(f"coalesce({alias}.{column}, '')" for column in columns)


def _backfill(source: Source, newline: str) -> str:
    """Copy the rows already in a table into the index."""
    ko, en, other = source.texts("t", newline)
    return (
        f"INSERT INTO {DOCUMENT} (kind, object_id, ko, en, other) "
        f"SELECT '{source.kind}', t.id, {ko}, {en}, {other} FROM {source.table} t"
    )


# --- SQLite -----------------------------------------------------------------------------

_SQLITE_FTS = [
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(ko, en, other, content='{DOCUMENT}', "
    "content_rowid='id', tokenize='trigram')",
    f"""CREATE TRIGGER {DOCUMENT}_ai AFTER INSERT ON {DOCUMENT} BEGIN
        INSERT INTO {FTS} (rowid, ko, en, other) VALUES (new.id, new.ko, new.en, new.other);
    END""",
    f"""CREATE TRIGGER {DOCUMENT}_ad AFTER DELETE ON {DOCUMENT} BEGIN
        INSERT INTO {FTS} ({FTS}, rowid, ko, en, other)
        VALUES ('delete', old.id, old.ko, old.en, old.other);
    END""",
    f"""CREATE TRIGGER {DOCUMENT}_au AFTER UPDATE ON {DOCUMENT} BEGIN
        INSERT INTO {FTS} ({FTS}, rowid, ko, en, other)
        VALUES ('delete', old.id, old.ko, old.en, old.other);
        INSERT INTO {FTS} (rowid, ko, en, other) VALUES (new.id, new.ko, new.en, new.other);
    END""",
]


def _sqlite_triggers(source: Source) -> list[str]:
    """Insert, update and delete triggers copying one table into the index (SQLite)."""
    ko, en, other = source.texts("new", "char(10)")
    name, kind = f"search_{source.table}", source.kind
    changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in source.columns)
    return [
        f"""CREATE TRIGGER {name}_ai AFTER INSERT ON {source.table} BEGIN
            INSERT INTO {DOCUMENT} (kind, object_id, ko, en, other)
            VALUES ('{kind}', new.id, {ko}, {en}, {other});
        END""",
        f"""CREATE TRIGGER {name}_au AFTER UPDATE OF {", ".join(source.columns)}
            ON {source.table} WHEN {changed} BEGIN
            UPDATE {DOCUMENT} SET ko = {ko}, en = {en}, other = {other}
            WHERE kind = '{kind}' AND object_id = new.id;
        END""",
        f"""CREATE TRIGGER {name}_ad AFTER DELETE ON {source.table} BEGIN
            DELETE FROM {DOCUMENT} WHERE kind = '{kind}' AND object_id = old.id;
        END""",
    ]


def _install(
    index: list[str],
    sources: Sequence[Source],
    newline: str,
    triggers: Callable[[Source], list[str]],
) -> list[str]:
    """The index statements, then per table: copy its rows in, install its triggers."""
    statements = list(index)
    for source in sources:
        statements.append(_backfill(source, newline))
        statements += triggers(source)
    return statements


def sqlite_up(sources: Sequence[Source]) -> list[str]:
    """Statements creating the FTS5 index, filling it and installing the triggers."""
    return _install(_SQLITE_FTS, sources, "char(10)", _sqlite_triggers)


def _sqlite_drops(source: Source) -> list[str]:
    """Statements dropping one table's sync triggers (SQLite)."""
    return [f"DROP TRIGGER IF EXISTS search_{source.table}_{s}" for s in ("ai", "au", "ad")]


def sqlite_down(sources: Sequence[Source]) -> list[str]:
    """Statements removing everything ``sqlite_up`` created (the rows go with the table)."""
    drops = [f"DROP TRIGGER IF EXISTS {DOCUMENT}_{suffix}" for suffix in ("ai", "ad", "au")]
    for source in sources:
        drops += _sqlite_drops(source)
    return [*drops, f"DROP TABLE IF EXISTS {FTS}"]


# --- PostgreSQL -------------------------------------------------------------------------

_ALL_TEXT = "ko || ' ' || en || ' ' || other"
_POSTGRES_INDEX = [
    # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    f"ALTER TABLE {DOCUMENT} ADD COLUMN folded text "
    f"GENERATED ALWAYS AS (lower({_ALL_TEXT})) STORED",
    f"ALTER TABLE {DOCUMENT} ADD COLUMN tsv tsvector "
    f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {_ALL_TEXT})) STORED",
    f"CREATE INDEX {DOCUMENT}_folded_trgm ON {DOCUMENT} USING gin (folded gin_trgm_ops)",
]


def _postgres_triggers(source: Source) -> list[str]:
    """A trigger function and its triggers copying one table into the index (PostgreSQL)."""
    ko, en, other = source.texts("NEW", "chr(10)")
    name, kind = f"search_{source.table}", source.kind
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in source.columns)
    return [
        f"""CREATE FUNCTION {name}_sync() RETURNS trigger AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                DELETE FROM {DOCUMENT} WHERE kind = '{kind}' AND object_id = OLD.id;
                RETURN OLD;
            END IF;
            INSERT INTO {DOCUMENT} (kind, object_id, ko, en, other)
            VALUES ('{kind}', NEW.id, {ko}, {en}, {other})
            ON CONFLICT (kind, object_id) DO UPDATE
            SET ko = EXCLUDED.ko, en = EXCLUDED.en, other = EXCLUDED.other;
            RETURN NEW;
        END; $$ LANGUAGE plpgsql""",
        f"""CREATE TRIGGER {name}_ins_del AFTER INSERT OR DELETE ON {source.table}
            FOR EACH ROW EXECUTE FUNCTION {name}_sync()""",
        f"""CREATE TRIGGER {name}_upd AFTER UPDATE OF {", ".join(source.columns)}
            ON {source.table} FOR EACH ROW WHEN ({changed})
            EXECUTE FUNCTION {name}_sync()""",
    ]


def postgres_up(sources: Sequence[Source]) -> list[str]:
    """Statements adding the trigram index and tsvector, filling the index, adding triggers."""
    return _install(_POSTGRES_INDEX, sources, "chr(10)", _postgres_triggers)


def _postgres_drops(source: Source) -> list[str]:
    """Statements dropping one table's sync triggers and their function (PostgreSQL)."""
    name = f"search_{source.table}"
    return [
        f"DROP TRIGGER IF EXISTS {name}_ins_del ON {source.table}",
        f"DROP TRIGGER IF EXISTS {name}_upd ON {source.table}",
        f"DROP FUNCTION IF EXISTS {name}_sync()",
    ]


def postgres_down(sources: Sequence[Source]) -> list[str]:
    """Statements removing the triggers, functions and extra columns."""
    drops = [statement for source in sources for statement in _postgres_drops(source)]
    return [
        *drops,
        f"DROP INDEX IF EXISTS {DOCUMENT}_folded_trgm",
        f"ALTER TABLE {DOCUMENT} DROP COLUMN IF EXISTS tsv",
        f"ALTER TABLE {DOCUMENT} DROP COLUMN IF EXISTS folded",
    ]


STATEMENTS = {
    "sqlite": (sqlite_up, sqlite_down),
    "postgresql": (postgres_up, postgres_down),
}


# --- tables indexed later: backfill and triggers only (the index itself exists) ---------


def sqlite_add(sources: Sequence[Source]) -> list[str]:
    """Statements indexing more tables on SQLite: copy their rows in, install their triggers."""
    return _install([], sources, "char(10)", _sqlite_triggers)


def _forget(source: Source) -> str:
    """The statement removing one table's rows from the index."""
    return f"DELETE FROM {DOCUMENT} WHERE kind = '{source.kind}'"


def sqlite_remove(sources: Sequence[Source]) -> list[str]:
    """Statements undoing ``sqlite_add``: drop the triggers and the tables' index rows."""
    return [s for source in sources for s in (*_sqlite_drops(source), _forget(source))]


def postgres_add(sources: Sequence[Source]) -> list[str]:
    """Statements indexing more tables on PostgreSQL: copy their rows in, add their triggers."""
    return _install([], sources, "chr(10)", _postgres_triggers)


def postgres_remove(sources: Sequence[Source]) -> list[str]:
    """Statements undoing ``postgres_add``: triggers, functions and the tables' index rows."""
    return [s for source in sources for s in (*_postgres_drops(source), _forget(source))]


ADDITIONS = {
    "sqlite": (sqlite_add, sqlite_remove),
    "postgresql": (postgres_add, postgres_remove),
}


def reinstall(vendor: str, sources: Sequence[Source]) -> list[str]:
    """Statements re-indexing tables from scratch: drop their triggers and rows, add both."""
    builders = ADDITIONS.get(vendor)
    if builders is None:
        raise RuntimeError("full-text search supports SQLite and PostgreSQL only")
    return [*builders[1](sources), *builders[0](sources)]


def trigger_names(vendor: str, source: Source) -> tuple[str, ...]:
    """The names of the triggers that keep one table's index rows in step."""
    name = f"search_{source.table}"
    if vendor == "sqlite":
        return tuple(f"{name}_{suffix}" for suffix in ("ai", "au", "ad"))
    return (f"{name}_ins_del", f"{name}_upd")
