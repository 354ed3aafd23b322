"""URLs of the engagement log."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.engagements import views

app_name = "engagements"
urlpatterns = [
    path("", views.engagement_list, name="list"),
    path("new/", views.create, name="create"),
    path("<ref:pk>/", views.detail, name="detail"),
    path("<ref:pk>/edit/", views.edit, name="edit"),
]
