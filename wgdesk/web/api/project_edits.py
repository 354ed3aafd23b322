"""The HTTP API's changes to projects that the project pages make with a form: a new
project, a new version of its file, the exemption request's text, a shipment. Each goes
through the page's own form and action, so the same rules, policy and audit events apply;
the order of the answers is fixed: 403 (role or side), 404 (hidden, as missing), 409 (the
project's state refuses, with the action's reason), 400 (the fields, each named)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from wgdesk.web import policy
from wgdesk.web.api import projects as api_projects
from wgdesk.web.api.endpoints import data, endpoint, error
from wgdesk.web.api.views import BadRequest, json_body
from wgdesk.web.core import opaque
from wgdesk.web.core.scoping import portion_mark
from wgdesk.web.notes import actions as note_actions
from wgdesk.web.notes import queries as note_queries
from wgdesk.web.notes.forms import NoteForm
from wgdesk.web.notes.models import Note
from wgdesk.web.projects import actions, files, queries
from wgdesk.web.projects.forms import ProjectForm, RequestForm, ShipmentForm
from wgdesk.web.projects.models import Project
from wgdesk.web.projects.workflow import State
from wgdesk.web.sanctions.actions import record_download

# The fields each body may carry and their JSON types (bool is never a number here), and
# the API's names for form fields that the pages name after their widgets.
TEXT, WHOLE, NUMBER = (str,), (int,), (int, float, type(None))
ID_MAX = 2**31 - 1
PROJECT_FIELDS: dict[str, tuple[type, ...]] = {
    **{f"{n}_{c}": TEXT for n in ("title", "summary") for c in ("ko", "en")},
    **dict.fromkeys(("track", "agenda_item", "sponsor", "classification"), WHOLE),
    "file": TEXT,
}
PROJECT_NAMES = {"file": "file_text"}
REQUEST_FIELDS: dict[str, tuple[type, ...]] = {"text": TEXT}
REQUEST_NAMES = {"text": "request_text"}
NOTE_FIELDS: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(("body", "visibility"), TEXT),
    "classification": WHOLE,
}
SHIPMENT_FIELDS: dict[str, tuple[type, ...]] = {
    **dict.fromkeys(("line", "shipped_on", "place", "description"), TEXT),
    "quantity": NUMBER,
}


def _values(
    request: HttpRequest, fields: dict[str, tuple[type, ...]], renamed: dict[str, str]
) -> dict[str, str]:
    """The JSON body as form values under the form's names; a field the endpoint does not
    take, or of the wrong JSON type, is refused (400) rather than silently ignored."""
    body = json_body(request)
    for name, value in body.items():
        if name not in fields:
            raise BadRequest(400, "invalid_request", f"unknown field {name!r}")
        if isinstance(value, bool) or not isinstance(value, fields[name]):
            raise BadRequest(400, "invalid_request", f"{name} has the wrong type")
        # An id past the database's integer would fail in the query, not in the form.
        if fields[name] == WHOLE and isinstance(value, int) and not 0 <= value <= ID_MAX:
            raise BadRequest(400, "invalid_request", f"{name} is 0 to {ID_MAX}")
    return {renamed.get(k, k): v for k, v in api_projects.form_values(body).items()}


def _invalid(form: Any, renamed: dict[str, str], what: str) -> HttpResponse:
    """400 with each wrong field under the API's name for it."""
    back = {form_name: name for name, form_name in renamed.items()}
    problems = [
        {**p, "path": back.get(p["path"], p["path"])} for p in api_projects.form_problems(form)
    ]
    return error(400, "invalid_request", f"the {what}'s fields are wrong", problems=problems)


def _refused(refused: actions.StepRefused) -> HttpResponse:
    """409 with the action's (translated) reason."""
    return error(409, "step_refused", str(refused))


def _record(form: ProjectForm) -> actions.Record:
    """The project form's values as the action's input (as the pages build it)."""
    cleaned = form.cleaned_data
    return actions.Record(
        track=cleaned["track"],
        agenda_item=cleaned["agenda_item"],
        sponsor=cleaned["sponsor"],
        texts=form.texts(),
        file_text=cleaned["file_text"],
        classification=cleaned["classification"],
    )


def _own_side(request: HttpRequest, project: Project) -> None:
    """403 unless the project is the caller's side's (the other side reads, never writes)."""
    if project.side_id != policy.member_of(request.user).side_id:
        raise PermissionDenied


# --- a new project --------------------------------------------------------------------


