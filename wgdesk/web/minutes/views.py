"""Views of minutes: read and edit side by side, submit, approve per side, reopen, history."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.core.views import confirm_page, confirmed, form_page
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes import actions
from wgdesk.web.minutes.forms import AmendmentForm, MinutesForm
from wgdesk.web.minutes.models import Amendment, Minutes, MinutesApproval, MinutesRevision
from wgdesk.web.notes.queries import panel


def _minutes(request: HttpRequest, meeting_id: int) -> tuple[Meeting, Minutes | None]:
    """The meeting and its minutes as far as the user may see them."""
    meeting = policy.get_visible_or_404(request.user, Meeting, pk=meeting_id)
    minutes = policy.first_visible(request.user, Minutes.objects.filter(meeting=meeting))
    return meeting, minutes


def detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Read the minutes, both languages side by side, with their approvals."""
    meeting, minutes = _minutes(request, meeting_id)
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "approvals": policy.visible(request.user, MinutesApproval)
        .filter(minutes=minutes)
        .select_related("side", "member")
        if minutes
        else [],
        "can_edit": minutes is not None and policy.can_edit(request.user, minutes),
        "can_start": minutes is None and policy.can(request.user, policy.Cap.MANAGE_MEETINGS),
        "can_approve": minutes is not None and policy.can_approve(request.user, minutes),
        "can_manage": policy.can(request.user, policy.Cap.MANAGE_MEETINGS),
        "can_amend": minutes is not None and policy.can_amend(request.user, minutes),
        "amendments": policy.visible(request.user, Amendment)
        .filter(minutes=minutes)
        .select_related("proposed_by")
        if minutes
        else [],
        **(panel(request.user, minutes) if minutes else {}),
    }
    return render(request, "minutes/detail.html", context)


def edit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Edit a draft; a save based on an old revision is refused and the text kept."""
    meeting, minutes = _minutes(request, meeting_id)
    if minutes is None:
        policy.require(request.user, policy.Cap.MANAGE_MEETINGS)
        if not policy.can_edit(request.user, meeting):
            raise PermissionDenied
        minutes = actions.start(request.user, meeting)
    if not policy.can_edit(request.user, minutes):
        raise PermissionDenied
    form = MinutesForm(
        request.POST or None, instance=minutes, initial={"base_revision": minutes.revision}
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        ko, en = form.texts()["body"]
        try:
            actions.save(request.user, minutes, form.cleaned_data["base_revision"], ko, en)
        except actions.EditConflict as error:
            conflict = error.current
            # Keep the user's text; the next save is based on the revision now shown.
            data = request.POST.copy()
            data["base_revision"] = str(conflict.revision)
            form = MinutesForm(data, instance=minutes)
            form.is_valid()
        else:
            messages.success(request, _("Minutes saved."))
            return redirect("minutes:detail", meeting_id=meeting.pk)
    context = {"meeting": meeting, "minutes": minutes, "form": form, "conflict": conflict}
    status = 409 if conflict else (400 if form.errors else 200)
    return render(request, "minutes/edit.html", context, status=status)


def submit(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Send the draft to both sides for approval, after a confirm page."""
    meeting, minutes = _minutes(request, meeting_id)
    if minutes is None or not policy.can_edit(request.user, minutes):
        raise PermissionDenied
    if not confirmed(request):
        return confirm_page(
            request,
            _("Submit the minutes for approval?"),
            [
                _("The minutes can no longer be edited while they await approval."),
                _("The co-chairs of both sides are asked to approve them."),
            ],
            _("Submit for approval"),
            minutes.get_absolute_url(),
            subject=str(meeting.title),
        )
    try:
        actions.submit(request.user, minutes)
        messages.success(request, _("Minutes submitted for approval by both sides."))
    except actions.WrongState:
        messages.error(request, _("Only non-empty draft minutes can be submitted."))
    return redirect("minutes:detail", meeting_id=meeting_id)


def approve(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """A co-chair approves the submitted minutes for their side, after a confirm page."""
    meeting, minutes = _minutes(request, meeting_id)
    if minutes is None or not policy.can_approve(request.user, minutes):
        raise PermissionDenied
    if not confirmed(request):
        return confirm_page(
            request,
            _("Approve these minutes for your side?"),
            [
                _("Your approval is recorded for your side with this revision (%(revision)s).")
                % {"revision": minutes.revision},
                _(
                    "When both sides have approved, the minutes are locked and what they "
                    "record changes only by an amendment."
                ),
            ],
            _("Approve for my side"),
            minutes.get_absolute_url(),
            subject=str(meeting.title),
        )
    try:
        minutes = actions.approve(request.user, minutes)
    except actions.WrongState:
        messages.error(request, _("These minutes are no longer awaiting approval."))
        return redirect("minutes:detail", meeting_id=meeting_id)
    if minutes.status == "locked":
        messages.success(request, _("Approved. Both sides have approved: the minutes are locked."))
    else:
        messages.success(request, _("Approved for your side. Waiting for the other side."))
    return redirect("minutes:detail", meeting_id=meeting_id)


@require_POST
def reopen(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Take submitted minutes back to draft (approvals given so far are withdrawn)."""
    _meeting, minutes = _minutes(request, meeting_id)
    if minutes is None or not policy.can(request.user, policy.Cap.MANAGE_MEETINGS):
        raise PermissionDenied
    try:
        actions.reopen(request.user, minutes)
        messages.success(request, _("Minutes are a draft again."))
    except actions.WrongState:
        messages.error(request, _("Only submitted minutes can be reopened."))
    return redirect("minutes:detail", meeting_id=meeting_id)


def amend(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Propose an amendment to locked minutes: a form with the reason, then reopen."""
    meeting, minutes = _minutes(request, meeting_id)
    if minutes is None or not policy.can_amend(request.user, minutes):
        raise PermissionDenied
    form = AmendmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.amend(request.user, minutes, form.cleaned_data["reason"])
        except actions.WrongState:
            messages.error(request, _("Only approved and locked minutes can be amended."))
        else:
            messages.success(
                request,
                _("Amendment recorded: the minutes are a draft again and both sides approve anew."),
            )
        return redirect("minutes:detail", meeting_id=meeting.pk)
    return form_page(
        request,
        form,
        _("Propose an amendment to the approved minutes"),
        cancel_url=minutes.get_absolute_url(),
    )


def history(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Every saved revision of the minutes."""
    meeting, minutes = _minutes(request, meeting_id)
    revisions = (
        policy.visible(request.user, MinutesRevision)
        .filter(minutes=minutes)
        .select_related("author")
    )
    return render(request, "minutes/history.html", {"meeting": meeting, "revisions": revisions})
