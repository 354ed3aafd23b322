"""Reads of the engagement log, through the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wgdesk.web import policy
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.groups.models import Member


def visible_engagements(user: Any) -> QuerySet[Engagement]:
    """Every engagement the user may see, newest first."""
    return policy.visible(user, Engagement).select_related("member", "side")


def own_side_members(user: Any) -> QuerySet[Member]:
    """Members of the user's side (an engagement is logged by the member's own side)."""
    member = policy.member_of(user)
    if member is None:
        return Member.objects.none()
    return policy.visible(user, Member).filter(side_id=member.side_id)
