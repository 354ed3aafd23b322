"""URLs of positions."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.positions import views

app_name = "positions"
urlpatterns = [
    path("", views.board, name="board"),
    path("items/<int:agenda_id>/", views.item, name="item"),
    path("items/<int:agenda_id>/edit/", views.edit, name="edit"),
    path("items/<int:agenda_id>/align/", views.align, name="align"),
    path("<ref:pk>/share/", views.share, name="share"),
]
