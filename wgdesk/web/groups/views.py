"""Views of the group: overview, ministries, invitations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.core.views import form_page
from wgdesk.web.groups import actions, queries
from wgdesk.web.groups.forms import InvitationForm, MinistryForm
from wgdesk.web.groups.models import Invitation


def overview(request: HttpRequest) -> HttpResponse:
    """The group, its two delegations with heads, ministries and members."""
    context = {
        "sides": queries.sides_with_people(request.user),
        "can_invite": policy.can(request.user, policy.Cap.INVITE),
        "manages_accounts": policy.can(request.user, policy.Cap.DEACTIVATE_MEMBERS)
        or policy.can(request.user, policy.Cap.RESET_SECOND_FACTOR),
    }
    return render(request, "groups/overview.html", context)


def add_ministry(request: HttpRequest) -> HttpResponse:
    """A co-chair records a ministry joining their side."""
    policy.require(request.user, policy.Cap.INVITE)
    form = MinistryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member = policy.member_of(request.user)
        actions.add_ministry(
            request.user, member.side, form.texts()["name"], form.cleaned_data["joined_on"]
        )
        messages.success(request, _("Ministry added."))
        return redirect("groups:overview")
    return form_page(request, form, _("Add a ministry or agency"))


def invitations(request: HttpRequest) -> HttpResponse:
    """List the side's invitations; co-chairs create new ones here."""
    if not policy.can_list(request.user, Invitation):
        raise PermissionDenied
    member = policy.member_of(request.user)
    form = InvitationForm(request.POST or None, member=member)
    if request.method == "POST":
        policy.require(request.user, policy.Cap.INVITE)
        if form.is_valid():
            data = form.cleaned_data
            invitation = actions.invite(
                request.user, data["ministry"], data["role"], data["clearance"], data["email"]
            )
            link = request.build_absolute_uri(f"/accounts/invitation/{invitation.token}/")
            messages.success(
                request, _("Invitation created. Send this link: %(link)s") % {"link": link}
            )
            return redirect("groups:invitations")
    context = {
        "form": form,
        "invitations": queries.invitations(request.user),
        "can_invite": policy.can(request.user, policy.Cap.INVITE),
    }
    return render(request, "groups/invitations.html", context, status=400 if form.errors else 200)


@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an unused invitation of one's side."""
    invitation = policy.get_editable_or_404(request.user, Invitation, pk=pk)
    actions.revoke(request.user, invitation)
    messages.success(request, _("Invitation withdrawn."))
    return redirect("groups:invitations")
