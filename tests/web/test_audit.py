"""The audit chain: append-only in the database, tampering detected by verify."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from django.db import DatabaseError, connection, transaction

from wgdesk.cli import main
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.audit.queries import verify_chain

pytestmark = pytest.mark.django_db


def _disable_update_protection() -> None:
    """Drop the guard inside the test transaction (rolled back after), as a DBA could."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
        else:
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_change")


def test_demo_chain_verifies() -> None:
    count, problems = verify_chain()
    assert count > 50 and problems == []


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditevent SET actor = 'x'", "DELETE FROM audit_auditevent"]
)
def test_database_refuses_update_and_delete(statement: str) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.exclude(actor="x").count() == AuditEvent.objects.count()


COLUMNS = (
    "id, at, actor_id, actor, verb, object_type, object_id, working_group_id, side_id,"
    " data, prev_hash, hash"
)
REWRITE = {
    "sqlite": [
        f"INSERT OR REPLACE INTO audit_auditevent ({COLUMNS}) SELECT {{row}}",
        f"REPLACE INTO audit_auditevent ({COLUMNS}) SELECT {{row}}",
        f"INSERT INTO audit_auditevent ({COLUMNS}) SELECT {{row}} WHERE true"
        " ON CONFLICT (id) DO UPDATE SET actor = excluded.actor",
    ],
    "postgresql": [
        f"INSERT INTO audit_auditevent ({COLUMNS}) SELECT {{row}}"
        " ON CONFLICT (id) DO UPDATE SET actor = excluded.actor",
        f"INSERT INTO audit_auditevent ({COLUMNS}) SELECT {{row}}"
        " ON CONFLICT (hash) DO UPDATE SET actor = excluded.actor",
    ],
}


def _forged_copy(column: str) -> str:
    """A SELECT list copying an event but with a forged actor (same id, hashes changed
    except the one named, so each unique column is tried as the conflict)."""
    keep = {"id": "id", "hash": "hash", "prev_hash": "prev_hash"}
    parts = []
    for name in COLUMNS.split(", "):
        if name == "actor":
            parts.append("'forger'")
        elif name in keep and name != column:
            parts.append(f"{name} || 'x'" if name != "id" else "id + 100000")
        else:
            parts.append(name)
    return (
        ", ".join(parts)
        + " FROM audit_auditevent WHERE id = (SELECT min(id) FROM audit_auditevent)"
    )


@pytest.mark.parametrize("column", ["id", "hash", "prev_hash"])
def test_an_insert_can_never_replace_an_event(column: str) -> None:
    """REPLACE and upserts on any unique column are refused like UPDATE and DELETE."""
    first = AuditEvent.objects.order_by("id").first()
    for statement in REWRITE[connection.vendor]:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement.format(row=_forged_copy(column)))
    assert AuditEvent.objects.filter(actor="forger").count() == 0
    assert AuditEvent.objects.get(pk=first.pk).hash == first.hash
    assert verify_chain()[1] == []


def test_orm_update_is_refused_too() -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=AuditEvent.objects.first().pk).update(verb="create")


def test_altered_row_is_detected() -> None:
    _disable_update_protection()
    target = AuditEvent.objects.order_by("id")[10]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET data = %s WHERE id = %s", ['{"forged": 1}', target.pk]
        )
    _count, problems = verify_chain()
    assert [p.event_id for p in problems] == [target.pk]
    assert "altered" in problems[0].reason


def test_removed_row_is_detected_and_cli_exits_1() -> None:
    _disable_update_protection()
    target = AuditEvent.objects.order_by("id")[5]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [target.pk])
    _count, problems = verify_chain()
    assert problems and "link broken" in problems[0].reason
    result = CliRunner().invoke(main, ["audit", "verify"])
    assert result.exit_code == 1
    assert "BROKEN" in result.output


def test_cli_reports_intact_chain() -> None:
    result = CliRunner().invoke(main, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "intact" in result.output


def test_cutting_off_the_newest_events_is_caught_by_an_anchor() -> None:
    anchor = CliRunner().invoke(main, ["audit", "head"])
    assert anchor.exit_code == 0, anchor.output
    head = anchor.output.strip()
    newest = AuditEvent.objects.order_by("-id").first()
    assert head == f"{newest.pk}:{newest.hash}"
    assert CliRunner().invoke(main, ["audit", "verify", "--anchor", head]).exit_code == 0
    _disable_update_protection()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [newest.pk])
    # The shorter chain is still internally consistent ...
    assert verify_chain()[1] == []
    # ... but not with the anchor taken before the cut.
    result = CliRunner().invoke(main, ["audit", "verify", "--anchor", head])
    assert result.exit_code == 1
    assert "truncated" in result.output


def test_a_malformed_anchor_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["audit", "verify", "--anchor", "12:nothex"])
    assert result.exit_code == 2
    assert "EVENT_ID:HASH" in result.output


def test_stamped_heads_kept_in_a_file_anchor_the_chain(tmp_path: Any) -> None:
    """`audit head --stamp >> FILE` then `audit verify --anchor-file FILE` catches a cut."""
    stamped = CliRunner().invoke(main, ["audit", "head", "--stamp"])
    assert stamped.exit_code == 0, stamped.output
    taken, anchor = stamped.output.split()
    assert (
        taken.endswith("Z") and anchor == CliRunner().invoke(main, ["audit", "head"]).output.strip()
    )
    kept = tmp_path / "anchors.log"
    kept.write_text(f"# lodged with the other side\n\n{stamped.output}", encoding="utf-8")
    verify = ["audit", "verify", "--anchor-file", str(kept)]
    result = CliRunner().invoke(main, verify)
    assert result.exit_code == 0 and "1 anchor(s) found" in result.output
    _disable_update_protection()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [int(anchor.split(":")[0])])
    assert CliRunner().invoke(main, verify).exit_code == 1
    kept.write_text("2026-01-01T00:00:00Z 12:nothex\n", encoding="utf-8")
    assert CliRunner().invoke(main, verify).exit_code == 2
