"""URL of the personal API tokens page (signed-in users, for themselves)."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.api import views

app_name = "api_tokens"
urlpatterns = [path("", views.tokens, name="index")]
