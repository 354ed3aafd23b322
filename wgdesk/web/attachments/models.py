"""Files attached to any record, with a classification level."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.scoping import AttachedToRecord, Withdrawable


class Attachment(AttachedToRecord, Withdrawable):
    """An uploaded file; the bytes live under MEDIA_ROOT and are served only through a view."""

    file = models.FileField(upload_to="%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta(AttachedToRecord.Meta):
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
