"""App configuration: action items: owner, side, due date, status; carried over until done."""

from __future__ import annotations

from django.apps import AppConfig


class ActionitemsConfig(AppConfig):
    """Action items: owner, side, due date, status; carried over until done."""

    name = "wgdesk.web.actionitems"
    label = "actionitems"
