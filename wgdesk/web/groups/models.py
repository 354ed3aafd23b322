"""A working group, its two delegations, their ministries, members and invitations."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core import zones
from wgdesk.web.core.bilingual import BilingualText
from wgdesk.web.core.scoping import Classification


class Role(models.TextChoices):
    """What a member does in the group; the policy module maps roles to capabilities."""

    CO_CHAIR = "co_chair", _("Co-chair")
    DELEGATE = "delegate", _("Delegate")
    MINISTRY_LIAISON = "liaison", _("Ministry liaison")
    OBSERVER = "observer", _("Observer")
    SECRETARIAT = "secretariat", _("Secretariat")


class WorkingGroup(models.Model):
    """A standing bilateral working group."""

    name = BilingualText(_("name"), max_length=200)
    launched_on = models.DateField(_("launched on"))
    place = models.CharField(_("place"), max_length=200, blank=True)

    def __str__(self) -> str:
        return str(self.name)


class Side(models.Model):
    """One of the two delegations of a working group."""

    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="sides")
    code = models.CharField(_("code"), max_length=8)
    name = BilingualText(_("name"), max_length=200)
    head = models.ForeignKey(
        "Member", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["working_group", "code"], name="side_code_unique")
        ]

    def __str__(self) -> str:
        return str(self.name)


class Ministry(models.Model):
    """A ministry or agency that took part on one side from a given date."""

    side = models.ForeignKey(Side, on_delete=models.CASCADE, related_name="ministries")
    name = BilingualText(_("name"), max_length=200)
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)

    class Meta:
        ordering = ["joined_on", "id"]

    def __str__(self) -> str:
        return str(self.name)


class Member(models.Model):
    """A person's seat in the group: one account belongs to one side of one group."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member"
    )
    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="members"
    )
    side = models.ForeignKey(Side, on_delete=models.PROTECT, related_name="members")
    ministry = models.ForeignKey(Ministry, on_delete=models.SET_NULL, null=True, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    clearance = models.IntegerField(
        _("clearance"), choices=Classification.choices, default=Classification.UNCLASSIFIED
    )
    name = BilingualText(_("name"), max_length=200)
    title = BilingualText(_("title"), max_length=300)
    # The IANA zone this member reads times in; empty: the desk's default (setting time_zone).
    time_zone = models.CharField(
        _("time zone"), max_length=64, blank=True, default="", validators=[zones.validate_zone]
    )
    # Set when the side's co-chair or secretariat deactivates the seat: the account can no
    # longer sign in, and everything the member did stays, shown as "(deactivated)".
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True)

    class Meta:
        ordering = ["side_id", "id"]

    def __str__(self) -> str:
        if self.deactivated_at is None:
            return str(self.name)
        return _("%(name)s (deactivated)") % {"name": self.name}


def _new_token() -> str:
    """Return a random token (kept because migration 0001 names it as a default)."""
    return secrets.token_urlsafe(32)


def _default_expiry() -> datetime:
    """Invitations expire after 14 days."""
    return timezone.now() + timedelta(days=14)


class Invitation(models.Model):
    """A co-chair's single-use invitation naming side, ministry, role and clearance."""

    working_group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE)
    side = models.ForeignKey(Side, on_delete=models.CASCADE)
    ministry = models.ForeignKey(Ministry, on_delete=models.SET_NULL, null=True, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    clearance = models.IntegerField(
        _("clearance"), choices=Classification.choices, default=Classification.UNCLASSIFIED
    )
    email = models.EmailField(_("email"))
    # Only the token's SHA-256 is kept, as for API and feed tokens: a copy of the database
    # (a backup, a leaked dump) must not be enough to accept an open invitation.
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=_default_expiry)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    accepted_member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # The plain token, set only on the instance that ``groups.actions.invite`` returns.
    token: str = ""

    def is_usable(self) -> bool:
        """An invitation works once, before it expires, unless revoked."""
        return self.used_at is None and self.revoked_at is None and self.expires_at > timezone.now()
