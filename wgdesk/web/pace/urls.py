"""URLs of the pace chart."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.pace import views

app_name = "pace"
urlpatterns = [
    path("", views.chart, name="chart"),
    path("tracks/<int:track_id>/", views.track, name="track"),
]
