"""App configuration: the HTTP JSON API (/api/v1/) and personal API tokens."""

from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The HTTP API over the sanctions engine and saved reviews, with personal tokens."""

    name = "wgdesk.web.api"
    label = "api"