def _create(request: HttpRequest) -> HttpResponse:
    """Start a project, a draft of the caller's side, as the new-project page does."""
    policy.require(request.user, policy.Cap.EDIT)
    try:
        values = _values(request, PROJECT_FIELDS, PROJECT_NAMES)
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    form = ProjectForm(values, **queries.form_choices(request.user))
    if not form.is_valid():
        return _invalid(form, PROJECT_NAMES, "project")
    project = actions.create_project(request.user, _record(form))
    made = api_projects.visible(request, project.pk)
    response = data(api_projects.detail(made, request), status=201)
    response["Location"] = f"/api/v1/projects/{opaque.encode(made.pk)}"
    return response


@endpoint("GET", "POST")
def projects(request: HttpRequest) -> HttpResponse:
    """GET: the projects the caller may see; POST: start one (a draft of the caller's side)."""
    if request.method == "POST":
        return _create(request)
    return api_projects.project_list(request)


@endpoint("GET")
def project_choices(request: HttpRequest) -> HttpResponse:
    """What a new project may name: the tracks and agenda items the caller sees, their
    side's ministries (sponsors) and the markings up to their clearance."""
    choices = queries.form_choices(request.user)
    return data(
        {
            "tracks": [
                {"id": t.pk, "title_ko": t.title.ko, "title_en": t.title.en}
                for t in choices["tracks"]
            ],
            "agenda_items": [
                {"id": i.pk, "track": i.track_id, "title_ko": i.title.ko, "title_en": i.title.en}
                for i in choices["items"]
            ],
            "sponsors": [
                {"id": m.pk, "ko": m.name.ko, "en": m.name.en} for m in choices["ministries"]
            ],
            "classifications": list(range(choices["clearance"] + 1)),
        }
    )


# --- a new version of the project's file ----------------------------------------------------


def _current(project: Project) -> dict[str, str]:
    """The project's record as form values: what a field left out of the body keeps."""
    latest = actions.latest_version(project)
    values = {
        "track": project.track_id,
        "agenda_item": project.agenda_item_id,
        "sponsor": project.sponsor_id,
        "classification": project.classification,
        "file_text": latest.text if latest else "",
        "title_ko": project.title.ko,
        "title_en": project.title.en,
        "summary_ko": project.summary.ko,
        "summary_en": project.summary.en,
    }
    return {name: str(value) for name, value in values.items()}


def _edit(request: HttpRequest, project: Project) -> HttpResponse:
    """Change the project as its edit page does; a changed file is a new version (201),
    an unchanged one leaves the versions as they are (200)."""
    _own_side(request, project)
    try:
        actions.check_editable(project)
    except actions.StepRefused as refused:
        return _refused(refused)
    if not policy.can_edit(request.user, project):  # e.g. withdrawn: as the page, 403
        raise PermissionDenied
    try:
        values = {**_current(project), **_values(request, PROJECT_FIELDS, PROJECT_NAMES)}
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    form = ProjectForm(values, **queries.form_choices(request.user))
    if not form.is_valid():
        return _invalid(form, PROJECT_NAMES, "project")
    try:
        made = actions.edit_project(request.user, project, _record(form))
    except actions.StepRefused as refused:
        return _refused(refused)
    shown = api_projects.visible(request, project.pk)
    return data(api_projects.detail(shown, request), status=200 if made is None else 201)


