"""The per-user start page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wgdesk.web import policy
from wgdesk.web.dashboard import queries


def home(request: HttpRequest) -> HttpResponse:
    """Show my open action items, meetings to prepare, minutes to approve, stale translations."""
    if policy.member_of(request.user) is None:
        return render(request, "dashboard/no_seat.html", status=403)
    context = {
        "actions": queries.my_open_actions(request.user),
        "meetings": queries.meetings_to_prepare(request.user),
        "awaiting": queries.minutes_awaiting_my_side(request.user),
        "stale": queries.stale_translations(request.user),
        "expiring": queries.expiring_approvals(request.user),
    }
    return render(request, "dashboard/home.html", context)
