"""Views of the engagement log: list, detail, log one, edit."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wgdesk.web import policy
from wgdesk.web.core.filtering import filtered_page
from wgdesk.web.core.views import form_page
from wgdesk.web.engagements import actions, queries
from wgdesk.web.engagements.filters import EngagementFilter
from wgdesk.web.engagements.forms import EngagementForm
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.notes.queries import panel


def engagement_list(request: HttpRequest) -> HttpResponse:
    """The log as far as the user may see it, filtered, a page at a time."""
    rows = EngagementFilter(request.GET, queries.visible_engagements(request.user), request.user)
    page, status = filtered_page(request, rows)
    context = {
        "engagements": page.object_list,
        "page": page,
        "filter": rows,
        "can_log": policy.can(request.user, policy.Cap.EDIT),
    }
    return render(request, "engagements/list.html", context, status=status)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One engagement with its notes and files."""
    engagement = policy.get_visible_or_404(request.user, Engagement, pk=pk)
    context = {
        "engagement": engagement,
        "can_edit": policy.can_edit(request.user, engagement),
        **panel(request.user, engagement),
    }
    return render(request, "engagements/detail.html", context)


def create(request: HttpRequest) -> HttpResponse:
    """Log a meeting with an outside official."""
    policy.require(request.user, policy.Cap.EDIT)
    member = policy.member_of(request.user)
    form = EngagementForm(
        request.POST or None,
        members=queries.own_side_members(request.user),
        clearance=member.clearance,
        initial={"member": member.pk},
    )
    if request.method == "POST" and form.is_valid():
        engagement = actions.log_engagement(request.user, form.cleaned_data["member"], form.entry())
        messages.success(request, _("Engagement logged."))
        return redirect(engagement.get_absolute_url())
    return form_page(request, form, _("Log an engagement"))


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a logged engagement of one's own side."""
    engagement = policy.get_editable_or_404(request.user, Engagement, pk=pk)
    member = policy.member_of(request.user)
    initial = {
        "member": engagement.member_id,
        "held_on": engagement.held_on,
        "visibility": engagement.visibility,
        "classification": engagement.classification,
    }
    form = EngagementForm(
        request.POST or None,
        instance=engagement,
        initial=initial,
        members=queries.own_side_members(request.user).filter(pk=engagement.member_id),
        clearance=member.clearance,
    )
    if request.method == "POST" and form.is_valid():
        actions.edit_engagement(request.user, engagement, form.entry())
        messages.success(request, _("Saved."))
        return redirect(engagement.get_absolute_url())
    return form_page(request, form, _("Edit engagement"), cancel_url=engagement.get_absolute_url())
