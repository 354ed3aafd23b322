"""Reads of the group feature, through the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from wgdesk.web import policy
from wgdesk.web.groups.models import Invitation, Member, Ministry, Side


def sides_with_people(user: Any) -> QuerySet[Side]:
    """The two sides of the user's group, each with its ministries and members."""
    return (
        policy.visible(user, Side)
        .prefetch_related(
            Prefetch("ministries", queryset=policy.visible(user, Ministry)),
            Prefetch("members", queryset=policy.visible(user, Member).select_related("ministry")),
        )
        .select_related("head")
    )


def invitations(user: Any) -> QuerySet[Invitation]:
    """Invitations of the user's side (only steering roles see any)."""
    return policy.visible(user, Invitation).select_related("ministry").order_by("-created_at")
