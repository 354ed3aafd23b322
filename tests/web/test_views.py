"""Every feature's pages through the test client, as the different roles and sides."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from wgdesk.web import policy
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.agenda.models import AgendaItem, Track
from wgdesk.web.attachments.models import Attachment
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.bilingual import STALE_CHOICES, bilingual_fields, stale_q
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.core.templatetags import desk as desk_tags
from wgdesk.web.dashboard import queries as dashboard_queries
from wgdesk.web.decisions.models import Decision
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.groups.models import Invitation, Ministry, Side
from wgdesk.web.meetings.models import AgendaEntry, Attendance, Meeting
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notes.models import Note
from wgdesk.web.positions.models import AlignmentChange, Position
from wgdesk.web.projects.models import Project, ProjectFlag
from wgdesk.web.sanctions.models import ProjectReview
from wgdesk.web.sanctions.templatetags.sanctions import DECISIONS, LIST_CHANGES
from wgdesk.web.search import queries as search_queries
from wgdesk.web.search.present import KIND_LABELS

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CONFIRM = {"confirm": "yes"}  # the second step of submit, approve and share


def _item(title_en_start: str) -> AgendaItem:
    return AgendaItem.objects.get(title_en__startswith=title_en_start)


# --- dashboard -------------------------------------------------------------------------


def test_dashboard_lists_my_work(client_for: Any) -> None:
    page = client_for("us.delegate").get("/").content.decode()
    assert "Share the outcome of the review of travel limits" in page  # my open action
    assert "Working Group video conference" in page  # meeting to prepare
    assert "Working Group meeting in Seoul" in page  # minutes awaiting US approval


def test_dashboard_lists_stale_translations(client_for: Any) -> None:
    page = client_for("us.liaison").get("/").content.decode()
    assert "Brief the ROK side on OFAC guidance for humanitarian shipments and payments" in page


@pytest.mark.parametrize("username", ["us.liaison", "lee.dohoon", "rok.observer", "us.delegate"])
def test_stale_translations_are_the_policy_filtered_stale_rows_in_model_order(
    users: dict[str, Any], username: str
) -> None:
    # Make both sides' side-only records stale: each side must see only its own.
    Position.objects.filter(status="draft").update(stance_stale="en")
    Engagement.objects.filter(visibility="side").update(summary_stale="ko")
    Meeting.objects.update(title_stale="en")
    user = users[username]
    expected = [
        (model._meta.label, obj.pk)
        for model in dashboard_queries.stale_models()
        for obj in policy.visible(user, model).filter(stale_q(model))[:20]
    ][:20]
    found = dashboard_queries.stale_translations(user)
    assert [(row.kind, row.pk) for row in found] == expected and len(found) > 1
    side = user.member.side_id
    positions = Position.objects.filter(
        pk__in=[r.pk for r in found if r.kind == "positions.Position"]
    )
    assert all(p.side_id == side or p.status == "shared" for p in positions)
    engagements = Engagement.objects.filter(
        pk__in=[r.pk for r in found if r.kind == "engagements.Engagement"]
    )
    assert all(e.side_id == side or e.visibility == "shared" for e in engagements)
    limited = dashboard_queries.stale_translations(user, limit=2)
    assert [(row.kind, row.pk) for row in limited] == expected[:2]


def _stale_everywhere() -> None:
    """Flag a translation as out of date on every row of every listed kind."""
    for model in dashboard_queries.stale_models():
        name = bilingual_fields(model)[0]
        model._default_manager.update(**{f"{name}_stale": "en"})


@pytest.mark.parametrize("username", ["lee.dohoon", "us.delegate", "us.observer"])
def test_stale_list_covers_saved_reviews_and_projects_within_the_policy(
    users: dict[str, Any], username: str
) -> None:
    ProjectReview.objects.update(title_stale="en")
    Project.objects.update(summary_stale="ko")
    user = users[username]
    found = dashboard_queries.stale_translations(user, limit=100)
    listed = {(row.kind, row.pk) for row in found}
    for model in (ProjectReview, Project):
        visible = {
            (model._meta.label, pk)
            for pk in policy.visible(user, model).values_list("pk", flat=True)
        }
        assert {key for key in listed if key[0] == model._meta.label} == visible
    # The ROK draft stays with the ROK side; the US side-only review with the US side
    # (and above an observer's clearance out of reach).
    draft = Project.objects.get(status="draft")
    us_only = ProjectReview.objects.get(visibility="side")
    assert (("projects.Project", draft.pk) in listed) == (user.member.side.code == "ROK")
    assert (("sanctions.ProjectReview", us_only.pk) in listed) == policy.can_view(user, us_only)
    assert user.member.side.code == "US" or ("sanctions.ProjectReview", us_only.pk) not in listed
    project = next(row for row in found if row.kind == "projects.Project")
    assert project.url == f"/projects/{ref(project.pk)}/" and project.stale == "ko"


def test_dashboard_names_saved_reviews_and_projects_in_the_readers_language(
    client_for: Any,
) -> None:
    ProjectReview.objects.update(title_stale="en")
    Project.objects.update(title_stale="en")
    client = client_for("lee.dohoon")
    client.cookies["django_language"] = "ko"
    page = client.get("/").content.decode()
    assert "남북 철도 공동조사 (2018년 11~12월): 조사 열차와 연료" in page
    assert "이산가족 화상상봉 장비 반출" in page
    assert "화상 상봉 단말기" not in page  # the US side's own saved review
    with translation.override("en"):
        english = str(KIND_LABELS["projects.Project"]), str(dict(STALE_CHOICES)["en"])
    with translation.override("ko"):
        korean = str(KIND_LABELS["projects.Project"]), str(dict(STALE_CHOICES)["en"])
    assert f'<span class="badge">{korean[0]}</span> {korean[1]}' in page
    assert english[0] not in page and english[1] not in page


def test_stale_list_reads_a_constant_number_of_queries_and_no_heavy_columns(
    users: dict[str, Any],
) -> None:
    user = users["lee.dohoon"]
    Project.objects.filter(pk=Project.objects.order_by("pk")[0].pk).update(title_stale="en")
    ProjectReview.objects.filter(visibility="shared").update(title_stale="en")
    Minutes.objects.update(body_stale="ko")

    def read() -> tuple[int, str, set[str]]:
        """Read and show the list: (queries, their SQL, kinds of record listed)."""
        with CaptureQueriesContext(connection) as queries:
            rows = dashboard_queries.stale_translations(user, limit=1000)
            shown = [(row.url, str(row.heading), row.kind_label, row.stale_label) for row in rows]
        assert all(url and heading for url, heading, _kind, _lag in shown)
        return len(queries), " ".join(q["sql"] for q in queries), {row.kind for row in rows}

    with_stale = [m for m in dashboard_queries.stale_models() if m.objects.filter(stale_q(m))]
    few, _sql, kinds = read()
    _stale_everywhere()
    many, sql, all_kinds = read()
    # One query finds the kinds with stale rows, then one per such kind, however many rows.
    assert {"projects.Project", "sanctions.ProjectReview", "minutes.Minutes"} <= kinds
    assert few == 1 + len(with_stale) and many == 1 + len(dashboard_queries.stale_models())
    assert len(all_kinds) > len(kinds)
    for heavy in (
        '"report"',
        '"report_ko"',
        '"request_docx"',
        '"request_annex"',
        '"body_ko"',
        '"project_text"',
    ):
        assert heavy not in sql, heavy


def test_a_project_translation_is_confirmed_from_its_page(client_for: Any) -> None:
    project = Project.objects.get(status="submitted")  # the ROK side's, read by both
    Project.objects.filter(pk=project.pk).update(summary_stale="en")
    url = f"/projects/{ref(project.pk)}/"
    confirm = f"/translations/projects.Project/{ref(project.pk)}/summary/confirm/"
    assert f'action="{confirm}"' in client_for("rok.delegate").get(url).content.decode()
    # The other side reads it but may not change it: no button, and the action refused.
    assert f'action="{confirm}"' not in client_for("us.delegate").get(url).content.decode()
    assert client_for("us.delegate").post(confirm).status_code == 403
    assert client_for("rok.delegate").post(confirm).status_code == 302
    project.refresh_from_db()
    assert project.summary.stale == ""
    assert AuditEvent.objects.filter(verb="confirm_translation").latest("id").object_id == str(
        project.pk
    )


def test_a_settled_flag_names_the_side_in_the_readers_language(client_for: Any) -> None:
    project = Project.objects.get(status="approved")
    us = Side.objects.get(code="US")
    ProjectFlag.objects.create(
        project=project,
        party="Korea Fastening Trading",
        old_decision="clear",
        new_decision="match",
        old_versions="un@2020-11-30",
        new_versions="un@2025-04-19",
        blocking=True,
        resolved_at=timezone.now(),
        resolved_by_side=us,
        list_diff=[
            {"change": "added", "source": "un", "ref": "KPe.999", "name": "X", "fields": []}
        ],
    )
    client = client_for("lee.dohoon")
    client.cookies["django_language"] = "ko"
    page = client.get(f"/projects/{ref(project.pk)}/").content.decode()
    assert "미국 측의 처리 결과로 해소됨" in page
    shown = re.sub(r"<[^>]*>", " ", page.split("<main", 1)[-1])  # the text, not class names
    assert not re.findall(r".{0,60}\b(?:US|ROK)\b.{0,20}", shown), "a side's code as text"
    # The decisions and the list's change around it are words of the page, in Korean too.
    assert not re.findall(r"\b(?:clear|match|added)\b", shown)
    with translation.override("ko"):
        assert f"{DECISIONS['clear']} → <strong>{DECISIONS['match']}</strong>" in page
        assert f"<li>{LIST_CHANGES['added']}: UN KPe.999" in page
    client.cookies["django_language"] = "en"
    page = client.get(f"/projects/{ref(project.pk)}/").content.decode()
    assert "settled by a disposition of the US side" in page


def test_navigation_links_and_audit_link_for_steering_roles_only(client_for: Any) -> None:
    for username, sees_audit in (
        ("lee.dohoon", True),
        ("rok.secretariat", True),
        ("us.delegate", False),
        ("rok.observer", False),
    ):
        page = client_for(username).get("/meetings/").content.decode()
        assert '<a href="/meetings/" aria-current="page">' in page
        assert '<a href="/positions/">' in page and '<a href="/search/">' in page
        assert ('<a href="/audit/">' in page) == sees_audit, username


# --- group -------------------------------------------------------------------------------


def test_group_overview_shows_both_delegations(client_for: Any) -> None:
    page = client_for("rok.observer").get("/group/").content.decode()
    assert "Lee Do-hoon" in page and "Stephen Biegun" in page
    assert "Department of the Treasury" in page and "Ministry of Unification" in page


def test_co_chair_invites_and_others_cannot(client_for: Any) -> None:
    data = {"email": "new@example.org", "role": "delegate", "ministry": "", "clearance": "1"}
    response = client_for("lee.dohoon").post("/group/invitations/", data)
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new@example.org")
    assert invitation.side.code == "ROK"
    assert client_for("rok.delegate").post("/group/invitations/", data).status_code == 403
    assert client_for("rok.delegate").get("/group/invitations/").status_code == 403
    assert client_for("rok.secretariat").get("/group/invitations/").status_code == 200
    assert client_for("rok.secretariat").post("/group/invitations/", data).status_code == 403


def test_invitation_cannot_exceed_own_clearance_or_use_other_sides_ministry(
    client_for: Any,
) -> None:
    treasury = Ministry.objects.get(name_en="Department of the Treasury")
    data = {"email": "z@example.org", "role": "delegate", "ministry": treasury.pk, "clearance": "1"}
    assert client_for("lee.dohoon").post("/group/invitations/", data).status_code == 400
    over = {"email": "z@example.org", "role": "delegate", "ministry": "", "clearance": "9"}
    assert client_for("lee.dohoon").post("/group/invitations/", over).status_code == 400
    assert not Invitation.objects.filter(email="z@example.org").exists()


def test_invitations_of_one_side_cannot_be_revoked_by_the_other(
    client_for: Any, users: Any
) -> None:
    from wgdesk.web.groups.actions import invite

    invitation = invite(users["lee.dohoon"], None, "observer", 0, "o@example.org")
    assert (
        client_for("stephen.biegun")
        .post(f"/group/invitations/{ref(invitation.pk)}/revoke/")
        .status_code
        == 404
    )
    assert (
        client_for("lee.dohoon")
        .post(f"/group/invitations/{ref(invitation.pk)}/revoke/")
        .status_code
        == 302
    )
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None


def test_co_chair_adds_a_ministry(client_for: Any) -> None:
    data = {"name_ko": "법무부", "name_en": "", "joined_on": "2019-03-01"}
    assert client_for("lee.dohoon").post("/group/ministries/add/", data).status_code == 302
    ministry = Ministry.objects.get(name_ko="법무부")
    assert ministry.side.code == "ROK" and ministry.name_stale == "en"
    assert client_for("rok.delegate").post("/group/ministries/add/", data).status_code == 403


# --- agenda ------------------------------------------------------------------------------


def test_tracks_page_shows_four_tracks_and_nested_items(client_for: Any) -> None:
    page = client_for("us.observer").get("/agenda/").content.decode()
    for title in (
        "Diplomacy",
        "Denuclearization",
        "Implementation of sanctions",
        "Inter-Korean cooperation",
    ):
        assert title in page
    assert page.index("Inter-Korean railway") < page.index("Joint survey of the northern")


def test_add_track_item_and_subitem(client_for: Any) -> None:
    client = client_for("rok.secretariat")
    assert (
        client.post(
            "/agenda/tracks/add/",
            {"code": "humanitarian", "title_ko": "인도적 지원", "title_en": "Humanitarian aid"},
        ).status_code
        == 302
    )
    track = Track.objects.get(code="humanitarian")
    client.post(
        f"/agenda/tracks/{track.pk}/add/",
        {"title_en": "Tamiflu shipment", "title_ko": "타미플루 지원"},
    )
    parent = AgendaItem.objects.get(title_en="Tamiflu shipment")
    client.post(f"/agenda/tracks/{track.pk}/add/{parent.pk}/", {"title_en": "Trucks for delivery"})
    child = AgendaItem.objects.get(title_en="Trucks for delivery")
    client.post(f"/agenda/tracks/{track.pk}/add/{child.pk}/", {"title_en": "Fuel for the trucks"})
    grandchild = AgendaItem.objects.get(title_en="Fuel for the trucks")
    assert (child.parent_id, grandchild.depth) == (parent.pk, 2)
    page = client.get(f"/agenda/items/{parent.pk}/").content.decode()
    assert "Trucks for delivery" in page and "Fuel for the trucks" in page
    assert (
        client_for("rok.delegate")
        .post("/agenda/tracks/add/", {"code": "x", "title_en": "X"})
        .status_code
        == 403
    )


def test_subitem_parent_must_be_on_the_same_track(client_for: Any) -> None:
    other_track = Track.objects.get(code="diplomacy")
    rail = _item("Inter-Korean railway")
    response = client_for("rok.delegate").post(
        f"/agenda/tracks/{other_track.pk}/add/{rail.pk}/", {"title_en": "x"}
    )
    assert response.status_code == 404


def test_edit_item_requires_a_title_in_one_language(client_for: Any) -> None:
    item = _item("Video reunions")
    response = client_for("us.delegate").post(
        f"/agenda/items/{item.pk}/edit/", {"title_ko": "", "title_en": "", "status": "open"}
    )
    assert response.status_code == 400
    assert "Write Title in Korean, English or both." in response.content.decode()
    item.refresh_from_db()
    assert item.title_en.startswith("Video reunions")  # nothing lost


def test_editing_english_only_marks_korean_stale_and_confirm_clears_it(client_for: Any) -> None:
    item = _item("Video reunions")
    client = client_for("us.delegate")
    data = {
        "title_ko": item.title_ko,
        "title_en": "Video reunions of separated families (equipment)",
        "status": "open",
    }
    assert client.post(f"/agenda/items/{item.pk}/edit/", data).status_code == 302
    item.refresh_from_db()
    assert item.title_stale == "ko"
    assert "translation out of date" in client.get(f"/agenda/items/{item.pk}/").content.decode()
    client.post(f"/translations/agenda.AgendaItem/{ref(item.pk)}/title/confirm/")
    item.refresh_from_db()
    assert item.title_stale == ""


def test_observer_cannot_edit_agenda(client_for: Any) -> None:
    item = _item("Video reunions")
    response = client_for("rok.observer").post(
        f"/agenda/items/{item.pk}/edit/", {"title_en": "x", "status": "open"}
    )
    assert response.status_code == 403


# --- meetings ----------------------------------------------------------------------------


def test_create_meeting_order_agenda_and_attendance(client_for: Any, users: Any) -> None:
    client = client_for("us.secretariat")
    series = Meeting.objects.first().series
    data = {
        "title_en": "Working Group meeting in Washington",
        "title_ko": "워싱턴 회의",
        "series": series.pk,
        "starts_at": "2019-02-05T10:00",
        "place_en": "Washington",
        "format": "hybrid",
    }
    assert client.post("/meetings/new/", data).status_code == 302
    meeting = Meeting.objects.get(title_en="Working Group meeting in Washington")
    first, second = _item("Video reunions"), _item("Preparations for a second")
    client.post(f"/meetings/{meeting.pk}/agenda/add/", {"agenda_item": first.pk})
    client.post(f"/meetings/{meeting.pk}/agenda/add/", {"agenda_item": second.pk})
    entries = list(AgendaEntry.objects.filter(meeting=meeting))
    assert [e.agenda_item_id for e in entries] == [first.pk, second.pk]
    client.post(f"/meetings/{meeting.pk}/agenda/{entries[1].pk}/up/")
    assert [e.agenda_item_id for e in AgendaEntry.objects.filter(meeting=meeting)] == [
        second.pk,
        first.pk,
    ]
    client.post(f"/meetings/{meeting.pk}/agenda/{entries[1].pk}/remove/")
    assert AgendaEntry.objects.filter(meeting=meeting).count() == 1
    member = users["stephen.biegun"].member
    client.post(f"/meetings/{meeting.pk}/attendance/", {f"member_{member.pk}": "remote"})
    assert Attendance.objects.get(meeting=meeting, member=member).status == "remote"
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Remote" in page and "Preparations for a second" in page


def test_meeting_form_rejects_bad_date(client_for: Any) -> None:
    series = Meeting.objects.first().series
    data = {
        "title_en": "X",
        "series": series.pk,
        "starts_at": "not a date",
        "place_en": "P",
        "format": "video",
    }
    assert client_for("us.secretariat").post("/meetings/new/", data).status_code == 400
    assert not Meeting.objects.filter(title_en="X").exists()


def test_liaison_cannot_manage_meetings(client_for: Any) -> None:
    meeting = Meeting.objects.first()
    assert client_for("rok.liaison").get("/meetings/new/").status_code == 403
    assert (
        client_for("rok.liaison").post(f"/meetings/{meeting.pk}/attendance/", {}).status_code == 403
    )


def test_carried_over_actions_show_at_the_next_meeting(client_for: Any) -> None:
    january = Meeting.objects.get(title_en="Working Group video conference")
    page = client_for("rok.delegate").get(f"/meetings/{january.pk}/").content.decode()
    carried = page.split("Action items carried over for review")[1].split("<h2")[0]
    assert "Share the outcome of the review of travel limits" in carried  # in progress
    assert "Draft the video-reunion equipment list" in carried  # open
    assert "File the exemption request for the survey equipment" not in carried  # done


# --- minutes -----------------------------------------------------------------------------


def test_minutes_lifecycle_draft_submit_approve_lock(client_for: Any) -> None:
    meeting = Meeting.objects.get(title_en="Working Group video conference")
    clerk = client_for("rok.secretariat")
    assert clerk.get(f"/minutes/{meeting.pk}/edit/").status_code == 200
    minutes = Minutes.objects.get(meeting=meeting)
    data = {
        "body_ko": "양측은 화상상봉 준비 상황을 점검하였다.",
        "body_en": "Both sides reviewed the reunion preparations.",
        "base_revision": minutes.revision,
    }
    assert clerk.post(f"/minutes/{meeting.pk}/edit/", data).status_code == 302
    assert clerk.post(f"/minutes/{meeting.pk}/submit/", CONFIRM).status_code == 302
    assert (
        client_for("rok.delegate").post(f"/minutes/{meeting.pk}/approve/", CONFIRM).status_code
        == 403
    )
    assert (
        client_for("lee.dohoon").post(f"/minutes/{meeting.pk}/approve/", CONFIRM).status_code == 302
    )
    assert (
        client_for("lee.dohoon").post(f"/minutes/{meeting.pk}/approve/", CONFIRM).status_code == 403
    )  # once
    assert (
        client_for("stephen.biegun").post(f"/minutes/{meeting.pk}/approve/", CONFIRM).status_code
        == 302
    )
    minutes.refresh_from_db()
    assert minutes.status == "locked" and minutes.approvals.count() == 2
    assert clerk.get(f"/minutes/{meeting.pk}/edit/").status_code == 403
    assert (
        clerk.post(
            f"/minutes/{meeting.pk}/edit/", {**data, "base_revision": minutes.revision}
        ).status_code
        == 403
    )
    page = clerk.get(f"/minutes/{meeting.pk}/").content.decode()
    assert "Approved and locked" in page and "화상상봉" in page


def test_minutes_edit_conflict_keeps_the_users_text(client_for: Any) -> None:
    meeting = Meeting.objects.get(title_en="Working Group video conference")
    alice, bob = client_for("rok.secretariat"), client_for("us.secretariat")
    alice.get(f"/minutes/{meeting.pk}/edit/")
    base = Minutes.objects.get(meeting=meeting).revision
    first = {"body_ko": "", "body_en": "Alice's version.", "base_revision": base}
    second = {
        "body_ko": "",
        "body_en": "Bob's version, typed at the same time.",
        "base_revision": base,
    }
    assert alice.post(f"/minutes/{meeting.pk}/edit/", first).status_code == 302
    response = bob.post(f"/minutes/{meeting.pk}/edit/", second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved these minutes" in page
    assert "Bob&#x27;s version, typed at the same time." in page  # kept in the form
    assert "Alice&#x27;s version." in page  # current text shown
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.body_en == "Alice's version."
    retry = {**second, "base_revision": minutes.revision}
    assert bob.post(f"/minutes/{meeting.pk}/edit/", retry).status_code == 302


def test_empty_minutes_cannot_be_submitted_and_reopen_clears_approvals(client_for: Any) -> None:
    meeting = Meeting.objects.get(title_en="Working Group video conference")
    clerk = client_for("us.secretariat")
    clerk.get(f"/minutes/{meeting.pk}/edit/")
    clerk.post(f"/minutes/{meeting.pk}/submit/", CONFIRM)
    assert Minutes.objects.get(meeting=meeting).status == "draft"
    seoul = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    assert clerk.post(f"/minutes/{seoul.pk}/reopen/").status_code == 302
    reopened = Minutes.objects.get(meeting=seoul)
    assert reopened.status == "draft" and reopened.approvals.count() == 0


def test_minutes_history_lists_revisions(client_for: Any) -> None:
    launch = Meeting.objects.get(title_en__startswith="Launch meeting")
    page = client_for("us.observer").get(f"/minutes/{launch.pk}/history/").content.decode()
    assert "formally launched" in page


# --- decisions and action items ----------------------------------------------------------


def test_record_and_edit_decision(client_for: Any) -> None:
    meeting = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    item = _item("Review of travel limits")
    client = client_for("us.delegate")
    data = {
        "text_ko": "",
        "text_en": "The US will announce the outcome of its review in January.",
        "agenda_item": item.pk,
        "decided_on": "2018-12-21",
        "classification": "0",
    }
    assert client.post(f"/decisions/new/{meeting.pk}/", data).status_code == 302
    decision = Decision.objects.get(text_en__startswith="The US will announce")
    assert decision.text_stale == "ko"
    assert "The US will announce" in client_for("rok.observer").get("/decisions/").content.decode()
    edit = {**data, "text_ko": "미국은 1월 중 검토 결과를 발표한다."}
    assert (
        client_for("rok.delegate").post(f"/decisions/{ref(decision.pk)}/edit/", edit).status_code
        == 302
    )
    decision.refresh_from_db()
    assert decision.text_stale == "" and decision.text_ko.startswith("미국은")


def test_classified_decision_hidden_from_low_clearance(client_for: Any) -> None:
    restricted = Decision.objects.get(classification=1)
    assert client_for("rok.observer").get(f"/decisions/{ref(restricted.pk)}/").status_code == 404
    assert client_for("rok.liaison").get(f"/decisions/{ref(restricted.pk)}/").status_code == 200
    assert (
        restricted.text_en[:30] not in client_for("us.observer").get("/decisions/").content.decode()
    )


def test_add_action_item_and_close_it(client_for: Any, users: Any) -> None:
    meeting = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    client = client_for("rok.delegate")
    owner = users["rok.liaison"].member
    data = {
        "title_ko": "장비 목록 재검토",
        "title_en": "Re-check the equipment list",
        "agenda_item": "",
        "owner": owner.pk,
        "due_on": "2019-01-10",
        "classification": "0",
    }
    assert client.post(f"/action-items/new/{meeting.pk}/", data).status_code == 302
    action = ActionItem.objects.get(title_en="Re-check the equipment list")
    assert action.side.code == "ROK" and action.status == "open"
    assert (
        client.post(f"/action-items/{ref(action.pk)}/edit/", {**data, "status": "done"}).status_code
        == 302
    )
    action.refresh_from_db()
    assert action.status == "done" and action.closed_at is not None
    assert "Re-check" not in client.get("/action-items/?status=open").content.decode()
    assert "Re-check" in client.get("/action-items/?status=done").content.decode()


def test_action_item_due_date_is_validated(client_for: Any, users: Any) -> None:
    meeting = Meeting.objects.first()
    data = {
        "title_en": "X",
        "owner": users["rok.liaison"].member.pk,
        "due_on": "31/31/2019",
        "classification": "0",
    }
    assert (
        client_for("rok.delegate").post(f"/action-items/new/{meeting.pk}/", data).status_code == 400
    )


# --- positions ---------------------------------------------------------------------------


def test_positions_side_by_side_and_draft_hidden_from_other_side(client_for: Any) -> None:
    families = _item("Video reunions")
    us_draft = Position.objects.get(agenda_item=families, side__code="US")
    rok_page = client_for("lee.dohoon").get(f"/positions/items/{families.pk}/").content.decode()
    assert "purely humanitarian" in rok_page
    assert us_draft.stance_en[:40] not in rok_page
    us_page = client_for("stephen.biegun").get(f"/positions/items/{families.pk}/").content.decode()
    assert us_draft.stance_en[:40] in us_page and "purely humanitarian" in us_page


def test_write_share_and_align(client_for: Any) -> None:
    summit = _item("Preparations for a second")
    rok = client_for("rok.delegate")
    data = {"stance_ko": "2월 말 개최를 지지한다.", "stance_en": "", "classification": "0"}
    assert rok.post(f"/positions/items/{summit.pk}/edit/", data).status_code == 302
    position = Position.objects.get(agenda_item=summit, side__code="ROK")
    assert position.status == "draft" and position.stance_stale == "en"
    assert (
        "2월 말"
        not in client_for("us.delegate").get(f"/positions/items/{summit.pk}/").content.decode()
    )
    assert (
        client_for("us.delegate").post(f"/positions/{ref(position.pk)}/share/", CONFIRM).status_code
        == 404
    )
    assert (
        client_for("rok.liaison").post(f"/positions/{ref(position.pk)}/share/", CONFIRM).status_code
        == 403
    )
    assert rok.post(f"/positions/{ref(position.pk)}/share/", CONFIRM).status_code == 302
    assert (
        "2월 말" in client_for("us.delegate").get(f"/positions/items/{summit.pk}/").content.decode()
    )
    assert (
        client_for("us.delegate")
        .post(f"/positions/items/{summit.pk}/align/", {"state": "close"})
        .status_code
        == 302
    )
    assert AlignmentChange.objects.filter(agenda_item=summit).first().state == "close"
    assert (
        client_for("us.liaison")
        .post(f"/positions/items/{summit.pk}/align/", {"state": "aligned"})
        .status_code
        == 403
    )
    board = client_for("rok.observer").get("/positions/").content.decode()
    assert "2월 말" in board


def test_position_history_keeps_each_revision(client_for: Any) -> None:
    ceremony = _item("Groundbreaking ceremony")
    client = client_for("stephen.biegun")
    data = {"stance_ko": "수정된 입장", "stance_en": "Revised stance", "classification": "0"}
    client.post(f"/positions/items/{ceremony.pk}/edit/", data)
    position = Position.objects.get(agenda_item=ceremony, side__code="US")
    assert position.status == "shared" and position.revision == 1  # the edit waits
    client.post(f"/positions/{ref(position.pk)}/share/", CONFIRM)
    position.refresh_from_db()
    assert position.revision == 2 and position.history.count() == 2
    page = client.get(f"/positions/items/{ceremony.pk}/").content.decode()
    assert "Revised stance" in page and "We support holding the ceremony" in page


def _other_side_reads(item: Any) -> str:
    """Everything the US side can read about an item's positions (page, board, search)."""
    us = client_for_user("us.delegate")
    found = search_queries.search(get_user_model().objects.get(username="us.delegate"), ["liai"])
    return (
        us.get(f"/positions/items/{item.pk}/").content.decode()
        + us.get("/positions/").content.decode()
        + " ".join(f"{d.ko} {d.en}" for d in found.documents)
    )


