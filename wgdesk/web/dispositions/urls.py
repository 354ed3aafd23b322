"""URLs of the listed entries' pages (under /sanctions/entries/)."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.dispositions import views

app_name = "dispositions"
urlpatterns = [path("<slug:source>/<str:ref>/", views.entry, name="entry")]
