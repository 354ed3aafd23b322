"""Feed URLs: public paths (no session), the token in the path is the only key."""

from __future__ import annotations

from django.urls import path

from wgdesk.web.exports import views

app_name = "feeds"
urlpatterns = [path("calendar/<str:token>.ics", views.calendar_feed, name="calendar")]
