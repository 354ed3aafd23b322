"""URLs of attachments."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.attachments import views

app_name = "attachments"
urlpatterns = [
    path("add/<str:label>/<ref:pk>/", views.upload, name="upload"),
    path("<ref:pk>/download/", views.download, name="download"),
]
