"""Personal API tokens: only a hash is stored; the token itself is shown once."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    """A user's API token: its SHA-256, a hint to recognise it, expiry and rate window.

    A request with the token acts as its user, with that user's side, role and clearance
    at the time of the request; deleting the row revokes the token.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=16)  # the token's first characters, for the list
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Fixed-window rate limiting: the window's start (epoch seconds) and requests in it.
    window_start = models.BigIntegerField(default=0)
    window_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    def expired(self, now: datetime) -> bool:
        """True once the expiry time (if any) has passed."""
        return self.expires_at is not None and self.expires_at <= now
