"""Index cooperation projects and the sides' reviews of them: backfill and triggers."""

from importlib import import_module

from django.db import migrations

from wgdesk.web.search.ddl import ADDITIONS, Source

# Frozen copy of wgdesk/web/search/sources.py as of this migration: 0002's sources (frozen
# there), the projects and the side reviews.
ADDED = (
    Source(
        "projects.Project", "projects_project", ("title_ko", "summary_ko"), ("title_en", "summary_en")
    ),
    Source("projects.SideReview", "projects_sidereview", other=("conditions", "notes")),
)
SOURCES = (*import_module("wgdesk.web.search.migrations.0002_project_reviews").SOURCES, *ADDED)


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
        ("search", "0002_project_reviews"),
        ("projects", "0001_initial"),
    ]

    operations = [migrations.RunPython(_run(0), _run(1))]
