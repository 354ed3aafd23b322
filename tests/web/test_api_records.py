"""The HTTP API over the desk's records: the project workflow's steps (the same actions and
rules as the pages), a project's versions, meetings, minutes, decisions, action items and
positions, all through the pages' policy. Every answer is checked against openapi.yaml."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import reverse

from tests.web.test_api import _token, conforms
from tests.web.test_projects import US_SECRET, _open_meeting, _project
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.decisions.models import Decision
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes import actions as minutes_actions
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.positions import actions as position_actions
from wgdesk.web.positions.models import Position
from wgdesk.web.projects import actions
from wgdesk.web.projects.models import Project, ProjectEvent
from wgdesk.web.projects.workflow import State

pytestmark = pytest.mark.django_db
MISSING = ref(10**12 + 7)  # a reference no record has
TRANSITIONS = "/projects/{id}/transitions"


def _step(client: Client, project: Project, body: dict[str, Any]) -> Any:
    """POST a step to a project's transitions, checked against the document."""
    url = f"/api/v1/projects/{ref(project.pk)}/transitions"
    response = client.post(url, json.dumps(body), content_type="application/json")
    conforms(response, TRANSITIONS, "post")
    return response


def _same_as_missing(client: Client, url: str, hidden_pk: int, method: str = "get") -> None:
    """A hidden record's URL answers exactly as the same URL naming no record."""
    hidden = getattr(client, method)(url)
    missing = getattr(client, method)(url.replace(ref(hidden_pk), MISSING))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


# --- the project workflow ---------------------------------------------------------------


def test_the_workflow_through_the_api_follows_the_pages_rules(users: dict[str, Any]) -> None:
    survey = _project("survey")  # a ROK draft
    liaison, observer = _token(users["rok.liaison"]), _token(users["rok.observer"])
    us_secretariat, us_delegate = _token(users["us.secretariat"]), _token(users["us.delegate"])
    # The other side cannot see the draft: 404 as for no project at all.
    url = f"/api/v1/projects/{ref(survey.pk)}/transitions"
    _same_as_missing(us_delegate, url, survey.pk)
    _same_as_missing(us_delegate, url, survey.pk, "post")
    offered = conforms(liaison.get(url), TRANSITIONS)
    assert offered["steps"] == [{"step": "submit", "allowed": True, "refusal": None}]
    assert conforms(observer.get(url), TRANSITIONS)["steps"] == []
    assert _step(observer, survey, {"step": "submit"}).status_code == 403
    assert _step(liaison, survey, {"step": "decide"}).status_code == 403  # not its role
    refused = _step(liaison, survey, {"step": "close"})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "step_refused"
    assert "not possible while the project is" in refused.json()["error"]["message"]
    assert _step(liaison, survey, {"step": "launch"}).status_code == 400
    assert _step(liaison, survey, {"step": "submit", "note": ["x"]}).status_code == 400
    assert not ProjectEvent.objects.filter(project=survey).exists()
    submitted = _step(liaison, survey, {"step": "submit"})
    assert submitted.status_code == 201 and submitted.json()["state"] == "submitted"
    assert AuditEvent.objects.filter(verb="submit", object_id=str(survey.pk)).exists()
    survey.refresh_from_db()
    # The joint decision waits for both sides' shared reviews, as on the page.
    decide = {
        "step": "decide",
        "meeting": _open_meeting().pk,
        "outcome": "exemption",
        "text_en": "Request an exemption",
        "decided_on": "2019-01-14",
    }
    waiting = _step(us_secretariat, survey, decide)
    assert waiting.status_code == 409 and "Both sides must share" in waiting.text
    for side in ("rok", "us"):
        review = actions.save_review(users[f"{side}.delegate"], survey, "support", "", "ok", 0)
        actions.share_review(users[f"{side}.delegate"], review)
    wrong = _step(us_secretariat, survey, {**decide, "meeting": None, "decided_on": "soon"})
    assert wrong.status_code == 400
    assert {p["path"] for p in wrong.json()["error"]["problems"]} == {"meeting", "decided_on"}
    locked = Meeting.objects.get(minutes__status="locked")
    assert _step(us_secretariat, survey, {**decide, "meeting": locked.pk}).status_code == 400
    decided = _step(us_secretariat, survey, decide)  # either side takes the joint step
    assert decided.status_code == 201 and decided.json()["state"] == "request"
    assert Decision.objects.get(pk=Project.objects.get(pk=survey.pk).decision_id)
    assert decided.json()["decision"] == ref(Project.objects.get(pk=survey.pk).decision_id)
    # The request's steps are the project's side's own.
    to_committee = {"step": "to_committee", "submitted_on": "2019-01-15", "reference": "S/1"}
    assert _step(us_delegate, survey, to_committee).status_code == 403
    assert _step(_token(users["rok.delegate"]), survey, to_committee).status_code == 201
    answer = {"step": "committee", "answer": "approved", "decided_on": "2019-01-20"}
    no_expiry = _step(_token(users["rok.delegate"]), survey, answer)
    assert no_expiry.status_code == 409 and "expiry" in no_expiry.json()["error"]["message"]
    approved = _step(_token(users["rok.delegate"]), survey, {**answer, "expires_on": "2019-07-20"})
    assert approved.status_code == 201 and approved.json()["state"] == State.APPROVED
    steps = [t["step"] for t in approved.json()["transitions"]]
    assert steps == ["submit", "decide", "to_committee", "committee"]