def client_for_user(username: str) -> Client:
    """A signed-in client, for helpers outside the fixture."""
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_liaison_edit_of_a_shared_position_is_not_published(client_for: Any) -> None:
    """The probe's finding: a liaison's edit of a shared position reached the other side."""
    position = Position.objects.filter(side__code="ROK", status="shared").first()
    item = position.agenda_item
    shared_text = position.stance_en
    liaison = client_for("rok.liaison")
    data = {"stance_ko": "", "stance_en": "liaisonwording new", "classification": "0"}
    response = liaison.post(f"/positions/items/{item.pk}/edit/", data, follow=True)
    page = response.content.decode()
    assert "Edit saved for your side only" in page and "until you share it" not in page
    assert "liaisonwording" in page and "Edit not yet shared" in page
    assert f"/positions/{ref(position.pk)}/share/" not in page  # a liaison cannot share
    assert "liaisonwording" not in _other_side_reads(item)
    position.refresh_from_db()
    assert position.stance_en == shared_text
    assert liaison.post(f"/positions/{ref(position.pk)}/share/", CONFIRM).status_code == 403
    assert (
        client_for("rok.delegate")
        .post(f"/positions/{ref(position.pk)}/share/", CONFIRM)
        .status_code
        == 302
    )
    assert "liaisonwording" in _other_side_reads(item)


