"""URLs of the audit trail."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.log, name="log"),
    path("export.csv", views.export, name="export"),
]
