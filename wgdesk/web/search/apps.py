"""App configuration: full-text search in both languages, filtered by the policy."""

from __future__ import annotations

from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Full-text search in both languages, filtered by the policy."""

    name = "wgdesk.web.search"
    label = "search"
