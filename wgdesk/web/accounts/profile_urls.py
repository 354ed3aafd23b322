"""URL of the member's own settings page (signed-in members, for themselves)."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.accounts import views

app_name = "profile"
urlpatterns = [path("", views.profile, name="index")]
