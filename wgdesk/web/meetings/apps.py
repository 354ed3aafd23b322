"""App configuration: meeting series, meetings, their ordered agendas and attendance."""

from __future__ import annotations

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    """Meeting series, meetings, their ordered agendas and attendance."""

    name = "wgdesk.web.meetings"
    label = "meetings"