def test_session_steps_need_the_csrf_token(users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["rok.liaison"])
    project = _project("survey")
    url = f"/api/v1/projects/{ref(project.pk)}/transitions"
    response = client.post(url, json.dumps({"step": "submit"}), content_type="application/json")
    assert response.status_code == 403 and response.json()["error"]["code"] == "csrf_failed"
    assert Project.objects.get(pk=project.pk).status == State.DRAFT


def test_versions_are_listed_and_read_through_the_projects_scope(users: dict[str, Any]) -> None:
    survey = _project("survey")
    rok = _token(users["rok.delegate"])
    listed = conforms(
        rok.get(f"/api/v1/projects/{ref(survey.pk)}/versions"), "/projects/{id}/versions"
    )
    assert listed["count"] == 1 and listed["versions"][0]["number"] == 1
    us = _token(users["us.delegate"])
    _same_as_missing(us, f"/api/v1/projects/{ref(survey.pk)}/versions", survey.pk)
    _same_as_missing(us, f"/api/v1/projects/{ref(survey.pk)}/versions/1", survey.pk)
    assert rok.get(f"/api/v1/projects/{ref(survey.pk)}/versions?limit=0").status_code == 400


def test_an_unshared_review_reaches_the_other_side_through_no_project_endpoint(
    users: dict[str, Any],
) -> None:
    families = _project("families")  # the US review of it is side-only, with US_SECRET
    rok = _token(users["lee.dohoon"])
    base = f"/api/v1/projects/{ref(families.pk)}"
    for url in (base, f"{base}/versions", f"{base}/versions/1", f"{base}/transitions"):
        response = rok.get(url)
        assert response.status_code == 200 and US_SECRET not in response.content.decode(), url
    assert US_SECRET in _token(users["us.delegate"]).get(base).content.decode()


# --- meetings and minutes ---------------------------------------------------------------


def test_a_meeting_with_its_agenda_decisions_actions_and_minutes(users: dict[str, Any]) -> None:
    meeting = Meeting.objects.get(minutes__status="locked")
    observer = _token(users["us.observer"])
    shown = conforms(observer.get(f"/api/v1/meetings/{meeting.pk}"), "/meetings/{id}")
    assert shown["minutes"]["status"] == "locked" and shown["agenda"]
    visible = Decision.objects.filter(meeting=meeting, classification=0)
    assert {d["id"] for d in shown["decisions"]} == {ref(d.pk) for d in visible}
    minutes = conforms(
        observer.get(f"/api/v1/meetings/{meeting.pk}/minutes"), "/meetings/{id}/minutes"
    )
    assert minutes["locked"] and minutes["locked_at"] and minutes["portion_mark"] == "(U)"
    assert {a["side"] for a in minutes["approvals"]} == {"ROK", "US"}
    assert minutes["body_en"] == Minutes.objects.get(meeting=meeting).body.en
    assert observer.get("/api/v1/meetings/999999/minutes").status_code == 404


