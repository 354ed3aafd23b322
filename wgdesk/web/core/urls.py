"""URLs shared by every feature."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.core import views

app_name = "core"
urlpatterns = [
    path(
        "translations/<str:label>/<ref:pk>/<str:field>/confirm/",
        views.confirm_view,
        name="confirm_translation",
    ),
    path("withdraw/<str:label>/<ref:pk>/", views.withdraw_view, name="withdraw"),
]