@pytest.mark.parametrize("editor", ["lee.dohoon", "rok.delegate", "rok.liaison", "rok.secretariat"])
def test_no_edit_of_a_shared_position_publishes_by_itself(editor: str, client_for: Any) -> None:
    """Whoever edits, a shared position's published text changes only by sharing."""
    position = Position.objects.filter(side__code="ROK", status="shared").first()
    item = position.agenda_item
    before = _other_side_reads(item)
    for n in range(2):
        data = {"stance_ko": f"편집 {n}", "stance_en": f"liaisonwording {n}", "classification": "0"}
        assert client_for(editor).post(f"/positions/items/{item.pk}/edit/", data).status_code == 302
        assert "liaisonwording" not in _other_side_reads(item)
    assert "liaisonwording" not in before
    form = client_for(editor).get(f"/positions/items/{item.pk}/edit/").content.decode()
    assert "liaisonwording 1" in form  # the side goes on from its newest text


# --- engagements, notes, attachments -----------------------------------------------------


def test_side_only_engagement_is_invisible_to_the_other_side(client_for: Any) -> None:
    rok_only = Engagement.objects.get(side__code="ROK", visibility="side")
    assert client_for("stephen.biegun").get(f"/engagements/{ref(rok_only.pk)}/").status_code == 404
    assert (
        rok_only.counterpart_en
        not in client_for("stephen.biegun").get("/engagements/").content.decode()
    )
    assert client_for("lee.dohoon").get(f"/engagements/{ref(rok_only.pk)}/").status_code == 200


