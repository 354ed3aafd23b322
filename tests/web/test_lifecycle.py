"""Lifecycle (issue 11.6): meetings postponed or cancelled, records withdrawn, and a
confirmation step before approve, submit and share, all without JavaScript."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import Client

from tests.web.markup import inline_scripts
from wgdesk.web.attachments import actions as attachment_actions
from wgdesk.web.attachments.models import Attachment
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core import withdrawal
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.decisions.models import Decision
from wgdesk.web.exports import ical
from wgdesk.web.exports.views import _event
from wgdesk.web.meetings import actions as meeting_actions
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.freeze import RecordFrozen
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notes.models import Note
from wgdesk.web.positions.models import Position

pytestmark = pytest.mark.django_db
SITE = "https://desk.example.org"


@pytest.fixture
def addresses(users: dict[str, Any], settings: Any) -> dict[str, Any]:
    """Every demo user with an email address, and the desk's public address."""
    settings.SITE_URL = SITE
    for username, user in users.items():
        user.email = f"{username}@example.org"
        user.save()
    return users


def _meeting(title: str) -> Meeting:
    return Meeting.objects.get(title_en=title)


def _video() -> Meeting:
    """The January video conference: minutes not yet started, so it can still move."""
    meeting = _video_any()
    assert not Minutes.objects.filter(meeting=meeting).exclude(status="draft").exists()
    return meeting


def _video_any() -> Meeting:
    return _meeting("Working Group video conference")


def _events(verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb))


# --- postponing and cancelling ------------------------------------------------------------


