"""App configuration: notes on any record, shared or for one side only."""

from __future__ import annotations

from django.apps import AppConfig


class NotesConfig(AppConfig):
    """Notes on any record, shared or for one side only."""

    name = "wgdesk.web.notes"
    label = "notes"
