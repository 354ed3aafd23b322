"""App configuration: the pace of each track over time, drawn as SVG on the server."""

from __future__ import annotations

from django.apps import AppConfig


class PaceConfig(AppConfig):
    """The pace of each track over time, drawn as SVG on the server."""

    name = "wgdesk.web.pace"
    label = "pace"