def test_postpone_takes_the_new_time_in_the_meetings_zone_audits_and_tells_both_sides(
    addresses: dict[str, Any],
    client_for: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    meeting = _video()
    before = meeting.starts_at
    clerk = client_for("us.secretariat")  # a New York reader; the meeting is in Seoul
    assert clerk.get(f"/meetings/{meeting.pk}/postpone/").status_code == 200
    data = {"starts_at": "2019-01-24T10:00", "reason": "The DPRK asked for a week more."}
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(f"/meetings/{meeting.pk}/postpone/", data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    # 10:00 in Seoul (UTC+9) is 01:00 UTC.
    assert meeting.starts_at == datetime(2019, 1, 24, 1, 0, tzinfo=UTC)
    assert meeting.status == "postponed" and meeting.postponed_from == before
    assert meeting.schedule_changes == 1
    [event] = _events("postpone")
    assert event.object_id == str(meeting.pk)
    assert event.data["status_reason"] == "The DPRK asked for a week more."
    recipients = {m.to[0] for m in mailoutbox}
    assert {"lee.dohoon@example.org", "stephen.biegun@example.org"} <= recipients
    assert all("postponed" in m.subject or "연기" in m.subject for m in mailoutbox)
    page = clerk.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Postponed from" in page and "The DPRK asked for a week more." in page
    assert "2019-01-24 10:00 KST" in page


def test_postpone_refuses_a_time_the_clocks_skip_and_an_empty_reason(client_for: Any) -> None:
    meeting = _video()
    meeting.time_zone = "America/New_York"
    meeting.save()
    clerk = client_for("rok.secretariat")
    response = clerk.post(
        f"/meetings/{meeting.pk}/postpone/", {"starts_at": "2019-03-10T02:30", "reason": "x"}
    )
    assert response.status_code == 400 and "does not exist" in response.content.decode()
    response = clerk.post(f"/meetings/{meeting.pk}/postpone/", {"starts_at": "2019-03-11T10:00"})
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.status == "scheduled" and not _events("postpone")


def test_cancel_needs_the_tick_box_then_cancels_for_good_audits_and_notifies(
    addresses: dict[str, Any],
    client_for: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    meeting = _video()
    clerk = client_for("rok.secretariat")
    url = f"/meetings/{meeting.pk}/cancel/"
    assert clerk.get(url).status_code == 200
    refused = clerk.post(url, {"reason": "Typhoon"})  # no tick: a stray click does nothing
    assert refused.status_code == 400 and "Tick the box" in refused.content.decode()
    assert _video_any().status == "scheduled"
    with django_capture_on_commit_callbacks(execute=True):
        assert clerk.post(url, {"reason": "Typhoon", "confirm": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "cancelled" and meeting.status_reason == "Typhoon"
    assert [e.object_id for e in _events("cancel")] == [str(meeting.pk)]
    assert any("cancelled" in m.subject for m in mailoutbox)
    # A cancelled meeting is kept as it was called off: no edits, no second cancel.
    assert clerk.get(f"/meetings/{meeting.pk}/edit/").status_code == 403
    assert clerk.post(url, {"reason": "again", "confirm": "on"}).status_code == 403
    with pytest.raises(meeting_actions.NotReschedulable):
        meeting_actions.cancel_meeting(clerk_user(addresses), meeting, "again")
    page = client_for("us.observer").get(f"/meetings/{meeting.pk}/").content.decode()
    assert "This meeting was cancelled." in page and "Typhoon" in page
    # The calendar feed tells calendar clients to strike it.
    lines = ical.calendar("g", [_event(meeting, SITE)], meeting.starts_at, "UTC").split("\r\n")
    assert "STATUS:CANCELLED" in lines and "SEQUENCE:1" in lines


def clerk_user(users: dict[str, Any]) -> Any:
    return users["rok.secretariat"]


def test_locked_or_submitted_minutes_stop_postponing_and_cancelling(
    users: dict[str, Any], client_for: Any
) -> None:
    launch = _meeting("Launch meeting of the ROK–US Working Group")  # minutes locked
    seoul = _meeting("Working Group meeting in Seoul")  # minutes submitted
    clerk = users["us.secretariat"]
    with pytest.raises(RecordFrozen):
        meeting_actions.cancel_meeting(clerk, launch, "no")
    with pytest.raises(meeting_actions.NotReschedulable):
        meeting_actions.cancel_meeting(clerk, seoul, "no")
    client = client_for("us.secretariat")
    assert (
        client.post(f"/meetings/{launch.pk}/cancel/", {"reason": "x", "confirm": "on"}).status_code
        == 403
    )
    response = client.post(f"/meetings/{seoul.pk}/cancel/", {"reason": "x", "confirm": "on"})
    assert response.status_code == 302
    assert _meeting("Working Group meeting in Seoul").status == "scheduled"
    assert not _events("cancel")


@pytest.mark.parametrize("username", ["rok.observer", "us.liaison"])
def test_only_meeting_managers_postpone_or_cancel(username: str, client_for: Any) -> None:
    meeting = _video()
    client = client_for(username)
    for action in ("postpone", "cancel"):
        assert client.get(f"/meetings/{meeting.pk}/{action}/").status_code == 403
    data = {"reason": "x", "confirm": "on", "starts_at": "2019-02-01T10:00"}
    assert client.post(f"/meetings/{meeting.pk}/cancel/", data).status_code == 403
    assert _video_any().status == "scheduled"


# --- withdrawing ----------------------------------------------------------------------------


def _seoul_decision() -> Decision:
    # The meeting's own demo decision (the project workflow's joint decision came later).
    found = Decision.objects.filter(meeting__title_en="Working Group meeting in Seoul")
    return found.order_by("pk").first()


def test_withdrawing_a_decision_keeps_it_marked_and_takes_it_out_of_search_and_exports(
    client_for: Any,
) -> None:
    decision = _seoul_decision()
    url = f"/withdraw/decisions.Decision/{ref(decision.pk)}/"
    clerk = client_for("rok.secretariat")
    assert clerk.get(url).status_code == 200
    assert clerk.post(url, {"reason": "Superseded"}).status_code == 400  # no tick box
    assert clerk.post(url, {"confirm": "on"}).status_code == 400  # no reason
    assert Decision.objects.get(pk=decision.pk).withdrawn_at is None
    assert clerk.post(url, {"reason": "Superseded", "confirm": "on"}).status_code == 302
    decision.refresh_from_db()
    assert decision.is_withdrawn and decision.withdrawal_reason == "Superseded"
    [event] = _events("withdraw")
    assert event.data == {"reason": "Superseded"} and event.object_id == str(decision.pk)
    # Those who could see it still do, marked withdrawn with the reason.
    page = client_for("stephen.biegun").get(f"/decisions/{ref(decision.pk)}/").content.decode()
    assert "Withdrawn" in page and "Superseded" in page and decision.text_en[:30] in page
    # It is no longer live: not editable, not searchable, not exported.
    assert clerk.get(f"/decisions/{ref(decision.pk)}/edit/").status_code == 403
    assert clerk.post(url, {"reason": "again", "confirm": "on"}).status_code == 403
    found = clerk.get("/search/", {"q": "groundbreaking ceremony goes ahead"}).content.decode()
    assert f"/decisions/{ref(decision.pk)}/" not in found
    markdown = clerk.get(f"/exports/minutes/{decision.meeting_id}.md").content.decode()
    assert "groundbreaking ceremony goes ahead" not in markdown
    with pytest.raises(withdrawal.AlreadyWithdrawn):
        withdrawal.withdraw(client_user(clerk), decision, "again")


def client_user(client: Client) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_a_decision_of_locked_minutes_cannot_be_withdrawn(
    users: dict[str, Any], client_for: Any
) -> None:
    decision = Decision.objects.filter(meeting__minutes__status="locked").first()
    assert decision is not None
    url = f"/withdraw/decisions.Decision/{ref(decision.pk)}/"
    assert (
        client_for("rok.secretariat").post(url, {"reason": "x", "confirm": "on"}).status_code == 403
    )
    with pytest.raises(RecordFrozen):
        withdrawal.withdraw(users["rok.secretariat"], decision, "x")
    assert Decision.objects.get(pk=decision.pk).withdrawn_at is None and not _events("withdraw")


def test_a_side_only_note_is_withdrawn_by_its_side_and_never_reaches_the_other(
    client_for: Any,
) -> None:
    note = Note.objects.get(side__code="ROK", visibility="side", body__startswith="미국 측은")
    url = f"/withdraw/notes.Note/{ref(note.pk)}/"
    data = {"reason": "Out of date", "confirm": "on"}
    assert client_for("us.delegate").get(url).status_code == 404
    assert client_for("us.delegate").post(url, data).status_code == 404
    assert client_for("rok.observer").post(url, data).status_code == 404  # Restricted note
    assert client_for("rok.delegate").post(url, data).status_code == 302
    note.refresh_from_db()
    assert note.is_withdrawn
    [event] = _events("withdraw")
    assert event.side_id == note.side_id  # the event stays with the note's side
    page = client_for("rok.delegate").get(note.target.get_absolute_url()).content.decode()
    assert "Out of date" in page and "Withdrawn" in page
    other = client_for("us.delegate").get(note.target.get_absolute_url()).content.decode()
    assert "Out of date" not in other and note.body[:20] not in other


def test_a_withdrawn_file_is_kept_but_no_longer_served(
    users: dict[str, Any], client_for: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    position = Position.objects.filter(side__code="ROK").first()
    assert position is not None
    attachment_actions.upload(
        users["rok.delegate"], position, "plan.txt", b"ROK plan", "text/plain", "side", 0
    )
    attachment = Attachment.objects.get(original_name="plan.txt")
    rok = client_for("rok.delegate")
    assert rok.get(f"/attachments/{ref(attachment.pk)}/download/").status_code == 200
    url = f"/withdraw/attachments.Attachment/{ref(attachment.pk)}/"
    assert client_for("us.delegate").post(url, {"reason": "x", "confirm": "on"}).status_code == 404
    assert rok.post(url, {"reason": "Wrong file", "confirm": "on"}).status_code == 302
    gone = rok.get(f"/attachments/{ref(attachment.pk)}/download/")
    assert gone.status_code == 410 and "Wrong file" in gone.content.decode()
    assert (
        client_for("us.delegate").get(f"/attachments/{ref(attachment.pk)}/download/").status_code
        == 404
    )
    assert Attachment.objects.get(pk=attachment.pk).file.read() == b"ROK plan"  # kept


def test_a_withdrawn_agenda_item_leaves_the_pickers_and_takes_no_new_notes(
    users: dict[str, Any], client_for: Any
) -> None:
    meeting = _video()
    item = meeting.agenda_items.first()
    assert item is not None
    clerk = client_for("rok.secretariat")
    url = f"/withdraw/agenda.AgendaItem/{ref(item.pk)}/"
    assert clerk.post(url, {"reason": "Dropped", "confirm": "on"}).status_code == 302
    # The meeting's agenda still shows it, marked; the picker no longer offers it.
    page = clerk.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Withdrawn" in page
    other = _meeting("Working Group meeting in Seoul")
    picker = clerk.get(f"/meetings/{other.pk}/").content.decode()
    assert f'<option value="{item.pk}"' not in picker
    note = clerk.post(
        f"/notes/add/agenda.AgendaItem/{ref(item.pk)}/",
        {"body": "x", "visibility": "side", "classification": "0"},
    )
    assert note.status_code == 403
    assert clerk.get(f"/agenda/items/{item.pk}/edit/").status_code == 403


def test_withdraw_refuses_kinds_that_cannot_be_withdrawn(client_for: Any) -> None:
    meeting = _video()
    response = client_for("rok.secretariat").post(
        f"/withdraw/meetings.Meeting/{ref(meeting.pk)}/", {"reason": "x", "confirm": "on"}
    )
    assert response.status_code == 404


# --- confirmation before irreversible one-click actions --------------------------------------


def test_approve_asks_first_and_only_the_confirmed_post_approves(client_for: Any) -> None:
    seoul = _meeting("Working Group meeting in Seoul")
    us = client_for("stephen.biegun")
    url = f"/minutes/{seoul.pk}/approve/"
    for asked in (us.get(url), us.post(url), us.post(url, {"confirm": "no"})):
        assert asked.status_code == 200
        page = asked.content.decode()
        assert 'name="confirm" value="yes"' in page and not inline_scripts(page)
    assert Minutes.objects.get(meeting=seoul).status == "submitted"
    assert us.post(url, {"confirm": "yes"}).status_code == 302
    assert Minutes.objects.get(meeting=seoul).status == "locked"
    # Who may not approve is refused before any confirm page.
    assert client_for("us.delegate").get(url).status_code == 403


def test_submit_asks_first(client_for: Any, users: dict[str, Any]) -> None:
    from wgdesk.web.minutes import actions as minutes_actions

    meeting = _video()
    minutes = minutes_actions.start(users["rok.secretariat"], meeting)
    minutes_actions.save(users["rok.secretariat"], minutes, minutes.revision, "회의록", "Minutes")
    clerk = client_for("rok.secretariat")
    url = f"/minutes/{meeting.pk}/submit/"
    assert clerk.post(url).status_code == 200
    assert Minutes.objects.get(meeting=meeting).status == "draft"
    assert clerk.post(url, {"confirm": "yes"}).status_code == 302
    assert Minutes.objects.get(meeting=meeting).status == "submitted"


def test_share_asks_first(client_for: Any) -> None:
    position = Position.objects.filter(status="draft", side__code="ROK").first()
    assert position is not None
    rok = client_for("rok.delegate")
    url = f"/positions/{ref(position.pk)}/share/"
    page = rok.get(url)
    assert page.status_code == 200 and "Share with the other side" in page.content.decode()
    assert rok.post(url).status_code == 200
    assert Position.objects.get(pk=position.pk).status == "draft"
    assert rok.post(url, {"confirm": "yes"}).status_code == 302
    assert Position.objects.get(pk=position.pk).status == "shared"
    # The other side cannot even see the confirm page of a draft it may not read.
    other = Position.objects.filter(status="draft", side__code="US").first()
    assert other is not None
    assert rok.get(f"/positions/{ref(other.pk)}/share/").status_code == 404
