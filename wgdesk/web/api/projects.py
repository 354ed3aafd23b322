"""The HTTP API's project endpoints: the same records, through the same policy, as the
project pages, and the workflow's steps taken through the same actions as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from wgdesk.web import policy
from wgdesk.web.api.endpoints import data, endpoint, error, paging
from wgdesk.web.api.views import BadRequest, json_body
from wgdesk.web.core import links, opaque
from wgdesk.web.projects import actions, projectfile, queries, workflow
from wgdesk.web.projects.forms import ReviewForm, step_form
from wgdesk.web.projects.models import Project, ProjectVersion, Shipment, SideReview
from wgdesk.web.projects.workflow import State, Step


def _iso(value: Any) -> str | None:
    """A date or time as ISO 8601 (None stays None)."""
    return value.isoformat() if value is not None else None


def summary(project: Project, request: HttpRequest) -> dict[str, Any]:
    """A project's record: where it belongs, its texts, sponsor, state and dates."""
    return {
        # Opaque (core/opaque.py): a draft is its side's own, so ids would show the gaps.
        "id": opaque.encode(project.pk),
        "title_ko": project.title.ko,
        "title_en": project.title.en,
        "summary_ko": project.summary.ko,
        "summary_en": project.summary.en,
        "side": project.side.code,
        "track": project.track_id,
        "agenda_item": project.agenda_item_id,
        "sponsor": {"ko": project.sponsor.name.ko, "en": project.sponsor.name.en},
        "state": project.status,
        "classification": project.classification,
        "outcome": project.outcome or None,
        "decision": opaque.encode(project.decision_id) if project.decision_id else None,
        "submitted_to_committee_on": _iso(project.submitted_to_committee_on),
        "committee_decided_on": _iso(project.committee_decided_on),
        "expires_on": _iso(project.expires_on),
        "url": links.absolute(project.get_absolute_url(), request),
    }


def _version(version: ProjectVersion) -> dict[str, Any]:
    """One version's identity and the engine's verdict on it."""
    return {"number": version.number, "verdict": version.verdict, "at": _iso(version.created_at)}


def shipment(row: Shipment) -> dict[str, Any]:
    """Goods sent or an activity done under the approval."""
    return {
        "line": row.line,
        "quantity": row.quantity,
        "on": _iso(row.shipped_on),
        "place": row.place,
        "description": row.description,
    }


def side_review(review: SideReview) -> dict[str, Any]:
    """A side's review of a project (read through the policy: the other side's only once
    it is shared)."""
    return {
        "side": review.side.code,
        "version": review.version,
        "verdict": review.verdict,
        "conditions": review.conditions,
        "notes": review.notes,
        "shared": review.visibility == "shared",
        "classification": review.classification,
    }


def _history(user: Any, project: Project) -> list[dict[str, Any]]:
    """The steps taken on the project, oldest first."""
    return [
        {"step": e.step, "from": e.from_state, "to": e.to_state, "at": _iso(e.at)}
        for e in queries.events(user, project)
    ]


def detail(project: Project, request: HttpRequest) -> dict[str, Any]:
    """A project with its versions, the reviews and flags the caller may see, its steps
    (transitions) and shipments."""
    user = request.user
    versions = list(queries.versions(user, project))
    return {
        **summary(project, request),
        "conditions": project.committee_conditions,
        "reasons": project.committee_reasons,
        "file": versions[0].text if versions else "",
        "versions": [_version(v) for v in versions],
        "reviews": [side_review(r) for r in queries.reviews(user, project)],
        "transitions": _history(user, project),
        "shipments": [shipment(s) for s in queries.shipments(user, project)],
        "flags": [
            {
                "party": f.party,
                "old_decision": f.old_decision,
                "new_decision": f.new_decision,
                "blocking": f.blocking,
                "resolved": f.resolved_at is not None,
                "candidates": f.candidates,
                "list_diff": f.list_diff,
            }
            for f in queries.flags(user, project)
        ],
    }


def project_list(request: HttpRequest) -> HttpResponse:
    """Projects the caller may see, newest first (``state`` filters)."""
    page = paging(request)
    if isinstance(page, HttpResponse):
        return page
    limit, offset = page
    found = queries.visible_projects(request.user)
    state = request.GET.get("state")
    if state is not None:
        if state not in State.values:
            return error(400, "invalid_request", f"state is one of {', '.join(State.values)}")
        found = found.filter(status=state)
    shown = [summary(p, request) for p in found[offset : offset + limit]]
    return data({"count": found.count(), "projects": shown})


def visible(request: HttpRequest, pk: int) -> Project:
    """The project if the caller may see it, else 404 as for one that does not exist."""
    rows = Project.objects.select_related("side", "sponsor")
    return policy.get_visible_or_404(request.user, rows, pk=pk)