def test_minutes_above_the_readers_clearance_answer_as_no_minutes(users: dict[str, Any]) -> None:
    marked = Minutes.objects.get(status="submitted")
    Minutes.objects.filter(pk=marked.pk).update(classification=2)
    without = _open_meeting()  # no minutes at all
    liaison = _token(users["rok.liaison"])  # cleared for restricted (1)
    hidden = liaison.get(f"/api/v1/meetings/{marked.meeting_id}/minutes")
    missing = liaison.get(f"/api/v1/meetings/{without.pk}/minutes")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content
    detail = conforms(liaison.get(f"/api/v1/meetings/{marked.meeting_id}"), "/meetings/{id}")
    assert detail["minutes"] is None and marked.body.en not in json.dumps(detail)
    read = _token(users["rok.delegate"]).get(f"/api/v1/meetings/{marked.meeting_id}/minutes")
    assert conforms(read, "/meetings/{id}/minutes")["portion_mark"] == "(C)"


def test_every_revision_of_the_minutes_through_the_api(users: dict[str, Any]) -> None:
    minutes = Minutes.objects.get(status="submitted")
    path = "/meetings/{id}/minutes/revisions"
    url = f"/api/v1/meetings/{minutes.meeting_id}/minutes/revisions"
    before = conforms(_token(users["us.observer"]).get(url), path)
    minutes = minutes_actions.reopen(users["rok.secretariat"], minutes)  # back to draft
    saved = minutes_actions.save(
        users["rok.secretariat"], minutes, minutes.revision, "개정된 의사록", "Revised minutes"
    )
    after = conforms(_token(users["us.observer"]).get(url), path)
    assert after["current"] == saved.revision == before["current"] + 1
    newest = after["revisions"][0]
    assert newest["number"] == saved.revision and newest["body_en"] == "Revised minutes"
    numbers = [r["number"] for r in after["revisions"]]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) == len(before["revisions"]) + 1
    # Above the reader's clearance: 404 as for a meeting without minutes, history included.
    Minutes.objects.filter(pk=minutes.pk).update(classification=2)
    liaison = _token(users["rok.liaison"])
    hidden = liaison.get(url)
    missing = liaison.get(f"/api/v1/meetings/{_open_meeting().pk}/minutes/revisions")
    assert hidden.status_code == missing.status_code == 404 and hidden.content == missing.content
    assert b"Revised minutes" not in hidden.content


# --- decisions and action items ---------------------------------------------------------


def test_decisions_are_read_through_the_clearance(users: dict[str, Any]) -> None:
    restricted = Decision.objects.get(classification=1)
    observer, liaison = _token(users["rok.observer"]), _token(users["rok.liaison"])
    seen = conforms(observer.get("/api/v1/decisions"), "/decisions")
    assert seen["count"] == Decision.objects.filter(classification=0).count()
    assert ref(restricted.pk) not in {d["id"] for d in seen["decisions"]}
    _same_as_missing(observer, f"/api/v1/decisions/{ref(restricted.pk)}", restricted.pk)
    one = conforms(liaison.get(f"/api/v1/decisions/{ref(restricted.pk)}"), "/decisions/{id}")
    assert one["portion_mark"] == "(R)" and one["text_en"] == restricted.text.en
    at = conforms(liaison.get(f"/api/v1/decisions?meeting={restricted.meeting_id}"), "/decisions")
    assert {d["meeting"]["id"] for d in at["decisions"]} == {restricted.meeting_id}
    assert liaison.get("/api/v1/decisions?meeting=x").status_code == 400


