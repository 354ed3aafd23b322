"""URLs of exports (signed-in users)."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.exports import views

app_name = "exports"
urlpatterns = [
    path("", views.index, name="index"),
    path("minutes/<int:meeting_id>.pdf", views.minutes_as_pdf, name="minutes_pdf"),
    path("minutes/<int:meeting_id>.md", views.minutes_as_markdown, name="minutes_markdown"),
    path("action-items.csv", views.action_items_as_csv, name="action_items_csv"),
    path("calendar/token/", views.calendar_token, name="calendar_token"),
]
