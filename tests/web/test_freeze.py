"""Locked minutes freeze what they record; only an amendment reopens them (issue 11.1)."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import transaction
from pypdf import PdfReader

from wgdesk.web.actionitems import actions as action_actions
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.decisions import actions as decision_actions
from wgdesk.web.decisions.models import Decision
from wgdesk.web.meetings import actions as meeting_actions
from wgdesk.web.meetings.models import AgendaEntry, Attendance, Meeting
from wgdesk.web.minutes import actions as minutes_actions
from wgdesk.web.minutes.freeze import RecordFrozen
from wgdesk.web.minutes.models import Amendment, Minutes

pytestmark = pytest.mark.django_db
SITE = "https://desk.example.org"


@pytest.fixture
def launch() -> Meeting:
    """The launch meeting: both co-chairs approved its minutes, so they are locked."""
    meeting = Meeting.objects.get(title_en__startswith="Launch")
    assert meeting.minutes.status == "locked"
    return meeting


def _decision(meeting: Meeting) -> Decision:
    """A decision of the meeting."""
    return Decision.objects.filter(meeting=meeting).first() or pytest.fail("no decision")


def _action(meeting: Meeting) -> ActionItem:
    """An action item raised at the meeting."""
    return ActionItem.objects.filter(meeting=meeting).first() or pytest.fail("no action")


# --- the actions refuse every change of the record ---------------------------------------


def test_actions_refuse_to_change_what_locked_minutes_record(
    launch: Meeting, users: dict[str, Any]
) -> None:
    clerk = users["us.secretariat"]
    entry = AgendaEntry.objects.filter(meeting=launch).first()
    assert entry is not None
    decision, action = _decision(launch), _action(launch)
    member = users["rok.observer"].member
    attempts = [
        lambda: meeting_actions.edit_meeting(
            clerk, launch, ("x", "x"), launch.starts_at, ("", "elsewhere"), launch.format
        ),
        lambda: meeting_actions.remove_entry(clerk, entry),
        lambda: meeting_actions.move_entry(clerk, entry, 1),
        lambda: meeting_actions.add_to_agenda(clerk, launch, entry.agenda_item),
        lambda: meeting_actions.set_attendance(clerk, launch, {member: "absent"}),
        lambda: decision_actions.add_decision(
            clerk, launch, entry.agenda_item, ("새 결정", "New"), launch.starts_at.date(), 0
        ),
        lambda: decision_actions.edit_decision(clerk, decision, ("바뀜", "Rewritten"), 0),
        lambda: action_actions.add_action(
            clerk, launch, None, ("과제", "Task"), clerk.member, launch.starts_at.date()
        ),
        lambda: action_actions.edit_action(
            clerk, action, ("과제", "Other"), action.owner, action.due_on, action.status
        ),
        lambda: action_actions.edit_action(
            clerk,
            action,
            (action.title_ko, action.title_en),
            action.owner,
            action.due_on + timedelta(days=30),
            action.status,
        ),
    ]
    before = AuditEvent.objects.count()
    for attempt in attempts:
        with pytest.raises(RecordFrozen):
            attempt()
    assert AuditEvent.objects.count() == before  # nothing half-done, nothing logged
    assert AgendaEntry.objects.filter(pk=entry.pk).exists()


def _refused(change: Callable[[], object]) -> None:
    """The change raises RecordFrozen; its own savepoint keeps the test's transaction usable."""
    with pytest.raises(RecordFrozen), transaction.atomic():
        change()


def _changed(obj: Any, **values: Any) -> Any:
    """The object with some fields set in memory (not saved)."""
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


def test_models_refuse_a_frozen_change_whatever_the_code_path(launch: Meeting) -> None:
    decision, action = _decision(launch), _action(launch)
    row = Attendance.objects.filter(meeting=launch).first()
    entry = AgendaEntry.objects.filter(meeting=launch).first()
    minutes = Minutes.objects.get(meeting=launch)
    assert row is not None and entry is not None
    _refused(_changed(decision, text_en="Rewritten behind the actions' back").save)
    _refused(Decision.objects.get(pk=decision.pk).delete)
    _refused(_changed(row, status="absent").save)
    _refused(entry.delete)
    _refused(_changed(action, title_ko="다른 제목").save)
    _refused(_changed(minutes, body_en="Quietly rewritten").save)
    _refused(_changed(launch, place_en="Elsewhere").save)
    assert Decision.objects.get(pk=decision.pk).text_en != decision.text_en
    assert Attendance.objects.get(pk=row.pk).status != "absent"


def test_an_action_items_status_is_follow_up_and_stays_free(
    launch: Meeting, users: dict[str, Any]
) -> None:
    action = _action(launch)
    owner = action.owner.user
    title = (action.title_ko, action.title_en)
    action_actions.edit_action(owner, action, title, action.owner, action.due_on, "done")
    action.refresh_from_db()
    assert action.status == "done" and action.closed_at is not None


# --- the pages ---------------------------------------------------------------------------


