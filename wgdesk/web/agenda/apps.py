"""App configuration: tracks and the nested agenda items under them."""

from __future__ import annotations

from django.apps import AppConfig


class AgendaConfig(AppConfig):
    """Tracks and the nested agenda items under them."""

    name = "wgdesk.web.agenda"
    label = "agenda"
