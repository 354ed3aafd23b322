"""The search index table, then (per database) its full-text index and sync triggers."""

from django.db import migrations, models

from wgdesk.web.search.ddl import STATEMENTS, Source

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
)


def _run(direction):
    """Return a migration function running this database's statements in one direction."""

    def run(apps, schema_editor):
        builders = STATEMENTS.get(schema_editor.connection.vendor)
        if builders is None:
            raise RuntimeError("full-text search supports SQLite and PostgreSQL only")
        for statement in builders[direction](SOURCES):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("agenda", "0001_initial"),
        ("meetings", "0001_initial"),
        ("minutes", "0001_initial"),
        ("decisions", "0001_initial"),
        ("actionitems", "0001_initial"),
        ("positions", "0001_initial"),
        ("engagements", "0001_initial"),
        ("notes", "0001_initial"),
        ("attachments", "0001_initial"),
        ("groups", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=60)),
                ("object_id", models.BigIntegerField()),
                ("ko", models.TextField(default="")),
                ("en", models.TextField(default="")),
                ("other", models.TextField(default="")),
            ],
            options={"db_table": "search_document"},
        ),
        migrations.AddConstraint(
            model_name="searchdocument",
            constraint=models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_record"),
        ),
        migrations.RunPython(_run(0), _run(1)),
    ]
