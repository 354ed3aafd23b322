"""The audit trail viewer: paging, filters, readable events linked through the policy,
CSV export (audited), and no leak of a side's private records or of classified titles."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.utils import timezone

from wgdesk.web.audit.actions import record
from wgdesk.web.audit.describe import KINDS, VERBS
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.core.zones import display_zone
from wgdesk.web.decisions.models import Decision
from wgdesk.web.notes.models import Note
from wgdesk.web.policy.scopes import SCOPES

pytestmark = pytest.mark.django_db
ROK_CHAIR, US_CHAIR = "lee.dohoon", "stephen.biegun"


def _csv(response: Any) -> list[dict[str, str]]:
    """The rows of a CSV download."""
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_only_steering_roles_read_the_trail(client_for: Any) -> None:
    assert client_for("rok.delegate").get("/audit/").status_code == 403
    assert client_for("us.observer").get("/audit/export.csv").status_code == 403
    assert client_for("us.secretariat").get("/audit/").status_code == 200


def test_pages_of_fifty_newest_first(client_for: Any, users: dict[str, Any]) -> None:
    for _ in range(60):
        record(users["rok.delegate"], "login", users["rok.delegate"].member)
    client = client_for(ROK_CHAIR)
    first = client.get("/audit/").context
    ids = [d.event.id for d in first["events"]]
    assert len(ids) == 50 and ids == sorted(ids, reverse=True)
    second = client.get("/audit/", {"page": 2}).context
    assert second["events"][0].event.id < ids[-1]


def test_filters_by_actor_action_kind_and_days(client_for: Any, users: dict[str, Any]) -> None:
    delegate = users["us.delegate"]
    record(delegate, "login", delegate.member)
    client = client_for(US_CHAIR)
    # Days are the reader's (Washington's evening is already tomorrow in UTC).
    today = timezone.localdate(timezone=display_zone(users[US_CHAIR])).isoformat()
    query = {"actor": delegate.pk, "action": "login", "kind": "groups.Member", "start": today}
    events = client.get("/audit/", query).context["events"]
    assert events and all(
        (d.event.actor_id, d.event.verb, d.event.object_type)
        == (delegate.pk, "login", "groups.Member")
        for d in events
    )
    assert not client.get("/audit/", {**query, "end": "2000-01-01"}).context["events"]


def test_a_malformed_filter_is_a_field_error(client_for: Any) -> None:
    response = client_for(ROK_CHAIR).get("/audit/", {"start": "yesterday"})
    assert response.status_code == 400 and "start" in response.context["filter"].form.errors
    assert client_for(ROK_CHAIR).get("/audit/export.csv", {"action": "nope"}).status_code == 400


def test_events_are_described_in_korean_with_display_names(client_for: Any) -> None:
    client = client_for(ROK_CHAIR)
    client.cookies["django_language"] = "ko"
    page = client.get("/audit/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "이도훈" in page  # the co-chair's display name, not "lee.dohoon"
    assert (
        "생성함" in page and "메모" in page and ">create<" not in page and ">notes.Note" not in page
    )


def test_every_recorded_verb_and_every_kind_has_a_label() -> None:
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert verbs <= set(VERBS)
    assert set(SCOPES) == set(KINDS)


def test_the_other_sides_private_note_never_shows(client_for: Any) -> None:
    rok_only = Note.objects.get(body__startswith="미국 측은")
    rok = client_for(ROK_CHAIR).get("/audit/", {"kind": "notes.Note"})
    assert any(d.event.object_id == str(rok_only.pk) for d in rok.context["events"])
    assert rok_only.body[:20] in rok.content.decode()  # its own side reads the title, linked
    us = client_for(US_CHAIR)
    page = us.get("/audit/", {"kind": "notes.Note"})
    assert all(d.event.object_id != str(rok_only.pk) for d in page.context["events"])
    rows = _csv(us.get("/audit/export.csv"))
    assert rows and all(
        not (r["kind"] and r["record_id"] == ref(rok_only.pk) and "note" in r["kind"].lower())
        for r in rows
    )
    assert rok_only.body[:20] not in us.get("/audit/export.csv").content.decode("utf-8-sig")


def test_events_about_a_record_above_clearance_are_not_shown_at_all(client_for: Any) -> None:
    # Issue 11.5: within a side, a record above one's clearance answers like one that does
    # not exist, so the trail must not even say that events about it happened.
    decision = Decision.objects.order_by("id").first()
    assert decision is not None
    Decision.objects.filter(pk=decision.pk).update(classification=3)  # above secretariat's 2
    title = str(decision.text)[:30]
    query = {"kind": "decisions.Decision"}
    low = client_for("us.secretariat").get("/audit/", query)
    assert all(d.event.object_id != str(decision.pk) for d in low.context["events"])
    assert title not in low.content.decode() and ref(decision.pk) not in low.content.decode()
    csv_rows = _csv(client_for("us.secretariat").get("/audit/export.csv", query))
    assert ref(decision.pk) not in {r["record_id"] for r in csv_rows}
    high = client_for(US_CHAIR).get("/audit/", query)
    assert title in high.content.decode()


def test_csv_export_is_the_filtered_view_formula_safe_and_audited(
    client_for: Any, users: dict[str, Any]
) -> None:
    member = users["rok.delegate"].member
    record(users["rok.delegate"], "login", member)
    client = client_for(ROK_CHAIR)
    last = AuditEvent.objects.latest("id").pk
    response = client.get("/audit/export.csv", {"action": "login"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    rows = _csv(response)
    logins = AuditEvent.objects.filter(verb="login", pk__lte=last, side_id__isnull=True)
    assert len(rows) == logins.count() and {r["hash"] for r in rows} == {e.hash for e in logins}
    exported = AuditEvent.objects.get(pk__gt=last)
    assert exported.verb == "download" and exported.data["export"] == "audit_csv"
    assert exported.data["filters"] == {"action": "login"} and exported.data["events"] == len(rows)
    # The export stays with the exporter's side.
    us_rows = _csv(client_for(US_CHAIR).get("/audit/export.csv", {"action": "download"}))
    assert exported.hash not in {r["hash"] for r in us_rows}


def test_a_cell_that_looks_like_a_formula_is_neutralised(
    client_for: Any, users: dict[str, Any]
) -> None:
    member = users["rok.delegate"].member
    member.name_en = "=HYPERLINK(1)"
    member.save()
    record(users["rok.delegate"], "login", member)
    rows = _csv(client_for(ROK_CHAIR).get("/audit/export.csv", {"action": "login"}))
    assert any(r["actor"] == "'=HYPERLINK(1)" for r in rows)


def test_every_record_link_has_a_name(client_for: Any) -> None:
    # Positions and minutes have no short title: their links read "#id", never empty.
    page = client_for(ROK_CHAIR).get("/audit/", {"kind": "positions.Position"})
    html = page.content.decode()
    assert page.context["events"] and 'href="/positions/items/' in html
    assert not re.search(r"<a [^>]*>\s*</a>", html)
    # The "#id" is an identifier, set as code: an opaque one can read like a Latin word
    # (litueckfvspvi), which the Korean walk would take for untranslated text.
    refs = re.findall(r"#[0-9a-z]+(?=</)", html)
    assert refs and all(f"<code>{r}</code>" in html for r in refs)
