"""URLs of decisions."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.decisions import views

app_name = "decisions"
urlpatterns = [
    path("", views.decision_list, name="list"),
    path("<ref:pk>/", views.detail, name="detail"),
    path("<ref:pk>/edit/", views.edit, name="edit"),
    path("new/<int:meeting_id>/", views.create, name="create"),
]
