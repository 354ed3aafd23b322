"""App configuration: decisions taken at a meeting on an agenda item."""

from __future__ import annotations

from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    """Decisions taken at a meeting on an agenda item."""

    name = "wgdesk.web.decisions"
    label = "decisions"
