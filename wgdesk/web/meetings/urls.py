"""URLs of meetings."""

from __future__ import annotations

from django.urls import path, re_path

from wgdesk.web.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("new/", views.create, name="create"),
    path("series/new/", views.create_series, name="create_series"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/postpone/", views.postpone, name="postpone"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/agenda/add/", views.agenda_add, name="agenda_add"),
    re_path(
        r"^(?P<pk>[0-9]+)/agenda/(?P<entry_id>[0-9]+)/(?P<direction>up|down)/$",
        views.agenda_move,
        name="agenda_move",
    ),
    path("<int:pk>/agenda/<int:entry_id>/remove/", views.agenda_remove, name="agenda_remove"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
]
