"""URLs of minutes (keyed by meeting: one set of minutes per meeting)."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.minutes import views

app_name = "minutes"
urlpatterns = [
    path("<int:meeting_id>/", views.detail, name="detail"),
    path("<int:meeting_id>/edit/", views.edit, name="edit"),
    path("<int:meeting_id>/submit/", views.submit, name="submit"),
    path("<int:meeting_id>/approve/", views.approve, name="approve"),
    path("<int:meeting_id>/reopen/", views.reopen, name="reopen"),
    path("<int:meeting_id>/amend/", views.amend, name="amend"),
    path("<int:meeting_id>/history/", views.history, name="history"),
]
