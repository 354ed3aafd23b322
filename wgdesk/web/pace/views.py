"""The pace pages: every track compared, and one track on its own."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wgdesk.web import policy
from wgdesk.web.agenda.models import Track
from wgdesk.web.pace import charts, queries


def chart(request: HttpRequest) -> HttpResponse:
    """All tracks: overlaid running totals, then small multiples and the data tables."""
    data = queries.pace(request.user)
    context = {
        "data": data,
        "overlay": None if data.empty else charts.overlay(data),
        "panels": [] if data.empty else charts.panels(data),
        "legend": charts.legend(),
    }
    return render(request, "pace/chart.html", context)


def track(request: HttpRequest, track_id: int) -> HttpResponse:
    """One track's monthly bars and table."""
    selected = policy.get_visible_or_404(request.user, Track, pk=track_id)
    data = queries.pace(request.user, track_id=selected.pk)
    context = {
        "track": selected,
        "data": data,
        "panels": [] if data.empty else charts.panels(data),
        "legend": charts.legend(),
    }
    return render(request, "pace/track.html", context)