def test_log_and_edit_engagement(client_for: Any, users: Any) -> None:
    client = client_for("us.delegate")
    data = {
        "counterpart_en": "Deputy National Security Adviser",
        "counterpart_ko": "",
        "summary_en": "Discussed the summit.",
        "summary_ko": "",
        "member": users["us.delegate"].member.pk,
        "held_on": "2019-01-09",
        "place_en": "Washington",
        "visibility": "side",
        "classification": "0",
    }
    assert client.post("/engagements/new/", data).status_code == 302
    engagement = Engagement.objects.get(counterpart_en="Deputy National Security Adviser")
    assert engagement.side.code == "US"
    forged = {**data, "member": users["lee.dohoon"].member.pk}
    assert client.post("/engagements/new/", forged).status_code == 400  # not our side's member
    assert (
        client_for("lee.dohoon").post(f"/engagements/{ref(engagement.pk)}/edit/", data).status_code
        == 404
    )
    assert (
        client.post(
            f"/engagements/{ref(engagement.pk)}/edit/", {**data, "visibility": "shared"}
        ).status_code
        == 302
    )
    assert client_for("lee.dohoon").get(f"/engagements/{ref(engagement.pk)}/").status_code == 200


def test_side_only_note_never_reaches_the_other_side(client_for: Any) -> None:
    item = _item("Groundbreaking ceremony")
    rok = client_for("rok.delegate")
    data = {"body": "ROK-ONLY: keep the list short.", "visibility": "side", "classification": "0"}
    assert rok.post(f"/notes/add/agenda.AgendaItem/{ref(item.pk)}/", data).status_code == 302
    note = Note.objects.get(body__startswith="ROK-ONLY")
    assert "ROK-ONLY" in rok.get(f"/agenda/items/{item.pk}/").content.decode()
    for user in ("stephen.biegun", "us.delegate", "us.observer"):
        assert "ROK-ONLY" not in client_for(user).get(f"/agenda/items/{item.pk}/").content.decode()
        assert client_for(user).get(f"/notes/{ref(note.pk)}/edit/").status_code == 404
        assert (
            client_for(user).post(f"/notes/{ref(note.pk)}/edit/", {"body": "forged"}).status_code
            == 404
        )
    note.refresh_from_db()
    assert note.body.startswith("ROK-ONLY")


