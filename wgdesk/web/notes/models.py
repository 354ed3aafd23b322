"""Notes on any record, shared with both sides or kept by one side."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.scoping import AttachedToRecord, Withdrawable


class Note(AttachedToRecord, Withdrawable):
    """A member's note on a record; its scope columns make it filterable in one query."""

    body = models.TextField(_("note"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta(AttachedToRecord.Meta):
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:80]
