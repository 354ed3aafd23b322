"""Index saved sanctions reviews: backfill their rows and install their triggers."""

from django.db import migrations

from wgdesk.web.search.ddl import ADDITIONS, Source

# Frozen copy of wgdesk/web/search/sources.py as of this migration.
SOURCES = (
    Source("agenda.Track", "agenda_track", ("title_ko",), ("title_en",), ("code",)),
    Source(
        "agenda.AgendaItem",
        "agenda_agendaitem",
        ("title_ko", "description_ko"),
        ("title_en", "description_en"),
    ),
    Source("meetings.Meeting", "meetings_meeting", ("title_ko",), ("title_en",), ("place",)),
    Source("minutes.Minutes", "minutes_minutes", ("body_ko",), ("body_en",)),
    Source("decisions.Decision", "decisions_decision", ("text_ko",), ("text_en",)),
    Source("actionitems.ActionItem", "actionitems_actionitem", ("title_ko",), ("title_en",)),
    Source("positions.Position", "positions_position", ("stance_ko",), ("stance_en",)),
    Source(
        "engagements.Engagement",
        "engagements_engagement",
        ("counterpart_ko", "summary_ko"),
        ("counterpart_en", "summary_en"),
        ("place",),
    ),
    Source("notes.Note", "notes_note", other=("body",)),
    Source("attachments.Attachment", "attachments_attachment", other=("original_name",)),
    Source("groups.Member", "groups_member", ("name_ko", "title_ko"), ("name_en", "title_en")),
    Source("sanctions.ProjectReview", "sanctions_projectreview", other=("title", "project_text")),
)
ADDED = SOURCES[-1:]


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