def test_action_items_are_listed_and_their_status_changed_as_on_the_page(
    users: dict[str, Any],
) -> None:
    item = ActionItem.objects.filter(meeting__minutes__status="locked", status="open").first()
    assert item is not None  # the minutes of its meeting are locked: only its status may move
    url = f"/api/v1/action-items/{ref(item.pk)}"
    listed = conforms(
        _token(users["rok.liaison"]).get("/api/v1/action-items?status=open"), "/action-items"
    )
    assert ref(item.pk) in {a["id"] for a in listed["action_items"]}
    assert all(a["status"] in ("open", "in_progress") for a in listed["action_items"])
    bad = _token(users["rok.liaison"]).get("/api/v1/action-items?side=Mars")
    assert bad.status_code == 400

    def patch(username: str, body: Any) -> Any:
        response = _token(users[username]).patch(url, json.dumps(body), "application/json")
        conforms(response, "/action-items/{id}", "patch")
        return response

    assert patch("us.observer", {"status": "done"}).status_code == 403
    assert patch("rok.liaison", {"status": "finished"}).status_code == 400
    done = patch("rok.liaison", {"status": "done"})  # either side's editors, as on the page
    assert done.status_code == 200 and done.json()["status"] == "done" and done.json()["closed_at"]
    assert ActionItem.objects.get(pk=item.pk).status == "done"
    assert AuditEvent.objects.filter(
        object_type="actionitems.ActionItem", object_id=str(item.pk)
    ).exists()
    # A classified action item is hidden from the uncleared, for reading and writing.
    ActionItem.objects.filter(pk=item.pk).update(classification=2)
    observer, liaison = _token(users["us.observer"]), _token(users["rok.liaison"])
    _same_as_missing(observer, url, item.pk)
    hidden = liaison.patch(url, json.dumps({"status": "open"}), "application/json")
    missing = liaison.patch(url.replace(ref(item.pk), MISSING), json.dumps({}), "application/json")
    assert hidden.status_code == missing.status_code == 404 and hidden.content == missing.content
    assert ActionItem.objects.get(pk=item.pk).status == "done"


# --- positions --------------------------------------------------------------------------


def test_a_sides_draft_and_unshared_edit_never_reach_the_other_side(
    users: dict[str, Any],
) -> None:
    shared = Position.objects.get(side__code="US", status="shared")
    draft = Position.objects.get(side__code="US", status="draft")
    secret = "Washington's unshared rewording of its stance"
    position_actions.save_position(
        users["us.delegate"], shared.agenda_item, (shared.stance.ko, secret), shared.classification
    )
    rok = _token(users["lee.dohoon"])  # the other side's co-chair, cleared for everything
    everything = [
        "/api/v1/positions",
        f"/api/v1/positions?agenda_item={shared.agenda_item_id}",
        f"/api/v1/positions/{ref(shared.pk)}",
        "/api/v1/positions?side=US",
        "/api/v1/decisions",
        "/api/v1/action-items",
        "/api/v1/meetings",
    ]
    for url in everything:
        body = rok.get(url).content.decode()
        assert secret not in body and draft.stance.en not in body, url
    listed = conforms(rok.get("/api/v1/positions"), "/positions")
    assert ref(draft.pk) not in {p["id"] for p in listed["positions"]}
    _same_as_missing(rok, f"/api/v1/positions/{ref(draft.pk)}", draft.pk)
    theirs = conforms(rok.get(f"/api/v1/positions/{ref(shared.pk)}"), "/positions/{id}")
    assert theirs["stance_en"] == shared.stance.en and theirs["pending"] is None
    assert [h["number"] for h in theirs["history"]] == [1]  # the unshared edit is not counted
    own = conforms(
        _token(users["us.liaison"]).get(f"/api/v1/positions/{ref(shared.pk)}"), "/positions/{id}"
    )
    assert own["pending"]["stance_en"] == secret and own["stance_en"] == shared.stance.en
    assert len(own["history"]) == 2
    mine_url = f"/api/v1/positions/{ref(draft.pk)}"
    mine = conforms(_token(users["us.liaison"]).get(mine_url), "/positions/{id}")
    assert mine["status"] == "draft" and mine["portion_mark"] == "(R)"
    for bad in ("-1", "²", "1" * 19):
        assert rok.get(f"/api/v1/positions?agenda_item={bad}").status_code == 400, bad


