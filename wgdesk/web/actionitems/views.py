"""Views of action items: list, detail, add at a meeting, edit (status, owner, due date)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wgdesk.web import policy
from wgdesk.web.actionitems import actions, queries
from wgdesk.web.actionitems.filters import ActionItemFilter
from wgdesk.web.actionitems.forms import OWNER_REFUSED, ActionItemEditForm, ActionItemForm
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.core.filtering import filtered_page
from wgdesk.web.core.views import form_page
from wgdesk.web.groups.models import Member
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.freeze import is_frozen
from wgdesk.web.notes.queries import panel


def action_list(request: HttpRequest) -> HttpResponse:
    """Action items, filtered (the ones not done by default), a page at a time."""
    data = request.GET.copy()
    data.setdefault("status", "open")  # no status asked for: what is still to do
    rows = ActionItemFilter(data, queries.visible_actions(request.user), request.user)
    page, status = filtered_page(request, rows)
    context = {"actions": page.object_list, "page": page, "filter": rows}
    return render(request, "actionitems/list.html", context, status=status)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One action item with its notes and files."""
    action = policy.get_visible_or_404(request.user, ActionItem, pk=pk)
    context = {
        "action": action,
        "can_edit": policy.can_edit(request.user, action),
        **panel(request.user, action),
    }
    return render(request, "actionitems/detail.html", context)


def _choices(request: HttpRequest) -> dict[str, Any]:
    """Agenda items and owners the form may offer, limited to what the user may see."""
    member = policy.member_of(request.user)
    return {
        "items": policy.visible(request.user, AgendaItem),
        "owners": policy.visible(request.user, Member)
        .exclude(role="observer")
        .filter(deactivated_at__isnull=True),
        "clearance": member.clearance,
    }


def create(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Raise an action item at a meeting."""
    policy.require(request.user, policy.Cap.EDIT)
    meeting = policy.get_visible_or_404(request.user, Meeting, pk=meeting_id)
    form = ActionItemForm(request.POST or None, **_choices(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = actions.add_action(
                request.user,
                meeting,
                data["agenda_item"],
                form.texts()["title"],
                data["owner"],
                data["due_on"],
                data["classification"],
            )
        except actions.OwnerCannotSee:
            form.add_error("owner", OWNER_REFUSED)
        else:
            messages.success(request, _("Action item added."))
            return redirect(action.get_absolute_url())
    return form_page(request, form, _("Add an action item"), cancel_url=meeting.get_absolute_url())


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an action item; marking it done stops its carry-over."""
    action = policy.get_editable_or_404(request.user, ActionItem, pk=pk)
    initial = {
        "agenda_item": action.agenda_item_id,
        "owner": action.owner_id,
        "due_on": action.due_on,
        "status": action.status,
        "classification": action.classification,
    }
    form = ActionItemEditForm(
        request.POST or None, instance=action, initial=initial, **_choices(request)
    )
    # Editing never changes the marking: the owner is checked against the item's own.
    form.fields["classification"].disabled = True
    if is_frozen(action.meeting_id):
        # The locked minutes record what was agreed; only progress (status) may change.
        for name, field in form.fields.items():
            field.disabled = name != "status"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.edit_action(
                request.user,
                action,
                form.texts()["title"],
                data["owner"],
                data["due_on"],
                data["status"],
            )
        except actions.OwnerCannotSee:
            form.add_error("owner", OWNER_REFUSED)
        else:
            messages.success(request, _("Saved."))
            return redirect(action.get_absolute_url())
    return form_page(request, form, _("Edit action item"), cancel_url=action.get_absolute_url())
