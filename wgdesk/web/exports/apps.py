"""App configuration: minutes, action items and meeting calendars for download."""

from __future__ import annotations

from django.apps import AppConfig


class ExportsConfig(AppConfig):
    """Minutes, action items and meeting calendars for download."""

    name = "wgdesk.web.exports"
    label = "exports"
