"""Second factor secrets, the login-attempt record used for throttling, and the register of
signed-in sessions (so that a member, or their side, can end them)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from wgdesk.web.accounts.sealing import SealedTextField


class TotpDevice(models.Model):
    """A user's TOTP secret; confirmed once the user has entered a valid code from it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp"
    )
    # Sealed at rest (sealing.py): a copy of the database cannot produce codes.
    secret = SealedTextField(blank=True, default="")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The last accepted time step: a code is never accepted twice (replay protection).
    last_step = models.BigIntegerField(default=0)


class LoginAttempt(models.Model):
    """A failed or successful sign-in step, kept to throttle by account and by IP address."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(db_index=True)
    at = models.DateTimeField(db_index=True)
    success = models.BooleanField(default=False)
    stage = models.CharField(max_length=8)  # "password" or "totp"


class SignedInSession(models.Model):
    """A session in which the user completed sign-in: the key lets it be ended from elsewhere.

    The session store itself cannot be searched by user (its data is encoded); this register
    is written when a user signs in and cleared when they sign out or a session is ended.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField()
    ip = models.GenericIPAddressField(null=True, blank=True)
