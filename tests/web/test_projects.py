"""Cooperation projects: the record and its versions, the workflow state machine, the
policy on every page, side-only reviews, the joint decision frozen with its minutes, the
Committee's answer, shipments against the approval, notifications and reminders."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.utils import translation

from wgdesk.rules.project import read_project
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.decisions import actions as decision_actions
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes import actions as minutes_actions
from wgdesk.web.minutes.freeze import RecordFrozen
from wgdesk.web.notifications.actions import pending_reminders
from wgdesk.web.projects import actions, workflow
from wgdesk.web.projects.models import Project, ProjectFlag, SideReview
from wgdesk.web.projects.workflow import Facts, State, Step

pytestmark = pytest.mark.django_db
SITE = "https://desk.example.org"
US_SECRET = "Washington checks the families goods for dual use"


@pytest.fixture
def addresses(users: dict[str, Any], settings: Any) -> dict[str, Any]:
    """Every demo user gets an email address, and the desk a public address."""
    settings.SITE_URL = SITE
    for username, user in users.items():
        user.email = f"{username}@example.org"
        user.save()
    return users


def _project(key: str) -> Project:
    """A demo project by the start of its English title."""
    starts = {"survey": "Survey train", "families": "Video reunions", "ceremony": "Goods for"}
    return Project.objects.get(title_en__startswith=starts[key])


def _open_meeting() -> Meeting:
    """The January video conference: no minutes yet, so a decision can be recorded there."""
    return Meeting.objects.get(title_en="Working Group video conference")


def _to_approval(users: dict[str, Any], project: Project) -> Project:
    """Carry a draft through both reviews, the decision, the request and the Committee."""
    project = actions.submit(users["rok.liaison"], project)
    for side in ("rok", "us"):
        review = actions.save_review(users[f"{side}.delegate"], project, "support", "", "ok", 0)
        actions.share_review(users[f"{side}.delegate"], review)
    project = actions.decide(
        users["us.secretariat"],
        project,
        _open_meeting(),
        "exemption",
        ("면제 신청", "Request an exemption"),
        date(2019, 1, 14),
    )
    project = actions.to_committee(users["rok.delegate"], project, date(2019, 1, 15), "S/AC.49")
    return actions.committee_decision(
        users["rok.delegate"],
        project,
        True,
        date(2019, 1, 20),
        "Equipment returns south.",
        date(2019, 7, 20),
        "",
    )


# --- the state machine, as pure rules -------------------------------------------------


def test_every_step_is_refused_outside_its_states_with_a_clear_message() -> None:
    for step, transition in workflow.TRANSITIONS.items():
        for state in State:
            reason = workflow.refusal(
                step, Facts(state, frozenset({"ROK", "US"}), frozenset({"ROK", "US"}))
            )
            assert (reason is None) == (state in transition.sources), (step, state)
            if reason is not None:
                assert str(transition.label) in reason and str(state.label) in reason


def test_the_joint_decision_waits_for_both_shared_reviews_and_for_dispositions() -> None:
    sides = frozenset({"ROK", "US"})
    waiting = workflow.refusal(Step.DECIDE, Facts(State.SUBMITTED, frozenset({"ROK"}), sides))
    assert waiting is not None and "US" in waiting
    assert workflow.refusal(Step.DECIDE, Facts(State.SUBMITTED, sides, sides)) is None
    blocked = workflow.refusal(Step.DECIDE, Facts(State.SUBMITTED, sides, sides, 1))
    assert blocked is not None and "disposition" in blocked
    with translation.override("ko"):
        korean = workflow.refusal(Step.SUBMIT, Facts(State.CLOSED))
    assert korean is not None and "종료" in korean  # the state's Korean label


def test_targets_of_the_branching_steps() -> None:
    assert workflow.target_of(Step.DECIDE, "exemption") is State.REQUEST
    assert workflow.target_of(Step.DECIDE, "proceed") is State.CLEARED
    assert workflow.target_of(Step.DECIDE, "decline") is State.CLOSED
    assert workflow.target_of(Step.COMMITTEE, "approved") is State.APPROVED
    assert workflow.target_of(Step.COMMITTEE, "rejected") is State.REJECTED


# --- the record and its versions ------------------------------------------------------


def test_demo_holds_projects_in_several_states() -> None:
    assert _project("survey").status == State.DRAFT
    assert _project("families").status == State.SUBMITTED
    ceremony = _project("ceremony")
    assert ceremony.status == State.APPROVED and ceremony.shipments.count() == 1
    assert ceremony.decision.meeting.title_en == "Working Group meeting in Seoul"


def test_each_change_of_the_file_is_a_new_version_with_a_diff(client_for: Any) -> None:
    project = _project("survey")
    client = client_for("rok.liaison")
    page = client.get(f"/projects/{ref(project.pk)}/edit/")
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    data["file_text"] = data["file_text"].replace("quantity: 50", "quantity: 60")
    assert client.post(f"/projects/{ref(project.pk)}/edit/", data).status_code == 302
    assert list(project.versions.values_list("number", flat=True).order_by("number")) == [1, 2]
    diff = client.get(f"/projects/{ref(project.pk)}/versions/2/").content.decode()
    assert "<del>-" in diff and "<ins>+" in diff and "60" in diff
    # The stored file is the engine's format, title written in: `wgdesk review` reads it.
    stored = read_project(project.versions.get(number=2).text, "yaml")
    assert stored.title == project.title_en and stored.items[2].quantity == 60
    # A file with problems is refused with every problem listed, and nothing is lost.
    data["file_text"] = "items:\n  - {hs: '808.10', direction: north}\n"
    response = client.post(f"/projects/{ref(project.pk)}/edit/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "items[0].direction" in body and "items[0].hs" in body and "808.10" in body
    assert project.versions.count() == 2


def test_a_draft_is_its_sides_own_until_submitted(client_for: Any, users: dict[str, Any]) -> None:
    project = _project("survey")
    url = f"/projects/{ref(project.pk)}/"
    assert client_for("us.delegate").get(url).status_code == 404
    assert project.title_en not in client_for("us.delegate").get("/projects/").content.decode()
    assert (
        client_for("us.delegate").get("/search/?q=DMZ").content.decode().count(project.title_en)
        == 0
    )
    assert client_for("rok.observer").get(url).status_code == 200
    assert client_for("rok.observer").post(f"{url}steps/submit/").status_code == 403
    assert client_for("us.delegate").post(f"{url}steps/submit/").status_code == 404
    assert client_for("rok.liaison").post(f"{url}steps/submit/").status_code == 302
    assert client_for("us.delegate").get(url).status_code == 200
    event = AuditEvent.objects.get(
        verb="submit", object_type="projects.Project", object_id=str(project.pk)
    )
    assert event.side_id is None  # the step is visible on both sides' audit trails


# --- the workflow through the pages ---------------------------------------------------


def test_an_invalid_transition_answers_409_with_the_reason_in_the_readers_language(
    client_for: Any,
) -> None:
    project = _project("families")
    client = client_for("rok.delegate")
    response = client.post(f"/projects/{ref(project.pk)}/steps/close/", {"note": "x"})
    assert response.status_code == 409
    assert "Close the project" in response.content.decode()
    client.post("/i18n/setlang/", {"language": "ko"})
    korean = client.post(f"/projects/{ref(project.pk)}/steps/to_committee/").content.decode()
    assert "위원회" in korean
    assert Project.objects.get(pk=project.pk).status == State.SUBMITTED
    # Deciding needs both shared reviews: the US review is still side-only.
    decide = client_for("rok.secretariat").get(f"/projects/{ref(project.pk)}/steps/decide/")
    assert decide.status_code == 409 and "US" in decide.content.decode()


def test_side_only_review_never_reaches_the_other_side(
    client_for: Any,
    addresses: dict[str, Any],
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    project = _project("families")
    review = SideReview.objects.get(project=project, side__code="US")
    assert review.visibility == "side" and US_SECRET in review.notes
    rok = client_for("lee.dohoon")
    search = "/search/?q=families+goods+dual"
    for url in (
        f"/projects/{ref(project.pk)}/",
        search,
        "/audit/",
        f"/api/v1/projects/{ref(project.pk)}",
    ):
        assert US_SECRET not in rok.get(url).content.decode(), url
    assert rok.get(search).context["found"].by_kind["projects.SideReview"] == 0
    us = client_for("us.delegate")
    assert US_SECRET in us.get(f"/projects/{ref(project.pk)}/").content.decode()
    assert us.get(search).context["found"].by_kind["projects.SideReview"] == 1
    # The US liaison may edit but not share (as for positions); the delegate shares it.
    assert (
        client_for("us.liaison").post(f"/projects/{ref(project.pk)}/review/share/").status_code
        == 403
    )
    with django_capture_on_commit_callbacks(execute=True):
        shared = client_for("us.delegate").post(f"/projects/{ref(project.pk)}/review/share/")
    assert shared.status_code == 302
    assert US_SECRET in rok.get(f"/projects/{ref(project.pk)}/").content.decode()
    assert rok.get(search).context["found"].by_kind["projects.SideReview"] == 1
    # Shared means final; and the emails said only that it was shared.
    assert all(US_SECRET not in m.body for m in mailoutbox) and mailoutbox
    response = client_for("us.delegate").post(
        f"/projects/{ref(project.pk)}/review/", {"verdict": "object", "classification": "0"}
    )
    assert response.status_code == 409


def test_railway_survey_from_draft_to_approval_and_shipments(
    users: dict[str, Any],
    addresses: dict[str, Any],
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        project = _to_approval(users, _project("survey"))
    assert project.status == State.APPROVED and project.expires_on == date(2019, 7, 20)
    assert "1718" in project.request_text and project.request_annex
    steps = list(project.events.values_list("step", flat=True))
    assert steps == ["submit", "decide", "to_committee", "committee"]
    events = AuditEvent.objects.filter(object_type="projects.Project", object_id=str(project.pk))
    verbs = set(events.values_list("verb", flat=True))
    assert {"create", "version", "submit", "decide", "to_committee", "committee"} <= verbs
    # Both sides' co-chairs and secretariat were told of each step.
    told = {m.to[0] for m in mailoutbox}
    assert {"lee.dohoon@example.org", "us.secretariat@example.org"} <= told
    assert "rok.observer@example.org" not in told
    # Shipments are checked against what was approved.
    ship = actions.add_shipment
    ship(users["rok.delegate"], project, "fuel", 30, date(2019, 2, 1), "Dorasan", "")
    with pytest.raises(actions.StepRefused, match="exceed the approved quantity of 50"):
        ship(users["rok.delegate"], project, "fuel", 30, date(2019, 2, 2), "Dorasan", "")
    with pytest.raises(actions.StepRefused, match="not an item or activity"):
        ship(users["rok.delegate"], project, "tanks", 1, date(2019, 2, 2), "Dorasan", "")
    with pytest.raises(actions.StepRefused, match="expired on 2019-07-20"):
        ship(users["rok.delegate"], project, "survey", None, date(2019, 8, 1), "Kaesong", "")
    project = actions.close(users["rok.delegate"], project, "Survey done.")
    assert project.status == State.CLOSED


def test_the_joint_decision_is_frozen_with_its_minutes(users: dict[str, Any]) -> None:
    project = _to_approval(users, _project("survey"))
    meeting = project.decision.meeting
    clerk, rok, us = users["rok.secretariat"], users["lee.dohoon"], users["stephen.biegun"]
    record = minutes_actions.start(clerk, meeting)
    record = minutes_actions.save(clerk, record, record.revision, "회의록", "Minutes")
    record = minutes_actions.approve(rok, minutes_actions.submit(clerk, record))
    minutes_actions.approve(us, record)
    with pytest.raises(RecordFrozen):
        decision_actions.edit_decision(clerk, project.decision, ("바꿈", "Changed"), 0)
    # A decision cannot be taken at a meeting whose minutes are locked.
    families = _project("families")
    actions.share_review(users["us.delegate"], families.reviews.get(side__code="US"))
    with pytest.raises(actions.StepRefused, match="locked"):
        actions.decide(clerk, families, meeting, "proceed", ("", "Go"), date(2019, 1, 14))


def test_rejection_needs_reasons_and_approval_an_expiry(users: dict[str, Any]) -> None:
    project = _to_approval(users, _project("survey"))
    project.status = State.AT_COMMITTEE  # look at the Committee step's own checks
    project.save()
    with pytest.raises(actions.StepRefused, match="reasons"):
        actions.committee_decision(
            users["rok.delegate"], project, False, date(2019, 2, 1), "", None, " "
        )
    with pytest.raises(actions.StepRefused, match="expiry"):
        actions.committee_decision(
            users["rok.delegate"], project, True, date(2019, 2, 1), "", None, ""
        )


def test_expiring_approvals_on_the_dashboard_and_in_the_reminders(
    client_for: Any, addresses: dict[str, Any]
) -> None:
    ceremony = _project("ceremony")
    assert ceremony.title_en in client_for("us.secretariat").get("/").content.decode()
    reminders = {r.user.username: r for r in pending_reminders(date(2019, 6, 1), 3)}
    assert reminders["stephen.biegun"].projects == [ceremony]
    assert "us.delegate" not in reminders or not reminders["us.delegate"].projects
    far = {r.user.username: r for r in pending_reminders(date(2019, 1, 1), 3)}
    assert "lee.dohoon" not in far or not far["lee.dohoon"].projects


def test_blocking_flag_holds_the_next_step(users: dict[str, Any]) -> None:
    project = _project("families")
    ProjectFlag.objects.create(
        project=project,
        party="X",
        old_decision="clear",
        new_decision="match",
        old_versions="un a",
        new_versions="un b",
        blocking=True,
    )
    actions.share_review(users["us.delegate"], project.reviews.get(side__code="US"))
    with pytest.raises(actions.StepRefused, match="disposition"):
        actions.decide(
            users["rok.secretariat"],
            project,
            _open_meeting(),
            "proceed",
            ("", "Go"),
            date(2019, 1, 14),
        )


# --- the HTTP API ---------------------------------------------------------------------


def test_api_lists_and_shows_projects_through_the_policy(users: dict[str, Any]) -> None:
    from tests.web.test_api import _token, conforms

    us, rok = _token(users["us.delegate"]), _token(users["rok.delegate"])
    survey, families = _project("survey"), _project("families")
    us_list = conforms(us.get("/api/v1/projects"), "/projects")
    rok_list = conforms(rok.get("/api/v1/projects"), "/projects")
    assert rok_list["count"] == us_list["count"] + 1  # the ROK draft
    assert ref(survey.pk) not in {p["id"] for p in us_list["projects"]}
    hidden = conforms(us.get(f"/api/v1/projects/{ref(survey.pk)}"), "/projects/{id}")
    assert hidden["error"]["code"] == "not_found"
    drafts = conforms(rok.get("/api/v1/projects?state=draft"), "/projects")
    assert [p["id"] for p in drafts["projects"]] == [ref(survey.pk)]
    assert rok.get("/api/v1/projects?state=nonsense").status_code == 400
    # Each side reads its own review and the other's once shared, never an unshared one.
    mine = conforms(us.get(f"/api/v1/projects/{ref(families.pk)}"), "/projects/{id}")
    assert {r["side"] for r in mine["reviews"]} == {"ROK", "US"}
    theirs = conforms(rok.get(f"/api/v1/projects/{ref(families.pk)}"), "/projects/{id}")
    assert [r["side"] for r in theirs["reviews"]] == ["ROK"]
    assert US_SECRET not in rok.get(f"/api/v1/projects/{ref(families.pk)}").content.decode()
    version = conforms(
        rok.get(f"/api/v1/projects/{ref(survey.pk)}/versions/1"), "/projects/{id}/versions/{number}"
    )
    assert version["number"] == 1 and "Korea Railroad Corporation" in version["file"]
    ceremony_url = f"/api/v1/projects/{ref(_project('ceremony').pk)}"
    ceremony = conforms(rok.get(ceremony_url), "/projects/{id}")
    assert [t["step"] for t in ceremony["transitions"]] == [
        "submit",
        "decide",
        "to_committee",
        "committee",
    ]
    assert ceremony["shipments"][0]["line"] == "stage"


def test_files_on_a_project_follow_its_scope(
    users: dict[str, Any], client_for: Any, tmp_path: Any, settings: Any
) -> None:
    from wgdesk.web.attachments import actions as attachments

    settings.MEDIA_ROOT = tmp_path
    project = _project("survey")
    draft_file = attachments.upload(
        users["rok.liaison"], project, "route.txt", b"route map", "text/plain", "shared", 0
    )
    assert draft_file.visibility == "side"  # a file on a draft is side-only, asked or not
    actions.submit(users["rok.liaison"], project)
    shared_file = attachments.upload(
        users["rok.liaison"], project, "plan.txt", b"survey plan", "text/plain", "shared", 0
    )
    page = client_for("us.delegate").get(f"/projects/{ref(project.pk)}/").content.decode()
    assert "plan.txt" in page and "route.txt" not in page
    assert (
        client_for("us.delegate").get(f"/attachments/{ref(draft_file.pk)}/download/").status_code
        == 404
    )
    assert (
        client_for("us.delegate").get(f"/attachments/{ref(shared_file.pk)}/download/").status_code
        == 200
    )
