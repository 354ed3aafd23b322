"""URLs of a side's member accounts, for that side's secretariat and co-chair."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.accounts import views

app_name = "members"
urlpatterns = [
    path("<int:pk>/", views.member_account, name="account"),
    path("<int:pk>/reset-second-factor/", views.reset_second_factor, name="reset_second_factor"),
    path("<int:pk>/deactivate/", views.deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views.reactivate, name="reactivate"),
]
