"""URL of the search page."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.search import views

app_name = "search"
urlpatterns = [path("", views.index, name="index")]
