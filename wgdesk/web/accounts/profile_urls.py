"""URLs of the member's own settings (signed-in members, for themselves)."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.accounts import views

app_name = "profile"
urlpatterns = [
    path("", views.profile, name="index"),
    path("password/", views.change_password, name="password"),
    path("email/", views.change_email, name="email"),
    path("email/confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("sessions/sign-out/", views.sign_out_others, name="sign_out_others"),
]