def test_shared_note_reaches_both_sides_and_only_own_side_edits(client_for: Any) -> None:
    meeting = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    note = Note.objects.get(body__startswith="Interpretation was consecutive")
    assert (
        "Interpretation was consecutive"
        in client_for("rok.observer").get(f"/meetings/{meeting.pk}/").content.decode()
    )
    assert (
        client_for("rok.delegate").post(f"/notes/{ref(note.pk)}/edit/", {"body": "x"}).status_code
        == 403
    )
    assert (
        client_for("us.delegate")
        .post(f"/notes/{ref(note.pk)}/edit/", {"body": "Edited."})
        .status_code
        == 302
    )


def test_notes_on_unknown_kinds_or_invisible_records_are_refused(client_for: Any) -> None:
    us_draft = Position.objects.get(status="draft", side__code="US")
    data = {"body": "x", "visibility": "shared", "classification": "0"}
    assert (
        client_for("lee.dohoon")
        .post(f"/notes/add/positions.Position/{ref(us_draft.pk)}/", data)
        .status_code
        == 404
    )
    assert client_for("lee.dohoon").post("/notes/add/auth.User/1/", data).status_code == 404
    assert (
        client_for("rok.observer")
        .post(f"/notes/add/agenda.AgendaItem/{ref(_item('Video').pk)}/", data)
        .status_code
        == 403
    )


