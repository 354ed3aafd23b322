"""App configuration of the minutes feature."""

from __future__ import annotations

from django.apps import AppConfig


class MinutesConfig(AppConfig):
    """Minutes of a meeting: revisions, edit-conflict detection and joint sign-off."""

    name = "wgdesk.web.minutes"
    label = "minutes"

    def ready(self) -> None:
        """Freeze what locked minutes record, at the model layer."""
        from wgdesk.web.minutes import freeze

        freeze.connect()
