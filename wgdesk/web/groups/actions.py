"""State changes of the group: ministries, invitations and accepting an invitation."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wgdesk.web.audit.actions import record
from wgdesk.web.core import records
from wgdesk.web.exports.tokens import digest, new_token
from wgdesk.web.groups.models import Invitation, Member, Ministry, Side

# Invitation links carry this prefix, so a leaked one is recognisable as ours.
INVITATION_PREFIX = "wgi_"


class InvitationError(Exception):
    """An invitation that cannot be used (unknown, expired, revoked or already used)."""


def add_ministry(user: Any, side: Side, name: tuple[str, str], joined_on: date) -> Ministry:
    """Record a ministry or agency joining one side."""
    return records.create(user, Ministry, {"name": name}, side=side, joined_on=joined_on)


def invite(
    user: Any, ministry: Ministry | None, role: str, clearance: int, email: str
) -> Invitation:
    """Create a single-use invitation to the inviting co-chair's own side.

    Only the token's digest is stored; the returned instance carries the plain token in
    ``token`` so the caller can show the link once.
    """
    member: Member = user.member
    if ministry is not None and ministry.side_id != member.side_id:
        raise ValueError("the ministry belongs to the other side")
    token = new_token(INVITATION_PREFIX)
    invitation = records.create(
        user,
        Invitation,
        working_group_id=member.working_group_id,
        side_id=member.side_id,
        ministry=ministry,
        role=role,
        clearance=clearance,
        email=email,
        invited_by=member,
        digest=digest(token),
    )
    invitation.token = token
    return invitation


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link's token opens, or None."""
    found = Invitation.objects.filter(digest=digest(token)).select_related("side", "ministry")
    return found.first()


def revoke(user: Any, invitation: Invitation) -> None:
    """Withdraw an unused invitation."""
    if invitation.used_at is None and invitation.revoked_at is None:
        records.update(user, invitation, verb="revoke", revoked_at=timezone.now())


def accept(token: str, username: str, password: str, name: tuple[str, str]) -> Member:
    """Turn an invitation into an account and a seat; the token works exactly once."""
    now = timezone.now()
    with transaction.atomic():
        # The conditional update claims the token atomically: a second use updates no row.
        hashed = digest(token)
        claimed = Invitation.objects.filter(
            digest=hashed, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
        ).update(used_at=now)
        if claimed != 1:
            raise InvitationError("unknown, expired, revoked or used invitation")
        invitation = Invitation.objects.select_related("side").get(digest=hashed)
        user = get_user_model().objects.create_user(
            username=username, email=invitation.email, password=password
        )
        member = records.create(
            user,
            Member,
            {"name": name},
            user=user,
            working_group_id=invitation.working_group_id,
            side=invitation.side,
            ministry=invitation.ministry,
            role=invitation.role,
            clearance=invitation.clearance,
        )
        Invitation.objects.filter(pk=invitation.pk).update(accepted_member=member)
        record(user, "accept", invitation, {"member": member.pk})
    return member
