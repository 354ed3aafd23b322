"""Views of decisions: list, detail, record at a meeting, edit."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wgdesk.web import policy
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.core.filtering import filtered_page
from wgdesk.web.core.views import form_page
from wgdesk.web.decisions import actions, queries
from wgdesk.web.decisions.filters import DecisionFilter
from wgdesk.web.decisions.forms import DecisionForm
from wgdesk.web.decisions.models import Decision
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.notes.queries import panel


def decision_list(request: HttpRequest) -> HttpResponse:
    """The decisions the user may see, newest first, filtered, a page at a time."""
    rows = DecisionFilter(request.GET, queries.visible_decisions(request.user), request.user)
    page, status = filtered_page(request, rows)
    context = {"decisions": page.object_list, "page": page, "filter": rows}
    return render(request, "decisions/list.html", context, status=status)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One decision with its notes and files."""
    decision = policy.get_visible_or_404(request.user, Decision, pk=pk)
    context = {
        "decision": decision,
        "can_edit": policy.can_edit(request.user, decision),
        **panel(request.user, decision),
    }
    return render(request, "decisions/detail.html", context)


def create(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Record a decision taken at a meeting."""
    policy.require(request.user, policy.Cap.EDIT)
    meeting = policy.get_visible_or_404(request.user, Meeting, pk=meeting_id)
    member = policy.member_of(request.user)
    items = policy.visible(request.user, AgendaItem).filter(withdrawn_at__isnull=True)
    form = DecisionForm(
        request.POST or None,
        items=items,
        clearance=member.clearance,
        initial={"decided_on": meeting.local_start().date()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decision = actions.add_decision(
            request.user,
            meeting,
            data["agenda_item"],
            form.texts()["text"],
            data["decided_on"],
            data["classification"],
        )
        messages.success(request, _("Decision recorded."))
        return redirect(decision.get_absolute_url())
    return form_page(request, form, _("Record a decision"), cancel_url=meeting.get_absolute_url())


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a decision's wording or classification."""
    decision = policy.get_editable_or_404(request.user, Decision, pk=pk)
    member = policy.member_of(request.user)
    initial = {
        "agenda_item": decision.agenda_item_id,
        "decided_on": decision.decided_on,
        "classification": decision.classification,
    }
    form = DecisionForm(
        request.POST or None,
        instance=decision,
        initial=initial,
        items=policy.visible(request.user, AgendaItem).filter(pk=decision.agenda_item_id),
        clearance=member.clearance,
    )
    if request.method == "POST" and form.is_valid():
        actions.edit_decision(
            request.user, decision, form.texts()["text"], form.cleaned_data["classification"]
        )
        messages.success(request, _("Saved."))
        return redirect(decision.get_absolute_url())
    return form_page(request, form, _("Edit decision"), cancel_url=decision.get_absolute_url())