def test_each_sides_review_through_the_api_stays_with_it_until_shared(
    users: dict[str, Any],
) -> None:
    survey = actions.submit(users["rok.liaison"], _project("survey"))
    secret = "Seoul's own doubts about the Donghae line"

    def post(username: str, suffix: str, body: Any = None) -> Any:
        """POST to /projects/<ref><suffix>, checked against the document."""
        url, payload = f"/api/v1/projects/{ref(survey.pk)}{suffix}", json.dumps(body or {})
        response = _token(users[username]).post(url, payload, content_type="application/json")
        conforms(response, f"/projects/{{id}}{suffix}", "post")
        return response

    assert (
        post("rok.observer", "/review", {"verdict": "object", "classification": 0}).status_code
        == 403
    )
    wrong = post("rok.liaison", "/review", {"verdict": "conditions", "classification": 0})
    assert wrong.status_code == 400 and wrong.json()["error"]["problems"][0]["path"] == "conditions"
    saved = post(
        "rok.liaison", "/review", {"verdict": "object", "notes": secret, "classification": 0}
    )
    assert saved.status_code == 200 and saved.json() == {
        "side": "ROK",
        "version": 1,
        "verdict": "object",
        "conditions": "",
        "notes": secret,
        "shared": False,
        "classification": 0,
    }
    us = _token(users["stephen.biegun"])
    base = f"/api/v1/projects/{ref(survey.pk)}"
    for url in (base, f"{base}/transitions", f"{base}/versions", "/api/v1/projects"):
        assert secret not in us.get(url).content.decode(), url
    # The liaison may write the review, not share it; the delegate shares it, once.
    assert post("rok.liaison", "/review/share").status_code == 403
    assert post("us.delegate", "/review/share").status_code == 404  # no US review yet
    assert post("rok.delegate", "/review/share").json()["shared"] is True
    assert secret in us.get(base).content.decode()
    again = post("rok.delegate", "/review/share")
    assert again.status_code == 409 and again.json()["error"]["code"] == "step_refused"
    final = post("rok.liaison", "/review", {"verdict": "support", "classification": 0})
    assert final.status_code == 409


# --- the project pages' forms: a new project, a new version, the request, shipments -------


def _send(client: Client, method: str, url: str, body: Any, path: str) -> Any:
    """Send a JSON body to /api/v1<url>, the answer checked against the document at path."""
    response = getattr(client, method)(
        f"/api/v1{url}", json.dumps(body), content_type="application/json"
    )
    conforms(response, path, method)
    return response


