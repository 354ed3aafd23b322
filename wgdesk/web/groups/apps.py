"""App configuration: working group, delegations (sides), ministries, members and invitations."""

from __future__ import annotations

from django.apps import AppConfig


class GroupsConfig(AppConfig):
    """Working group, delegations (sides), ministries, members and invitations."""

    name = "wgdesk.web.groups"
    label = "groups"
