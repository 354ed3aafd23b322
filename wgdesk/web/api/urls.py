"""URLs of the HTTP API, mounted at /api/v1/."""

from __future__ import annotations

from django.urls import path, re_path

from wgdesk.web.api import ecosystem, project_edits, projects, records, views
from wgdesk.web.api.endpoints import not_found

app_name = "api"
urlpatterns = [
    path("screen", views.screen, name="screen"),
    path("review", views.review, name="review"),
    path("lists", views.lists, name="lists"),
    path("reviews", views.reviews, name="reviews"),
    path("reviews/<ref:pk>", views.review_of, name="review_detail"),
    path("meetings", views.meetings, name="meetings"),
    path("meetings/<int:pk>", records.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes", records.minutes_of, name="minutes"),
    path(
        "meetings/<int:pk>/minutes/revisions",
        records.minutes_revisions,
        name="minutes_revisions",
    ),
    path("decisions", records.decision_list, name="decisions"),
    path("decisions/<ref:pk>", records.decision_detail, name="decision_detail"),
    path("action-items", records.action_list, name="action_items"),
    path("action-items/<ref:pk>", records.action_detail, name="action_item_detail"),
    path("positions", records.position_list, name="positions"),
    path("positions/<ref:pk>", records.position_detail, name="position_detail"),
    path("projects", project_edits.projects, name="projects"),
    path("projects/choices", project_edits.project_choices, name="project_choices"),
    path("projects/<ref:pk>", projects.project_detail, name="project_detail"),
    path("projects/<ref:pk>/versions", project_edits.project_versions, name="project_versions"),
    path(
        "projects/<ref:pk>/versions/<int:number>", projects.project_version, name="project_version"
    ),
    path("projects/<ref:pk>/transitions", projects.project_transitions, name="project_transitions"),
    path("projects/<ref:pk>/request", project_edits.project_request, name="project_request"),
    path(
        "projects/<ref:pk>/request/<str:kind>",
        project_edits.project_request_file,
        name="project_request_file",
    ),
    path("projects/<ref:pk>/notes", project_edits.project_notes, name="project_notes"),
    path("projects/<ref:pk>/shipments", project_edits.project_shipments, name="project_shipments"),
    path("projects/<ref:pk>/review", projects.project_review, name="project_review"),
    path(
        "projects/<ref:pk>/review/share", projects.share_project_review, name="share_project_review"
    ),
    path("openapi.json", views.openapi, name="openapi"),
    # The ecosystem's protocols: yente's matching API and OpenRefine reconciliation.
    path("match/<slug:dataset>", ecosystem.match, name="match"),
    path("entities/<str:entity_id>", ecosystem.entity, name="entity"),
    path("reconcile", ecosystem.reconcile, name="reconcile"),
    path("reconcile/<slug:dataset>", ecosystem.reconcile, name="reconcile_dataset"),
    re_path(r"", not_found),  # anything else under /api/v1/ is a JSON 404
]