@endpoint("GET", "POST")
def project_versions(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the versions of the project's file; POST: change the project (a new version)."""
    if request.method == "POST":
        policy.require(request.user, policy.Cap.EDIT)
        return _edit(request, api_projects.visible(request, pk))
    return api_projects.project_versions(request, pk)


# --- the exemption request ------------------------------------------------------------------


def _request(request: HttpRequest, project: Project) -> dict[str, Any]:
    """The request's text as edited, and whether the caller may edit it now."""
    editable = project.status == State.REQUEST and policy.can(request.user, policy.Cap.EDIT)
    return {"text": project.request_text, "editable": editable, "state": project.status}


def _edit_request(request: HttpRequest, project: Project) -> HttpResponse:
    """Save the request's text as the request page does (editors of either side, while the
    request is in preparation)."""
    try:
        actions.check_request_editable(project)
    except actions.StepRefused as refused:
        return _refused(refused)
    try:
        values = _values(request, REQUEST_FIELDS, REQUEST_NAMES)
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    form = RequestForm(values)
    if not form.is_valid():
        return _invalid(form, REQUEST_NAMES, "request")
    try:
        saved = actions.edit_request(request.user, project, form.cleaned_data["request_text"])
    except actions.StepRefused as refused:
        return _refused(refused)
    return data(_request(request, saved))


@endpoint("GET", "PUT")
def project_request(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the exemption request's text (audited as its Markdown download is); PUT: edit it."""
    if request.method == "PUT":
        policy.require(request.user, policy.Cap.EDIT)
        return _edit_request(request, api_projects.visible(request, pk))
    project = api_projects.visible(request, pk)
    if project.request_text:
        record_download(request.user, "project_request_md", None, project=project.pk)
    return data(_request(request, project))


@endpoint("GET")
def project_request_file(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The request as a file (``md``, the engine's Word draft ``docx``, Annex II ``xlsx``),
    exactly as the project page's download gives it, audited as that download is; 404
    while nothing is drafted, and for a project the caller may not see."""
    return files.request_file(request.user, api_projects.visible(request, pk), kind)


# --- shipments and activities ---------------------------------------------------------------


def _ship(request: HttpRequest, project: Project) -> HttpResponse:
    """Record a shipment or activity as the shipment page does: the project's side's
    editors, under an approval or a clearance, checked against the approved file."""
    _own_side(request, project)
    try:
        actions.check_shipping(project)
    except actions.StepRefused as refused:
        return _refused(refused)
    try:
        values = _values(request, SHIPMENT_FIELDS, {})
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    form = ShipmentForm(values, lines=queries.shipment_lines(project))
    if not form.is_valid():
        return _invalid(form, {}, "shipment")
    cleaned = form.cleaned_data
    try:
        made = actions.add_shipment(
            request.user,
            project,
            cleaned["line"],
            cleaned["quantity"],
            cleaned["shipped_on"],
            cleaned["place"],
            cleaned["description"],
        )
    except actions.StepRefused as refused:
        return _refused(refused)
    return data(api_projects.shipment(made), status=201)


@endpoint("GET", "POST")
def project_shipments(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the shipments recorded and the lines one may be recorded against; POST: one."""
    if request.method == "POST":
        policy.require(request.user, policy.Cap.EDIT)
        return _ship(request, api_projects.visible(request, pk))
    project = api_projects.visible(request, pk)
    return data(
        {
            "shipments": [
                api_projects.shipment(s) for s in queries.shipments(request.user, project)
            ],
            "lines": [{"id": i, "label": label} for i, label in queries.shipment_lines(project)],
        }
    )


# --- notes on a project -----------------------------------------------------------------


def note_summary(note: Note) -> dict[str, Any]:
    """A note as its reader sees it in the project page's notes panel."""
    stamp = note.withdrawn_at
    return {
        "id": opaque.encode(note.pk),
        "body": note.body,
        "side": note.side.code,
        "visibility": note.visibility,
        "classification": note.classification,
        "portion_mark": portion_mark(note.classification),
        "author": str(note.created_by),
        "created_at": note.created_at.isoformat(),
        "updated_at": note.updated_at.isoformat(),
        "withdrawn_at": stamp.isoformat() if stamp is not None else None,
    }


def _add_note(request: HttpRequest, project: Project) -> HttpResponse:
    """Add a note as the notes panel does: editors of either side; a note on a project of
    one side not yet shared stays with that side, and is never classified below it."""
    if getattr(project, "withdrawn_at", None) is not None:
        raise PermissionDenied  # a withdrawn record takes no new notes (as on the page)
    try:
        values = _values(request, NOTE_FIELDS, {})
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    # As the panel's form starts: this side only and unclassified unless the body says
    # otherwise (sharing is a choice).
    values.setdefault("visibility", "side")
    values.setdefault("classification", "0")
    member = policy.member_of(request.user)
    form = NoteForm(values, clearance=member.clearance)
    if not form.is_valid():
        return _invalid(form, {}, "note")
    cleaned = form.cleaned_data
    note = note_actions.add_note(
        request.user, project, cleaned["body"], cleaned["visibility"], cleaned["classification"]
    )
    return data(note_summary(note), status=201)


@endpoint("GET", "POST")
def project_notes(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the notes on a project that the caller may see (a side's own notes reach only
    that side, classified ones only those cleared); POST: add one (editors)."""
    if request.method == "POST":
        policy.require(request.user, policy.Cap.EDIT)
        return _add_note(request, api_projects.visible(request, pk))
    project = api_projects.visible(request, pk)
    notes = note_queries.on_record(request.user, Note, project).order_by("created_at", "id")
    return data({"notes": [note_summary(note) for note in notes]})
