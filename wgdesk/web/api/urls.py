"""URLs of the HTTP API, mounted at /api/v1/."""

from __future__ import annotations

from django.urls import path, re_path

from wgdesk.web.api import ecosystem, projects, views
from wgdesk.web.api.endpoints import not_found

app_name = "api"
urlpatterns = [
    path("screen", views.screen, name="screen"),
    path("review", views.review, name="review"),
    path("lists", views.lists, name="lists"),
    path("reviews", views.reviews, name="reviews"),
    path("reviews/<ref:pk>", views.review_of, name="review_detail"),
    path("meetings", views.meetings, name="meetings"),
    path("projects", projects.project_list, name="projects"),
    path("projects/<int:pk>", projects.project_detail, name="project_detail"),
    path(
        "projects/<int:pk>/versions/<int:number>", projects.project_version, name="project_version"
    ),
    path("openapi.json", views.openapi, name="openapi"),
    # The ecosystem's protocols: yente's matching API and OpenRefine reconciliation.
    path("match/<slug:dataset>", ecosystem.match, name="match"),
    path("entities/<str:entity_id>", ecosystem.entity, name="entity"),
    path("reconcile", ecosystem.reconcile, name="reconcile"),
    path("reconcile/<slug:dataset>", ecosystem.reconcile, name="reconcile_dataset"),
    re_path(r"", not_found),  # anything else under /api/v1/ is a JSON 404
]
