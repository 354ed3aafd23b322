"""Per-user calendar feed tokens: only a hash is stored, the token itself is shown once."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FeedToken(models.Model):
    """The SHA-256 of a user's calendar feed token; deleting the row revokes the feed."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
