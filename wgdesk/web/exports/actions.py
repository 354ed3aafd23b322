"""State changes of exports: feed tokens issued and revoked, downloads recorded."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils import timezone

from wgdesk.web.audit.actions import record
from wgdesk.web.exports import tokens
from wgdesk.web.exports.models import FeedToken


def issue_feed_token(user: Any) -> str:
    """Give the user a new calendar feed token, replacing (so revoking) any earlier one."""
    token = tokens.new_token()
    with transaction.atomic():
        FeedToken.objects.update_or_create(
            user=user,
            defaults={
                "digest": tokens.digest(token),
                "created_at": timezone.now(),
                "last_used_at": None,
            },
        )
        record(user, "feed_token", user.member, {"feed": "calendar", "state": "issued"})
    return token


def revoke_feed_token(user: Any) -> bool:
    """Delete the user's feed token; return whether there was one."""
    with transaction.atomic():
        deleted, _ = FeedToken.objects.filter(user=user).delete()
        if deleted:
            record(user, "feed_token", user.member, {"feed": "calendar", "state": "revoked"})
    return bool(deleted)


def mark_feed_used(feed: FeedToken) -> None:
    """Note when the feed was last fetched, so its owner can spot an unknown reader."""
    FeedToken.objects.filter(pk=feed.pk).update(last_used_at=timezone.now())


def record_download(user: Any, export: str, obj: models.Model, **data: Any) -> None:
    """Add a download to the audit trail (what was exported, in which format, how much)."""
    record(user, "download", obj, {"export": export, **data})
