"""Root URLconf: each feature app mounts its own urls.py under one prefix."""

from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    path("", include("wgdesk.web.dashboard.urls")),
    path("accounts/", include("wgdesk.web.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("group/members/", include("wgdesk.web.accounts.member_urls")),
    path("group/", include("wgdesk.web.groups.urls")),
    path("agenda/", include("wgdesk.web.agenda.urls")),
    path("meetings/", include("wgdesk.web.meetings.urls")),
    path("minutes/", include("wgdesk.web.minutes.urls")),
    path("decisions/", include("wgdesk.web.decisions.urls")),
    path("action-items/", include("wgdesk.web.actionitems.urls")),
    path("positions/", include("wgdesk.web.positions.urls")),
    path("engagements/", include("wgdesk.web.engagements.urls")),
    path("notes/", include("wgdesk.web.notes.urls")),
    path("attachments/", include("wgdesk.web.attachments.urls")),
    path("audit/", include("wgdesk.web.audit.urls")),
    path("search/", include("wgdesk.web.search.urls")),
    path("exports/", include("wgdesk.web.exports.urls")),
    path("feeds/", include("wgdesk.web.exports.feed_urls")),
    path("notifications/", include("wgdesk.web.notifications.urls")),
    path("pace/", include("wgdesk.web.pace.urls")),
    path("sanctions/entries/", include("wgdesk.web.dispositions.urls")),
    path("sanctions/", include("wgdesk.web.sanctions.urls")),
    path("api/v1/", include("wgdesk.web.api.urls")),
    path("settings/api-tokens/", include("wgdesk.web.api.token_urls")),
    path("settings/profile/", include("wgdesk.web.accounts.profile_urls")),
    path("", include("wgdesk.web.core.urls")),
    # Reserved for the features built on top of this core (see docs/web.md):
    # "search/" (search:index), "exports/" (exports:index), "pace/" (pace:chart).
]
