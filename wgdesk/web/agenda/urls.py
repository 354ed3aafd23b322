"""URLs of tracks and agenda items."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.agenda import views

app_name = "agenda"
urlpatterns = [
    path("", views.tracks, name="tracks"),
    path("tracks/add/", views.add_track, name="add_track"),
    path("tracks/<int:track_id>/add/", views.add_item, name="add_item"),
    path("tracks/<int:track_id>/add/<int:parent_id>/", views.add_item, name="add_subitem"),
    path("items/<int:pk>/", views.item, name="item"),
    path("items/<int:pk>/edit/", views.edit_item, name="edit_item"),
]
