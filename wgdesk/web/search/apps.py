"""App configuration: full-text search in both languages, filtered by the policy."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    """Full-text search in both languages, filtered by the policy."""

    name = "wgdesk.web.search"
    label = "search"

    def ready(self) -> None:
        """Check the index's triggers after every migrate."""
        post_migrate.connect(restore_lost_triggers, sender=self)


def restore_lost_triggers(using: str = "default", **_: Any) -> None:
    """Re-index any SQLite table whose triggers a table rebuild dropped.

    SQLite rebuilds a table for some column changes, and the new table has no triggers:
    writes would silently stop reaching the search. A later migration must not be able
    to break the index unnoticed, so every migrate checks and repairs it.
    """
    from wgdesk.web.search.ddl import reinstall, trigger_names
    from wgdesk.web.search.sources import SOURCES

    connection = connections[using]
    if connection.vendor != "sqlite":
        return  # PostgreSQL keeps a table's triggers through ALTER TABLE
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table')")
        present = {row[0] for row in cursor.fetchall()}
        if "search_fts" not in present:
            return  # the index is not migrated in yet (or migrated back out)
        lost = [
            s
            for s in SOURCES
            if s.table in present and not set(trigger_names("sqlite", s)) <= present
        ]
        for statement in reinstall("sqlite", lost):
            cursor.execute(statement)