def _new_project(survey: Project, choices: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A new project's body: the survey's track, agenda item and a sponsor of the choices."""
    return {
        "title_ko": "개성 공단 조사",
        "title_en": "Kaesong industrial zone survey, a ROK draft",
        "summary_en": "Engineers look at the zone's power lines.",
        "track": survey.track_id,
        "agenda_item": survey.agenda_item_id,
        "sponsor": choices["sponsors"][0]["id"],
        "classification": 0,
        "file": survey.versions.get(number=1).text,
        **changes,
    }


def test_a_project_is_created_through_the_page_form_as_a_draft_of_the_callers_side(
    users: dict[str, Any],
) -> None:
    survey = _project("survey")
    liaison, observer = _token(users["rok.liaison"]), _token(users["rok.observer"])
    choices = conforms(liaison.get("/api/v1/projects/choices"), "/projects/choices")
    assert choices["classifications"] == [0, 1]  # the liaison is cleared for restricted
    assert survey.agenda_item_id in {i["id"] for i in choices["agenda_items"]}
    body = _new_project(survey, choices)
    before = Project.objects.count()
    assert _send(observer, "post", "/projects", body, "/projects").status_code == 403
    us_sponsor = conforms(
        _token(users["us.delegate"]).get("/api/v1/projects/choices"), "/projects/choices"
    )
    assert not {s["id"] for s in us_sponsor["sponsors"]} & {s["id"] for s in choices["sponsors"]}
    wrong = {
        "file": "items:\n  - {hs: '808.10', direction: north}\n",
        "sponsor": us_sponsor["sponsors"][0]["id"],  # the other side's ministry
        "classification": 2,  # above the liaison's clearance
        "title_ko": "",
        "title_en": "",
    }
    refused = _send(liaison, "post", "/projects", {**body, **wrong}, "/projects")
    assert refused.status_code == 400
    problems = refused.json()["error"]["problems"]
    assert {p["path"] for p in problems} == {"file", "sponsor", "classification", "title_ko"}
    assert any("items[0].direction" in p["message"] for p in problems)
    for bad in ({"track": str(survey.track_id)}, {"colour": "red"}, {"file_text": "x"}):
        assert _send(liaison, "post", "/projects", {**body, **bad}, "/projects").status_code == 400
    assert Project.objects.count() == before
    made = _send(liaison, "post", "/projects", body, "/projects")
    assert made.status_code == 201
    shown = made.json()
    assert (shown["state"], shown["side"], shown["title_en"]) == ("draft", "ROK", body["title_en"])
    assert [v["number"] for v in shown["versions"]] == [1]
    assert shown["file"].startswith(f"title: {body['title_en']}")
    assert made["Location"] == f"/api/v1/projects/{shown['id']}"
    project = Project.objects.get(title_en=body["title_en"])
    verbs = set(
        AuditEvent.objects.filter(
            object_type="projects.Project", object_id=str(project.pk)
        ).values_list("verb", flat=True)
    )
    assert {"create", "version"} <= verbs
    # The other side never reads the draft through any endpoint, new or old.
    us = _token(users["stephen.biegun"])
    base = f"/api/v1/projects/{ref(project.pk)}"
    for suffix in ("", "/versions", "/versions/1", "/request", "/shipments", "/transitions"):
        _same_as_missing(us, base + suffix, project.pk)
    assert body["title_en"] not in us.get("/api/v1/projects").content.decode()


def test_a_session_caller_creates_a_project_only_with_the_csrf_token(users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["rok.liaison"])
    survey = _project("survey")
    choices = client.get("/api/v1/projects/choices").json()
    body = json.dumps(_new_project(survey, choices))
    before = Project.objects.count()
    response = client.post("/api/v1/projects", body, content_type="application/json")
    assert response.status_code == 403 and response.json()["error"]["code"] == "csrf_failed"
    assert Project.objects.count() == before


def test_a_new_version_through_the_api_follows_the_edit_pages_rules(
    users: dict[str, Any],
) -> None:
    survey = _project("survey")
    url, path = f"/projects/{ref(survey.pk)}/versions", "/projects/{id}/versions"
    liaison = _token(users["rok.liaison"])
    first = survey.versions.get(number=1).text
    changed = {"file": first.replace("quantity: 50", "quantity: 60")}
    hidden = _send(_token(users["us.delegate"]), "post", url, changed, path)
    missing = _token(users["us.delegate"]).post(
        f"/api/v1/projects/{MISSING}/versions", json.dumps(changed), "application/json"
    )
    assert hidden.status_code == missing.status_code == 404 and hidden.content == missing.content
    assert _send(_token(users["rok.observer"]), "post", url, changed, path).status_code == 403
    bad = _send(liaison, "post", url, {"file": "items:\n  - {hs: '808.10'}\n"}, path)
    assert bad.status_code == 400 and bad.json()["error"]["problems"][0]["path"] == "file"
    assert survey.versions.count() == 1
    made = _send(liaison, "post", url, changed, path)
    assert made.status_code == 201 and made.json()["versions"][0]["number"] == 2
    assert "quantity: 60" in made.json()["file"]
    assert (
        AuditEvent.objects.filter(
            verb="version", object_type="projects.Project", object_id=str(survey.pk)
        ).count()
        == 2
    )
    # The same file again changes no version (200); fields left out keep their values, and a
    # new title alone is a new version, as the title is written into the file.
    again = _send(liaison, "post", url, {**changed, "classification": 1}, path)
    assert again.status_code == 200 and again.json()["classification"] == 1
    assert survey.versions.count() == 2
    renamed = _send(liaison, "post", url, {"title_en": "Survey train, renamed"}, path)
    assert renamed.status_code == 201 and renamed.json()["title_en"] == "Survey train, renamed"
    assert renamed.json()["file"].startswith("title: Survey train, renamed")
    assert "quantity: 60" in renamed.json()["file"] and renamed.json()["classification"] == 1
    # Once submitted the other side reads it and may not change it; after the joint
    # decision the file is fixed (409 with the action's reason).
    families = _project("families")
    families_url = f"/projects/{ref(families.pk)}/versions"
    us_edit = _send(_token(users["us.delegate"]), "post", families_url, {}, path)
    assert us_edit.status_code == 403
    ceremony = _project("ceremony")
    fixed = _send(
        _token(users["rok.delegate"]), "post", f"/projects/{ref(ceremony.pk)}/versions", {}, path
    )
    assert fixed.status_code == 409 and "fixed once the joint decision" in fixed.text
    assert ceremony.versions.count() == 1


def test_the_exemption_request_through_the_api_as_on_its_page(users: dict[str, Any]) -> None:
    survey = _project("survey")
    url, path = f"/projects/{ref(survey.pk)}/request", "/projects/{id}/request"
    liaison = _token(users["rok.liaison"])
    draft = conforms(liaison.get(f"/api/v1{url}"), path)
    assert draft == {"text": "", "editable": False, "state": "draft"}
    early = _send(liaison, "put", url, {"text": "# Request"}, path)
    assert early.status_code == 409 and "only while it is in preparation" in early.text
    us = _token(users["us.delegate"])
    _same_as_missing(us, f"/api/v1{url}", survey.pk)
    hidden = us.put(f"/api/v1{url}", json.dumps({"text": "x"}), "application/json")
    missing = us.put(
        f"/api/v1/projects/{MISSING}/request", json.dumps({"text": "x"}), "application/json"
    )
    assert hidden.status_code == missing.status_code == 404 and hidden.content == missing.content
    # The joint decision asks for an exemption: the engine drafts the request.
    survey = actions.submit(users["rok.liaison"], survey)
    for side in ("rok", "us"):
        review = actions.save_review(users[f"{side}.delegate"], survey, "support", "", "ok", 0)
        actions.share_review(users[f"{side}.delegate"], review)
    actions.decide(
        users["us.secretariat"],
        survey,
        _open_meeting(),
        "exemption",
        ("", "Ask"),
        date(2019, 1, 14),
    )
    drafted = conforms(liaison.get(f"/api/v1{url}"), path)
    assert "1718" in drafted["text"] and drafted["editable"] is True
    assert AuditEvent.objects.filter(verb="download", data__export="project_request_md").exists()
    _request_files_as_on_the_page(liaison, users, survey)
    observer = _token(users["rok.observer"])
    assert conforms(observer.get(f"/api/v1{url}"), path)["editable"] is False
    assert _send(observer, "put", url, {"text": "# Mine"}, path).status_code == 403
    blank = _send(liaison, "put", url, {"text": ""}, path)
    assert blank.status_code == 400 and blank.json()["error"]["problems"][0]["path"] == "text"
    assert _send(liaison, "put", url, {"text": 7}, path).status_code == 400
    # Either side's editors edit the joint request, as on the page.
    saved = _send(us, "put", url, {"text": "# Request\n\nAs agreed."}, path)
    assert saved.status_code == 200 and saved.json()["text"] == "# Request\n\nAs agreed."
    assert Project.objects.get(pk=survey.pk).request_text == "# Request\n\nAs agreed."
    assert AuditEvent.objects.filter(
        verb="change", object_type="projects.Project", object_id=str(survey.pk)
    ).exists()


def _request_files_as_on_the_page(client: Client, users: dict[str, Any], project: Project) -> None:
    """The request's files through the API are the page's downloads, byte for byte, and
    each read is audited as that download is."""
    url = f"/api/v1/projects/{ref(project.pk)}/request"
    page = Client()
    page.force_login(users["rok.liaison"])
    for kind, magic in (("md", b""), ("docx", b"PK"), ("xlsx", b"PK")):
        before = AuditEvent.objects.filter(export_filter(kind)).count()
        got = client.get(f"{url}/{kind}")
        assert got.status_code == 200 and got.content.startswith(magic)
        assert got["Content-Disposition"].startswith("attachment; filename=")
        assert AuditEvent.objects.filter(export_filter(kind)).count() == before + 1
        from_page = page.get(reverse("projects:download", kwargs={"pk": project.pk, "kind": kind}))
        assert from_page.status_code == 200 and from_page.content == got.content
        assert got["Content-Type"] == from_page["Content-Type"]
    unknown = client.get(f"{url}/pdf")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"


def export_filter(kind: str) -> Q:
    """The audit events of one request-file download."""
    return Q(verb="download", data__export=f"project_request_{kind}")


def test_request_files_are_404_until_drafted_and_for_the_other_sides_draft(
    users: dict[str, Any],
) -> None:
    survey = _project("survey")  # a ROK draft: nothing drafted yet, the US cannot see it
    url = f"/api/v1/projects/{ref(survey.pk)}/request/docx"
    early = _token(users["rok.liaison"]).get(url)
    assert early.status_code == 404 and early.json()["error"]["code"] == "not_found"
    assert not AuditEvent.objects.filter(export_filter("docx")).exists()
    _same_as_missing(_token(users["us.delegate"]), url, survey.pk)
    assert _token(users["us.delegate"]).get(url).status_code == 404


def test_shipments_through_the_api_are_checked_against_the_approval(
    users: dict[str, Any],
) -> None:
    ceremony = _project("ceremony")
    url, path = f"/projects/{ref(ceremony.pk)}/shipments", "/projects/{id}/shipments"
    listed = conforms(_token(users["us.observer"]).get(f"/api/v1{url}"), path)
    assert len(listed["shipments"]) == 1
    assert {line["id"] for line in listed["lines"]} >= {"stage", "heaters"}
    day = (ceremony.committee_decided_on or date(2018, 12, 20)).isoformat()
    heaters = {"line": "heaters", "quantity": 5, "shipped_on": day, "place": "Panmun Station"}
    rok = _token(users["rok.delegate"])
    assert _send(_token(users["us.delegate"]), "post", url, heaters, path).status_code == 403
    assert _send(_token(users["rok.observer"]), "post", url, heaters, path).status_code == 403
    tanks = _send(rok, "post", url, {**heaters, "line": "tanks"}, path)
    assert tanks.status_code == 400 and tanks.json()["error"]["problems"][0]["path"] == "line"
    too_many = _send(rok, "post", url, {**heaters, "quantity": 25}, path)
    assert too_many.status_code == 409 and "approved quantity of 20" in too_many.text
    assert ceremony.shipments.count() == 1
    sent = _send(rok, "post", url, heaters, path)
    assert sent.status_code == 201 and sent.json()["line"] == "heaters"
    assert ceremony.shipments.count() == 2
    assert AuditEvent.objects.filter(
        verb="ship", object_type="projects.Project", object_id=str(ceremony.pk)
    ).exists()
    # No shipment before an approval; the other side does not see the draft at all.
    survey = _project("survey")
    survey_url = f"/projects/{ref(survey.pk)}/shipments"
    early = _send(rok, "post", survey_url, heaters, path)
    assert early.status_code == 409 and "only under an approval" in early.text
    _same_as_missing(_token(users["us.delegate"]), f"/api/v1{survey_url}", survey.pk, "post")


def test_notes_on_a_project_through_the_api_keep_each_sides_own(users: dict[str, Any]) -> None:
    families = _project("families")  # a ROK project that the US reads
    url, path = f"/projects/{ref(families.pk)}/notes", "/projects/{id}/notes"
    rok, us = _token(users["rok.delegate"]), _token(users["us.delegate"])
    created = AuditEvent.objects.filter(verb="create", object_type="notes.Note")
    before = created.count()
    own = _send(rok, "post", url, {"body": "ROK only: ask about the camera specs"}, path)
    assert own.status_code == 201
    assert own.json()["visibility"] == "side" and own.json()["side"] == "ROK"  # by default
    shared = {"body": "Both: the venue is Kaesong", "visibility": "shared"}
    assert _send(rok, "post", url, shared, path).status_code == 201
    marked = {"body": "Confidential: timing of the talks", "visibility": "shared"}
    secret = _send(us, "post", url, {**marked, "classification": 2}, path)
    assert secret.status_code == 201 and secret.json()["portion_mark"] == "(C)"

    def read(client: Client) -> bytes:
        answer = client.get(f"/api/v1{url}")
        conforms(answer, path)
        return bytes(answer.content)

    # A side's own note never reaches the other side; a classified one only the cleared.
    assert b"camera specs" in read(rok) and b"camera specs" not in read(us)
    assert b"Kaesong" in read(us) and b"timing of the talks" in read(rok)
    assert b"timing of the talks" not in read(_token(users["rok.liaison"]))  # clearance 1
    assert created.count() == before + 3
    # Observers read and never write; a field that is wrong is named.
    assert _send(_token(users["us.observer"]), "post", url, {"body": "x"}, path).status_code == 403
    above = _send(_token(users["us.liaison"]), "post", url, {**marked, "classification": 2}, path)
    assert above.status_code == 400
    assert above.json()["error"]["problems"][0]["path"] == "classification"
    for wrong in ({"body": ""}, {"body": "x", "visibility": "all"}, {"body": "x", "to": "US"}):
        assert _send(rok, "post", url, wrong, path).status_code == 400
    # A note on a draft that only its side sees stays with that side, whatever is asked.
    survey = _project("survey")
    draft_url = f"/projects/{ref(survey.pk)}/notes"
    narrowed = _send(rok, "post", draft_url, {"body": "On the draft", "visibility": "shared"}, path)
    assert narrowed.status_code == 201 and narrowed.json()["visibility"] == "side"
    _same_as_missing(us, f"/api/v1{draft_url}", survey.pk)
    _same_as_missing(us, f"/api/v1{draft_url}", survey.pk, "post")
