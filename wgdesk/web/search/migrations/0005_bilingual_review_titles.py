"""Index saved reviews' titles in both languages (issue 12): their triggers and rows are
replaced, reading title_ko and title_en instead of the old single title."""

from importlib import import_module

from django.db import migrations

from wgdesk.web.search.ddl import ADDITIONS, Source

BEFORE = import_module("wgdesk.web.search.migrations.0004_reinstall").SOURCES
CHANGED = {
    "sanctions.ProjectReview": Source(
        "sanctions.ProjectReview",
        "sanctions_projectreview",
        ("title_ko",),
        ("title_en",),
        ("project_text",),
    ),
}
# Frozen copy of wgdesk/web/search/sources.py as of this migration.
SOURCES = tuple(CHANGED.get(s.kind, s) for s in BEFORE)
OLD = tuple(s for s in BEFORE if s.kind in CHANGED)
NEW = tuple(CHANGED.values())


def _swap(remove, add):
    """Return a migration function dropping one set of triggers and rows, adding another."""

    def run(apps, schema_editor):
        builders = ADDITIONS.get(schema_editor.connection.vendor)
        if builders is None:
            raise RuntimeError("full-text search supports SQLite and PostgreSQL only")
        for statement in [*builders[1](remove), *builders[0](add)]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_reinstall"),
        ("sanctions", "0002_title_bilingual"),
    ]

    operations = [migrations.RunPython(_swap(OLD, NEW), _swap(NEW, OLD))]
