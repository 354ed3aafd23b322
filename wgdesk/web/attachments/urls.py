"""URLs of attachments."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.attachments import views

app_name = "attachments"
urlpatterns = [
    path("add/<str:label>/<int:pk>/", views.upload, name="upload"),
    path("<int:pk>/download/", views.download, name="download"),
]
