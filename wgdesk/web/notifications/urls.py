"""URL of the notification preferences."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.notifications import views

app_name = "notifications"
urlpatterns = [path("", views.preferences, name="preferences")]