def test_pages_refuse_changes_and_hide_the_buttons(launch: Meeting, client_for: Any) -> None:
    clerk = client_for("us.secretariat")
    entry = AgendaEntry.objects.filter(meeting=launch).first()
    assert entry is not None
    assert clerk.post(f"/meetings/{launch.pk}/agenda/{entry.pk}/remove/").status_code == 403
    assert clerk.get(f"/meetings/{launch.pk}/attendance/").status_code == 403
    assert clerk.get(f"/meetings/{launch.pk}/edit/").status_code == 403
    assert clerk.get(f"/decisions/{ref(_decision(launch).pk)}/edit/").status_code == 403
    assert AgendaEntry.objects.filter(pk=entry.pk).exists()
    page = clerk.get(f"/meetings/{launch.pk}/").content.decode()
    assert f"/meetings/{launch.pk}/attendance/" not in page
    assert f"/meetings/{launch.pk}/edit/" not in page


def test_the_action_item_form_changes_only_the_status(
    launch: Meeting, client_for: Any, users: dict[str, Any]
) -> None:
    action = _action(launch)
    owner = client_for(action.owner.user.username)
    data = {
        "title_ko": "다른 과제",
        "title_en": "A different task",
        "agenda_item": "",
        "owner": users["us.observer"].member.pk,
        "due_on": "2030-01-01",
        "classification": "0",
        "status": "done",
    }
    assert owner.post(f"/action-items/{ref(action.pk)}/edit/", data).status_code == 302
    fresh = ActionItem.objects.get(pk=action.pk)
    assert fresh.status == "done"
    assert (fresh.title_en, fresh.owner_id, fresh.due_on) == (
        action.title_en,
        action.owner_id,
        action.due_on,
    )


# --- amendments --------------------------------------------------------------------------


def test_an_amendment_needs_a_reason_and_a_seat_that_may_act(
    launch: Meeting, client_for: Any
) -> None:
    url = f"/minutes/{launch.pk}/amend/"
    assert client_for("us.observer").get(url).status_code == 403
    assert client_for("us.observer").post(url, {"reason": "x"}).status_code == 403
    response = client_for("us.liaison").post(url, {"reason": "   "})
    assert response.status_code == 400
    assert Minutes.objects.get(meeting=launch).status == "locked"
    assert not Amendment.objects.exists()
    with pytest.raises(minutes_actions.WrongState):
        minutes_actions.amend(None, Minutes.objects.get(meeting=launch), " ")


def test_an_amendment_reopens_withdraws_audits_and_tells_both_sides(
    launch: Meeting,
    client_for: Any,
    users: dict[str, Any],
    settings: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.SITE_URL = SITE
    for username, user in users.items():
        user.email = f"{username}@example.org"
        user.save()
    minutes = Minutes.objects.get(meeting=launch)
    locked_revision = minutes.revision
    reason = "The closing remark of the ROK co-chair was left out."
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("us.liaison").post(f"/minutes/{launch.pk}/amend/", {"reason": reason})
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == "draft" and minutes.locked_at is None
    assert minutes.revision == locked_revision + 1 and minutes.approvals.count() == 0
    assert minutes.revisions.filter(number=minutes.revision).exists()
    amendment = Amendment.objects.get(minutes=minutes)
    assert amendment.reason == reason and amendment.locked_revision == locked_revision
    assert {w["side"] for w in amendment.withdrawn} == {"ROK", "US"}
    event = AuditEvent.objects.filter(verb="amend").get()
    assert event.data["reason"] == reason and event.data["revision"] == minutes.revision
    told = {m.to[0].split("@")[0] for m in mailoutbox}
    assert {"lee.dohoon", "stephen.biegun", "rok.observer", "us.observer"} <= told
    assert all(reason in m.body for m in mailoutbox)
    # Reopened: the record may change again, then both sides approve anew.
    decision = _decision(launch)
    decision_actions.edit_decision(users["rok.secretariat"], decision, ("수정", "Amended"), 0)
    page = client_for("rok.observer").get(f"/minutes/{launch.pk}/").content.decode()
    assert reason in page and "Propose an amendment" not in page


def test_amendment_history_is_in_the_exports(
    launch: Meeting, client_for: Any, users: dict[str, Any]
) -> None:
    minutes = Minutes.objects.get(meeting=launch)
    reason = "Attendance of the US liaison corrected."
    minutes_actions.amend(users["rok.delegate"], minutes, reason)
    minutes = minutes_actions.submit(users["rok.secretariat"], Minutes.objects.get(pk=minutes.pk))
    minutes_actions.approve(users["lee.dohoon"], minutes)
    minutes = minutes_actions.approve(users["stephen.biegun"], minutes)
    assert minutes.status == "locked"
    client = client_for("us.delegate")
    markdown = client.get(f"/exports/minutes/{launch.pk}.md").content.decode()
    assert "Amendments" in markdown and reason in markdown
    response = client.get(f"/exports/minutes/{launch.pk}.pdf")
    if response.status_code == 503:
        pytest.skip("no PDF renderer on this machine")
    text = " ".join(
        "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages).split()
    )
    assert reason in text and f"Revision {minutes.revision}" in text
