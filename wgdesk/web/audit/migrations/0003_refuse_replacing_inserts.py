"""The append-only guard also refuses an insert that would replace an existing event.

SQLite's ``INSERT OR REPLACE`` (and ``REPLACE INTO``) deletes the conflicting row without
firing DELETE triggers (unless ``recursive_triggers`` is on, which a hostile connection
would not set), so it could rewrite an event past the UPDATE/DELETE triggers. A BEFORE
INSERT trigger refuses any new row whose id, hash or prev_hash (the unique columns)
already exists. On PostgreSQL ``INSERT ... ON CONFLICT DO UPDATE`` fires the row's UPDATE
trigger, which already refuses it; there is no REPLACE, so nothing is added there.
"""

from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER audit_event_no_replace BEFORE INSERT ON audit_auditevent
       WHEN EXISTS (
           SELECT 1 FROM audit_auditevent
           WHERE id = NEW.id OR hash = NEW.hash OR prev_hash = NEW.prev_hash
       )
       BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_event_no_replace;"]


def _run(statements_by_vendor):
    """Return a migration function running the statements for the connection's database."""

    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.RunPython(_run({"sqlite": SQLITE_UP}), _run({"sqlite": SQLITE_DOWN}))
    ]
