"""App configuration: inter-Korean cooperation projects from proposal to Committee decision."""

from __future__ import annotations

from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    """Cooperation projects, their versions, workflow, side reviews and re-screening."""

    name = "wgdesk.web.projects"
    label = "projects"
