"""Each side's position on each agenda item, its history, and the alignment between sides."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.bilingual import BilingualText
from wgdesk.web.core.scoping import ClassifiedModel


class PositionStatus(models.TextChoices):
    """A draft is for its own side only; sharing shows it to the other side."""

    DRAFT = "draft", _("Draft (this side only)")
    SHARED = "shared", _("Shared with the other side")


class Alignment(models.TextChoices):
    """How close the two sides' positions on an item are."""

    ALIGNED = "aligned", _("Aligned")
    CLOSE = "close", _("Close")
    DIVERGING = "diverging", _("Diverging")
    PENDING = "pending", _("Pending")


class Position(ClassifiedModel):
    """One side's current stance on one agenda item."""

    agenda_item = models.ForeignKey(
        "agenda.AgendaItem", on_delete=models.CASCADE, related_name="positions"
    )
    side = models.ForeignKey("groups.Side", on_delete=models.PROTECT)
    stance = BilingualText(_("position"))
    status = models.CharField(
        _("status"), max_length=8, choices=PositionStatus.choices, default=PositionStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "side"], name="position_per_side")
        ]

    def __str__(self) -> str:
        return str(self.stance)[:80]

    def get_absolute_url(self) -> str:
        """The page showing this record."""
        return reverse("positions:item", args=[self.agenda_item_id])


class PositionRevision(ClassifiedModel):
    """The stance as it stood at one revision; ``shared`` says if the other side saw it."""

    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="history")
    number = models.PositiveIntegerField()
    stance_ko = models.TextField(blank=True)
    stance_en = models.TextField(blank=True)
    shared = models.BooleanField(default=False)
    author = models.ForeignKey("groups.Member", on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]


class AlignmentChange(models.Model):
    """An alignment state set on an agenda item; the latest row is the current state."""

    agenda_item = models.ForeignKey(
        "agenda.AgendaItem", on_delete=models.CASCADE, related_name="alignment_changes"
    )
    state = models.CharField(_("alignment"), max_length=10, choices=Alignment.choices)
    set_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT)
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-set_at", "-id"]
