"""Decisions taken at a meeting on an agenda item."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.bilingual import BilingualText
from wgdesk.web.core.scoping import ClassifiedModel, Withdrawable


class Decision(ClassifiedModel, Withdrawable):
    """What the two sides agreed at a meeting on an agenda item."""

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem", on_delete=models.PROTECT, related_name="decisions"
    )
    text = BilingualText(_("decision"))
    decided_on = models.DateField(_("decided on"))
    created_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT)

    class Meta:
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return str(self.text)[:80]

    def get_absolute_url(self) -> str:
        """The page showing this record."""
        return reverse("decisions:detail", args=[self.pk])
