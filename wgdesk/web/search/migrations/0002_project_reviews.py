"""Index saved sanctions reviews: backfill their rows and install their triggers."""

from importlib import import_module

from django.db import migrations

from wgdesk.web.search.ddl import ADDITIONS, Source

# Frozen copy of wgdesk/web/search/sources.py as of this migration: 0001's sources (frozen
# there) and the saved reviews.
ADDED = (
    Source("sanctions.ProjectReview", "sanctions_projectreview", other=("title", "project_text")),
)
SOURCES = (*import_module("wgdesk.web.search.migrations.0001_initial").SOURCES, *ADDED)


def _run(direction):
    """Return a migration function running this database's statements in one direction."""

    def run(apps, schema_editor):
        builders = ADDITIONS.get(schema_editor.connection.vendor)
        if builders is None:
            raise RuntimeError("full-text search supports SQLite and PostgreSQL only")
        for statement in builders[direction](ADDED):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("sanctions", "0001_initial"),
    ]

    operations = [migrations.RunPython(_run(0), _run(1))]
