"""Re-index every table from scratch, after the branches that changed indexed tables.

SQLite rebuilds a table for some column changes (a new NOT NULL column with a default,
as the withdrawal fields are), and the rebuilt table has lost its triggers, so writes
stopped reaching the index. This migration runs after every such change and after the
two 0003 migrations (bilingual places, projects), and installs the whole current set.
"""

from importlib import import_module

from django.db import migrations

from wgdesk.web.search.ddl import reinstall

PLACES = import_module("wgdesk.web.search.migrations.0003_bilingual_places").SOURCES
PROJECTS = import_module("wgdesk.web.search.migrations.0003_projects").ADDED
# Frozen copy of wgdesk/web/search/sources.py as of this migration.
SOURCES = (*PLACES, *PROJECTS)


def _reindex(apps, schema_editor):
    """Drop and re-create every table's triggers and index rows."""
    for statement in reinstall(schema_editor.connection.vendor, SOURCES):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_bilingual_places"),
        ("search", "0003_projects"),
        ("agenda", "0002_lifecycle"),
        ("meetings", "0005_merge_0003_lifecycle_0004_remove_place"),
        ("minutes", "0002_amendment"),
        ("decisions", "0002_lifecycle"),
        ("actionitems", "0001_initial"),
        ("positions", "0001_initial"),
        ("engagements", "0003_remove_place"),
        ("notes", "0002_lifecycle"),
        ("attachments", "0002_lifecycle"),
        ("groups", "0006_remove_place"),
        ("sanctions", "0001_initial"),
        ("projects", "0001_initial"),
    ]

    operations = [migrations.RunPython(_reindex, _reindex)]
