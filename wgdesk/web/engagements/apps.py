"""App configuration: log of envoys' and delegates' meetings with officials outside the group."""

from __future__ import annotations

from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    """Log of envoys' and delegates' meetings with officials outside the group."""

    name = "wgdesk.web.engagements"
    label = "engagements"
