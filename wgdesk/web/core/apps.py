"""Shared building blocks of the desk: bilingual fields, scopes, security middleware."""

from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _sqlite_pragmas(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Put every SQLite connection in WAL mode so readers never block the writer."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")


class CoreConfig(AppConfig):
    """The core app: no feature of its own, the pieces every feature shares."""

    name = "wgdesk.web.core"
    label = "core"

    def ready(self) -> None:
        """Connect the SQLite set-up to every new database connection; register the
        ``<ref:...>`` path converter before any URLconf is read."""
        from django.urls import register_converter

        from wgdesk.web.core.opaque import RefConverter

        connection_created.connect(_sqlite_pragmas, dispatch_uid="wgdesk-sqlite-pragmas")
        register_converter(RefConverter, "ref")
