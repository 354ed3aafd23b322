"""URLs of notes."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.notes import views

app_name = "notes"
urlpatterns = [
    path("add/<str:label>/<ref:pk>/", views.add, name="add"),
    path("<ref:pk>/edit/", views.edit, name="edit"),
]
