"""Views of cooperation projects: they validate input and call actions or queries.

Every view reads the project through the policy (a project the user may not see is 404),
checks the user may act (403), and answers a step the workflow refuses with 409 and the
workflow's translated reason, changing nothing.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.core.scoping import Visibility
from wgdesk.web.core.views import form_page
from wgdesk.web.notes.queries import panel
from wgdesk.web.projects import actions, files, projectfile, queries, workflow
from wgdesk.web.projects.forms import (
    ProjectForm,
    RequestForm,
    ReviewForm,
    ShipmentForm,
    step_form,
)
from wgdesk.web.projects.models import Project, SideReview
from wgdesk.web.projects.workflow import State, Step


def project_list(request: HttpRequest) -> HttpResponse:
    """The projects the user may see, optionally of one state."""
    rows = queries.visible_projects(request.user)
    state = request.GET.get("state", "")
    if state:
        if state not in State.values:
            return render(request, "projects/list.html", {"bad_state": state}, status=400)
        rows = rows.filter(status=state)
    context = {
        "projects": rows,
        "states": State.choices,
        "state": state,
        "can_create": policy.can(request.user, policy.Cap.EDIT),
    }
    return render(request, "projects/list.html", context)


def _steps(user: Any, project: Project) -> list[dict[str, Any]]:
    """The steps this user may take on the project now, or why the workflow refuses them."""
    known = actions.facts(project)
    out = []
    for step, transition in workflow.TRANSITIONS.items():
        if project.state not in transition.sources or not policy.can_take_step(user, project, step):
            continue
        out.append(
            {
                "step": step.value,
                "label": transition.label,
                "refusal": workflow.refusal(step, known),
            }
        )
    return out


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One project: its record, current file and verdict, reviews, steps, flags, history."""
    project = policy.get_visible_or_404(
        request.user,
        Project.objects.select_related("side", "sponsor", "agenda_item", "track"),
        pk=pk,
    )
    user = request.user
    member = policy.member_of(user)
    reviews = queries.reviews(user, project)
    own = next((r for r in reviews if r.side_id == member.side_id), None)
    versions = list(queries.versions(user, project))
    context = {
        "project": project,
        "latest": versions[0] if versions else None,
        "versions": versions,
        "reviews": reviews,
        "own_review": own,
        "can_review": project.status == State.SUBMITTED
        and policy.can(user, policy.Cap.EDIT)
        and (own is None or own.visibility == Visibility.SIDE),
        "can_share": own is not None
        and own.visibility == Visibility.SIDE
        and project.status == State.SUBMITTED
        and policy.can(user, policy.Cap.SHARE_POSITION),
        "can_edit": policy.can_edit(user, project),
        "can_edit_request": project.status == State.REQUEST and policy.can(user, policy.Cap.EDIT),
        "can_ship": project.status in workflow.SHIPPING_STATES
        and policy.can(user, policy.Cap.EDIT)
        and project.side_id == member.side_id,
        "steps": _steps(user, project),
        "events": queries.events(user, project),
        "shipments": queries.shipments(user, project),
        "flags": queries.flags(user, project),
        **panel(user, project),
    }
    return render(request, "projects/detail.html", context)


def _project_form(request: HttpRequest, **kwargs: Any) -> ProjectForm:
    """The project form with the choices this user may make."""
    return ProjectForm(request.POST or None, **queries.form_choices(request.user), **kwargs)


def _record(form: ProjectForm) -> actions.Record:
    """The form's values as an action's input."""
    data = form.cleaned_data
    return actions.Record(
        track=data["track"],
        agenda_item=data["agenda_item"],
        sponsor=data["sponsor"],
        texts=form.texts(),
        file_text=data["file_text"],
        classification=data["classification"],
    )


