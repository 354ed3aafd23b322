"""URLs of cooperation projects."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/versions/<int:number>/", views.version, name="version"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/review/share/", views.share_review, name="share_review"),
    path("<int:pk>/steps/<str:step>/", views.step, name="step"),
    path("<int:pk>/request/", views.edit_request, name="request"),
    path("<int:pk>/request/<str:kind>/", views.download, name="download"),
    path("<int:pk>/shipments/new/", views.add_shipment, name="shipment"),
]