def test_upload_checks_size_and_content(client_for: Any, settings: Any) -> None:
    item = _item("Video reunions")
    client = client_for("rok.delegate")
    url = f"/attachments/add/agenda.AgendaItem/{ref(item.pk)}/"
    base = {"visibility": "side", "classification": "0"}
    fake = SimpleUploadedFile(
        "list.pdf", b"MZ\x90\x00 this is a program", content_type="application/pdf"
    )
    page = client.post(url, {**base, "file": fake}, follow=True).content.decode()
    assert "does not match its name" in page
    exe = SimpleUploadedFile("tool.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    assert "not accepted" in client.post(url, {**base, "file": exe}, follow=True).content.decode()
    settings.UPLOAD_MAX_BYTES = 100
    big = SimpleUploadedFile("big.txt", b"a" * 101, content_type="text/plain")
    assert "larger than" in client.post(url, {**base, "file": big}, follow=True).content.decode()
    assert not Attachment.objects.exists()


def test_upload_and_download_are_recorded(client_for: Any, tmp_path: Any, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    item = _item("Video reunions")
    client = client_for("rok.delegate")
    pdf = SimpleUploadedFile("equipment.pdf", PDF, content_type="application/pdf")
    client.post(
        f"/attachments/add/agenda.AgendaItem/{ref(item.pk)}/",
        {"file": pdf, "visibility": "side", "classification": "1"},
    )
    attachment = Attachment.objects.get(original_name="equipment.pdf")
    assert attachment.media_type == "application/pdf" and attachment.classification == 1
    response = client.get(f"/attachments/{ref(attachment.pk)}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert AuditEvent.objects.filter(verb="download", object_id=str(attachment.pk)).count() == 1
    assert (
        client_for("us.delegate").get(f"/attachments/{ref(attachment.pk)}/download/").status_code
        == 404
    )
    assert (
        client_for("rok.observer").get(f"/attachments/{ref(attachment.pk)}/download/").status_code
        == 404
    )


def test_audit_records_every_change(client_for: Any) -> None:
    before = AuditEvent.objects.count()
    item = _item("Video reunions")
    client_for("us.delegate").post(
        f"/agenda/items/{item.pk}/edit/",
        {"title_en": "Changed", "title_ko": "변경", "status": "open"},
    )
    event = AuditEvent.objects.order_by("-id").first()
    assert AuditEvent.objects.count() == before + 1
    assert (event.verb, event.object_type, event.actor) == (
        "change",
        "agenda.AgendaItem",
        "us.delegate",
    )


def test_a_failed_save_loses_nothing(users: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from wgdesk.web.agenda import actions as agenda_actions
    from wgdesk.web.core import records

    item = _item("Video reunions")
    before = (item.title_ko, item.title_en, AuditEvent.objects.count())

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(records, "record", broken)
    with pytest.raises(RuntimeError):
        agenda_actions.edit_item(
            users["us.delegate"], item, ("새 제목", "New title"), ("", ""), "open"
        )
    item = AgendaItem.objects.get(pk=item.pk)
    assert (item.title_ko, item.title_en, AuditEvent.objects.count()) == before


def test_audit_page_for_steering_roles_only_and_filtered(client_for: Any) -> None:
    rok_note = Note.objects.get(body__startswith="미국 측은")
    assert client_for("rok.delegate").get("/audit/").status_code == 403
    notes = {"kind": "notes.Note"}
    us_page = client_for("us.secretariat").get("/audit/", notes).context["events"]
    rok_page = client_for("rok.secretariat").get("/audit/", notes).context["events"]
    assert str(rok_note.pk) in {d.event.object_id for d in rok_page}
    assert str(rok_note.pk) not in {d.event.object_id for d in us_page}


def test_add_meeting_series(client_for: Any) -> None:
    from wgdesk.web.meetings.models import MeetingSeries

    data = {"title_ko": "실무급 회의", "title_en": "Working-level meetings"}
    assert client_for("rok.secretariat").post("/meetings/series/new/", data).status_code == 302
    assert MeetingSeries.objects.filter(title_en="Working-level meetings").exists()
    assert client_for("rok.liaison").post("/meetings/series/new/", data).status_code == 403


def test_record_url_tag_gives_what_reverse_gives() -> None:
    for name in ("agenda:item", "meetings:detail", "actionitems:detail", "positions:item"):
        for pk in (1, 7, 42, 987654321, 10**12):
            assert desk_tags.record_url(name, pk) == reverse(name, args=[pk])
    with pytest.raises(NoReverseMatch):
        desk_tags.record_url("meetings:list", 1)


# --- side badges -----------------------------------------------------------------------

ROK_BADGE = '<span class="badge side-ROK">한국</span>'
US_BADGE = '<span class="badge side-US">미국</span>'


def test_side_badge_names_the_side_in_the_readers_language() -> None:
    with translation.override("ko"):
        assert desk_tags.side_badge(Side.objects.get(code="ROK")) == ROK_BADGE
        assert desk_tags.side_badge("US") == US_BADGE
    with translation.override("en"):
        assert desk_tags.side_badge("US") == '<span class="badge side-US">US</span>'
    # A code is data: one that is not a plain word colours nothing and is escaped.
    odd = desk_tags.side_badge('x" onclick="y')
    assert odd == '<span class="badge">x&quot; onclick=&quot;y</span>'
    assert desk_tags.side_badge("") == "" and desk_tags.side_badge(None) == ""


def test_pages_showing_a_side_show_its_badge_never_its_code(
    client_for: Any, loaded_lists: list[Any]
) -> None:
    client = client_for("lee.dohoon")
    client.cookies["django_language"] = "ko"
    seoul = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    project = Project.objects.exclude(status="draft").first()
    assert project is not None
    pages = {
        "/": {ROK_BADGE},  # the header: the reader's own side
        seoul.get_absolute_url(): {ROK_BADGE, US_BADGE},  # attendance, notes
        "/positions/": {ROK_BADGE, US_BADGE},
        f"/positions/items/{_item('Joint survey').pk}/": {ROK_BADGE, US_BADGE},
        "/action-items/": {ROK_BADGE, US_BADGE},
        "/engagements/": {ROK_BADGE},
        "/sanctions/": {ROK_BADGE},  # saved reviews
        "/sanctions/entries/un/KPi.901/": {ROK_BADGE},  # this side's dispositions
        "/audit/": {ROK_BADGE, US_BADGE},  # who did what
        project.get_absolute_url(): {US_BADGE if project.side.code == "US" else ROK_BADGE},
    }
    for url, badges in pages.items():
        response = client.get(url)
        page = response.content.decode()
        assert response.status_code == 200, url
        assert all(badge in page for badge in badges), url
        assert ">ROK<" not in page and ">US<" not in page, url
