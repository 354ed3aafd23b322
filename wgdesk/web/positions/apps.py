"""App configuration of the positions feature."""

from __future__ import annotations

from django.apps import AppConfig


class PositionsConfig(AppConfig):
    """Each side's position on each agenda item, its history and the alignment state."""

    name = "wgdesk.web.positions"
    label = "positions"