def create(request: HttpRequest) -> HttpResponse:
    """Start a project (a draft of the user's side)."""
    policy.require(request.user, policy.Cap.EDIT)
    form = _project_form(request, initial={"file_text": projectfile.STARTER})
    if request.method == "POST" and form.is_valid():
        project = actions.create_project(request.user, _record(form))
        messages.success(request, _("Project created as a draft of your side."))
        return redirect(project.get_absolute_url())
    return form_page(request, form, _("New cooperation project"), cancel_url="/projects/")


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a project's record or file; a changed file becomes a new version."""
    project = policy.get_editable_or_404(request.user, Project, pk=pk)
    latest = actions.latest_version(project)
    initial = {
        "track": project.track_id,
        "agenda_item": project.agenda_item_id,
        "sponsor": project.sponsor_id,
        "classification": project.classification,
        "file_text": latest.text if latest else projectfile.STARTER,
    }
    form = _project_form(request, instance=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.edit_project(request.user, project, _record(form))
        except actions.StepRefused as refused:
            form.add_error(None, str(refused))
            return form_page(request, form, _("Edit project"), status=409)
        if made is None:
            messages.success(request, _("Saved; the project file did not change."))
        else:
            messages.success(request, _("Saved as version %(n)d.") % {"n": made.number})
        return redirect(project.get_absolute_url())
    return form_page(request, form, _("Edit project"), cancel_url=project.get_absolute_url())


def version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One version of the project file, and what changed since the version before."""
    project = policy.get_visible_or_404(request.user, Project, pk=pk)
    rows = queries.versions(request.user, project)
    shown = rows.filter(number=number).first()
    if shown is None:
        raise Http404
    before = rows.filter(number__lt=number).first()
    context = {
        "project": project,
        "version": shown,
        "before": before,
        "diff": projectfile.compare(before.text, shown.text) if before else [],
    }
    return render(request, "projects/version.html", context)


def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Record or change the user's side's review (side-only until shared)."""
    policy.require(request.user, policy.Cap.EDIT)
    project = policy.get_visible_or_404(request.user, Project, pk=pk)
    member = policy.member_of(request.user)
    own = SideReview.objects.filter(project=project, side_id=member.side_id).first()
    initial = (
        {
            "verdict": own.verdict,
            "conditions": own.conditions,
            "notes": own.notes,
            "classification": own.classification,
        }
        if own
        else {"classification": project.classification}
    )
    form = ReviewForm(request.POST or None, clearance=member.clearance, initial=initial)
    heading = _("Your side's review of %(title)s") % {"title": project.title}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.save_review(
                request.user,
                project,
                data["verdict"],
                data["conditions"],
                data["notes"],
                data["classification"],
            )
        except actions.StepRefused as refused:
            form.add_error(None, str(refused))
            return form_page(request, form, heading, status=409)
        messages.success(request, _("Review saved for your side only; share it when ready."))
        return redirect(project.get_absolute_url())
    return form_page(request, form, heading, cancel_url=project.get_absolute_url())


@require_POST
def share_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the user's side's review to the other side."""
    policy.require(request.user, policy.Cap.SHARE_POSITION)
    project = policy.get_visible_or_404(request.user, Project, pk=pk)
    member = policy.member_of(request.user)
    own = SideReview.objects.filter(project=project, side_id=member.side_id).first()
    if own is None or not policy.can_edit(request.user, own):
        raise Http404
    try:
        actions.share_review(request.user, own)
    except actions.StepRefused as refused:
        messages.error(request, str(refused))
        return redirect(project.get_absolute_url())
    messages.success(request, _("Your side's review is now shared with the other side."))
    return redirect(project.get_absolute_url())


def step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Take a workflow step: 404 unseen, 403 not for this user, 409 refused by the workflow."""
    project = policy.get_visible_or_404(request.user, Project, pk=pk)
    if step not in Step.__members__.values():
        raise Http404
    chosen = Step(step)
    if not policy.can_take_step(request.user, project, chosen):
        raise PermissionDenied
    # A step without fields posts an empty form: still a bound (submitted) one.
    data = request.POST if request.method == "POST" else None
    form = step_form(chosen, data, queries.open_meetings(request.user))
    heading = f"{workflow.TRANSITIONS[chosen].label}: {project.title}"
    reason = workflow.refusal(chosen, actions.facts(project))
    if reason is not None:
        if form.is_bound:
            form.add_error(None, reason)
        return form_page(
            request, form, heading, status=409, intro=reason, cancel_url=project.get_absolute_url()
        )
    if request.method == "POST" and form.is_valid():
        try:
            actions.take(request.user, project, chosen, form.cleaned_data)
        except actions.StepRefused as refused:
            form.add_error(None, str(refused))
            return form_page(
                request, form, heading, status=409, cancel_url=project.get_absolute_url()
            )
        messages.success(
            request, _("Done: %(step)s.") % {"step": workflow.TRANSITIONS[chosen].label}
        )
        return redirect(project.get_absolute_url())
    return form_page(
        request,
        form,
        heading,
        cancel_url=project.get_absolute_url(),
        submit_label=workflow.TRANSITIONS[chosen].label,
    )


def edit_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the exemption request drafted by the engine."""
    policy.require(request.user, policy.Cap.EDIT)
    project = policy.get_visible_or_404(request.user, Project, pk=pk)
    form = RequestForm(request.POST or None, initial={"request_text": project.request_text})
    heading = _("Exemption request: %(title)s") % {"title": project.title}
    if request.method == "POST" and form.is_valid():
        try:
            actions.edit_request(request.user, project, form.cleaned_data["request_text"])
        except actions.StepRefused as refused:
            form.add_error(None, str(refused))
            return form_page(request, form, heading, status=409)
        messages.success(request, _("Saved."))
        return redirect(project.get_absolute_url())
    return form_page(request, form, heading, cancel_url=project.get_absolute_url())


def download(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The request as edited (Markdown), the engine's Word draft, or Annex II; audited."""
    project = policy.get_visible_or_404(request.user, Project, pk=pk)
    return files.request_file(request.user, project, kind)


def add_shipment(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a shipment or an activity under the approval, checked against it."""
    policy.require(request.user, policy.Cap.EDIT)
    project = policy.get_visible_or_404(request.user, Project, pk=pk)
    if project.side_id != policy.member_of(request.user).side_id:
        raise PermissionDenied
    lines = queries.shipment_lines(project)
    form = ShipmentForm(request.POST or None, lines=lines)
    heading = _("Record a shipment or activity: %(title)s") % {"title": project.title}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.add_shipment(
                request.user,
                project,
                data["line"],
                data["quantity"],
                data["shipped_on"],
                data["place"],
                data["description"],
            )
        except actions.StepRefused as refused:
            form.add_error(None, str(refused))
            return form_page(request, form, heading, status=409)
        messages.success(request, _("Shipment recorded."))
        return redirect(project.get_absolute_url())
    return form_page(request, form, heading, cancel_url=project.get_absolute_url())
