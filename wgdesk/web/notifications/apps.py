"""App configuration: email notifications in each recipient's language."""

from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """Email notifications in each recipient's language."""

    name = "wgdesk.web.notifications"
    label = "notifications"
