"""URLs of cooperation projects."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.create, name="create"),
    path("<ref:pk>/", views.detail, name="detail"),
    path("<ref:pk>/edit/", views.edit, name="edit"),
    path("<ref:pk>/versions/<int:number>/", views.version, name="version"),
    path("<ref:pk>/review/", views.review, name="review"),
    path("<ref:pk>/review/share/", views.share_review, name="share_review"),
    path("<ref:pk>/steps/<str:step>/", views.step, name="step"),
    path("<ref:pk>/request/", views.edit_request, name="request"),
    path("<ref:pk>/request/<str:kind>/", views.download, name="download"),
    path("<ref:pk>/shipments/new/", views.add_shipment, name="shipment"),
]
