"""URLs of sign-in; all are public (see LoginRequiredMiddleware)."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("verify/", views.verify_view, name="verify"),
    path("enrol/", views.enrol_view, name="enrol"),
    path("logout/", views.logout_view, name="logout"),
    path("invitation/<str:token>/", views.invitation_view, name="invitation"),
    path("reset/", views.reset_request, name="reset"),
    path("reset/<str:uidb64>/<str:token>/", views.reset_confirm, name="reset_confirm"),
]
