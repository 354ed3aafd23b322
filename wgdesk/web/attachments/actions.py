"""State changes of attachments: upload, and the audit record of each download."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction

from wgdesk.web.attachments.models import Attachment
from wgdesk.web.audit.actions import record
from wgdesk.web.core import records
from wgdesk.web.core.attached import inherited_scope


def upload(
    user: Any,
    target: models.Model,
    name: str,
    data: bytes,
    media_type: str,
    visibility: str,
    classification: int,
) -> Attachment:
    """Store a checked file on a record; the row and the file stand or fall together."""
    scope = inherited_scope(user, target, visibility, classification)
    digest = hashlib.sha256(data).hexdigest()
    # The stored name is the digest, never the user's file name (no path tricks on disk).
    stored = default_storage.save(f"{digest[:2]}/{digest}", ContentFile(data))
    try:
        with transaction.atomic():
            return records.create(
                user,
                Attachment,
                file=stored,
                original_name=name,
                media_type=media_type,
                size=len(data),
                sha256=digest,
                **scope,
            )
    except Exception:
        # The row was not written: remove the file so a failed upload leaves nothing behind.
        default_storage.delete(stored)
        raise


def record_download(user: Any, attachment: Attachment) -> None:
    """Log that a user fetched a file."""
    record(user, "download", attachment, {"sha256": attachment.sha256})
