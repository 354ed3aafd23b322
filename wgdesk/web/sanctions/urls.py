"""URLs of the sanctions pages."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.sanctions import project_views, views

app_name = "sanctions"
urlpatterns = [
    path("", views.index, name="index"),
    path("screen/", views.screen, name="screen"),
    path("review/", views.review, name="review"),
    path("project/", project_views.project, name="project"),
    path("hs/", project_views.hs_search, name="hs_search"),
    path("reviews/<int:pk>/", views.detail, name="detail"),
    path("reviews/<int:pk>/edit/", views.edit, name="edit"),
    path("reviews/<int:pk>/report.json", views.download, {"what": "json"}, name="download_json"),
    path(
        "reviews/<int:pk>/report.md", views.download, {"what": "markdown"}, name="download_markdown"
    ),
    path(
        "reviews/<int:pk>/exemption-request.zip",
        views.download,
        {"what": "exemption"},
        name="download_exemption",
    ),
]
