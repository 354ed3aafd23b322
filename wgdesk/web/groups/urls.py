"""URLs of the group feature."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.groups import views

app_name = "groups"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("ministries/add/", views.add_ministry, name="add_ministry"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<ref:pk>/revoke/", views.revoke, name="revoke"),
]
