"""URLs of meetings."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/agenda/add/", views.agenda_add, name="agenda_add"),
    path(
        "<int:pk>/agenda/<int:entry_id>/<str:direction>/",
        views.agenda_move,
        name="agenda_move",
    ),
    path("<int:pk>/agenda/<int:entry_id>/remove/", views.agenda_remove, name="agenda_remove"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
]
