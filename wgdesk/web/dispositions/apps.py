"""App configuration: dispositions of screening hits and the listed entries' pages."""

from __future__ import annotations

from django.apps import AppConfig


class DispositionsConfig(AppConfig):
    """What a side decided about a screening hit (false positive, possible or true match)."""

    name = "wgdesk.web.dispositions"
    label = "dispositions"
