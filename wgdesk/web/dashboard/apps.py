"""App configuration: the per-user start page."""

from __future__ import annotations

from django.apps import AppConfig


class DashboardConfig(AppConfig):
    """The per-user start page."""

    name = "wgdesk.web.dashboard"
    label = "dashboard"