@endpoint("GET")
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One project; one the caller may not see is 404, as one that does not exist."""
    return data(detail(visible(request, pk), request))


def project_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """The versions of a project's file, newest first, each with the engine's verdict."""
    project = visible(request, pk)
    page = paging(request)
    if isinstance(page, HttpResponse):
        return page
    limit, offset = page
    rows = queries.versions(request.user, project)
    shown = [_version(v) for v in rows[offset : offset + limit]]
    return data({"count": rows.count(), "versions": shown})


# --- the workflow's steps ------------------------------------------------------------------


def _steps(user: Any, project: Project) -> list[dict[str, Any]]:
    """The steps this caller's role and side may take from the project's state, each with
    the workflow's reason when it refuses it now (what the project page offers)."""
    known = actions.facts(project)
    out = []
    for step, transition in workflow.TRANSITIONS.items():
        if project.state not in transition.sources or not policy.can_take_step(user, project, step):
            continue
        reason = workflow.refusal(step, known)
        out.append({"step": step.value, "allowed": reason is None, "refusal": reason})
    return out


def _step_fields(body: dict[str, Any]) -> tuple[Step, dict[str, str]]:
    """The step named in the body and its fields as form values (text, numbers as text)."""
    name = body.get("step")
    if name not in {s.value for s in Step}:
        choices = ", ".join(s.value for s in Step)
        raise BadRequest(400, "invalid_request", f"step is one of {choices}")
    return Step(name), form_values(body, "step")


def form_problems(form: Any) -> list[dict[str, Any]]:
    """A form's errors as the API's problems (``path``: the field, empty for the whole)."""
    return [
        {"path": "" if field == "__all__" else field, "line": None, "message": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]


def form_values(body: dict[str, Any], skip: str = "") -> dict[str, str]:
    """A JSON body's fields as form values: text, numbers as text, null left out."""
    values: dict[str, str] = {}
    for key, value in body.items():
        if key == skip or value is None:
            continue
        # A form reads text: a list or object would reach its cleaning as a wrong type.
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise BadRequest(400, "invalid_request", f"{key} must be text or a number")
        values[key] = str(value)
    return values


def _take(request: HttpRequest, project: Project) -> HttpResponse:
    """Take the step the body names, as the project page's step form does: 403 when the
    caller may not take it, 409 with the workflow's reason when the project's state (or a
    rule of the step) refuses it, 400 when its fields are wrong; nothing written then."""
    try:
        step, values = _step_fields(json_body(request))
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    if not policy.can_take_step(request.user, project, step):
        raise PermissionDenied
    reason = workflow.refusal(step, actions.facts(project))
    if reason is not None:
        return error(409, "step_refused", reason)
    form = step_form(step, values, queries.open_meetings(request.user))
    if not form.is_valid():
        problems = form_problems(form)
        return error(400, "invalid_request", "the step's fields are wrong", problems=problems)
    try:
        actions.take(request.user, project, step, form.cleaned_data)
    except actions.StepRefused as refused:
        return error(409, "step_refused", str(refused))
    return data(detail(visible(request, project.pk), request), status=201)


@endpoint("GET", "POST")
def project_transitions(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the steps taken and those the caller may take now; POST: take one."""
    project = visible(request, pk)
    if request.method == "POST":
        return _take(request, project)
    user = request.user
    return data({"transitions": _history(user, project), "steps": _steps(user, project)})


@endpoint("GET")
def project_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One version's project file and the diff from the version before."""
    project = visible(request, pk)
    rows = queries.versions(request.user, project)
    shown = rows.filter(number=number).first()
    if shown is None:
        return error(404, "not_found", "no such resource")
    before = rows.filter(number__lt=number).first()
    diff = projectfile.compare(before.text, shown.text) if before else []
    return data(
        {
            **_version(shown),
            "file": shown.text,
            "diff": [f"{line.mark}{line.text}" if line.mark != "@" else line.text for line in diff],
        }
    )


# --- each side's review ---------------------------------------------------------------------


def _own_review(user: Any, project: Project) -> SideReview | None:
    """The caller's side's review of the project, if it has one."""
    member = policy.member_of(user)
    return SideReview.objects.filter(project=project, side_id=member.side_id).first()


@endpoint("POST")
def project_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Record or change the caller's side's review, side-only until shared: the review
    page's form and action (editors; 409 once shared or outside the review)."""
    policy.require(request.user, policy.Cap.EDIT)
    project = visible(request, pk)
    member = policy.member_of(request.user)
    try:
        values = form_values(json_body(request))
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    form = ReviewForm(values, clearance=member.clearance)
    if not form.is_valid():
        problems = form_problems(form)
        return error(400, "invalid_request", "the review's fields are wrong", problems=problems)
    cleaned = form.cleaned_data
    try:
        saved = actions.save_review(
            request.user,
            project,
            cleaned["verdict"],
            cleaned["conditions"],
            cleaned["notes"],
            cleaned["classification"],
        )
    except actions.StepRefused as refused:
        return error(409, "step_refused", str(refused))
    return data(side_review(saved))


@endpoint("POST")
def share_project_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the caller's side's review to the other side (then final): those who may share
    positions; 404 when the side has no review, 409 when it is shared or the review over."""
    policy.require(request.user, policy.Cap.SHARE_POSITION)
    project = visible(request, pk)
    own = _own_review(request.user, project)
    # A review above the caller's clearance is answered as none (as on the page); one
    # already shared is refused by the action, with its reason.
    if own is None or not policy.can_view(request.user, own):
        return error(404, "not_found", "no such resource")
    try:
        actions.share_review(request.user, own)
    except actions.StepRefused as refused:
        return error(409, "step_refused", str(refused))
    return data(side_review(own))
