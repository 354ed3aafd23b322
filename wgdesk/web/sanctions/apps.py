"""App configuration: sanctions screening, project reviews and saved reviews on the desk."""

from __future__ import annotations

from django.apps import AppConfig


class SanctionsConfig(AppConfig):
    """Screening names and reviewing projects with the sanctions engine, from the browser."""

    name = "wgdesk.web.sanctions"
    label = "sanctions"
