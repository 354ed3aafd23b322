"""Minutes of a meeting, their revisions and each side's approval."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.bilingual import BilingualText
from wgdesk.web.core.scoping import ClassifiedModel


class MinutesStatus(models.TextChoices):
    """Lifecycle: draft → submitted → approved by each side → locked."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    LOCKED = "locked", _("Approved and locked")


class Minutes(ClassifiedModel):
    """The single minutes record of a meeting; ``revision`` is the optimistic-lock counter."""

    meeting = models.OneToOneField("meetings.Meeting", on_delete=models.CASCADE)
    body = BilingualText(_("minutes"))
    # Lists name minutes by their meeting (core.translations), never by their text.
    heading_pair = "meeting__title"
    status = models.CharField(
        _("status"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    revision = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    locked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.meeting)

    def get_absolute_url(self) -> str:
        """The page showing this record."""
        return reverse("minutes:detail", args=[self.meeting_id])


class MinutesRevision(models.Model):
    """The text as saved at one revision number, kept for history."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    body_ko = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    author = models.ForeignKey("groups.Member", on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_revision_unique")
        ]


class MinutesApproval(models.Model):
    """One side's approval of one revision of the minutes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="approvals")
    side = models.ForeignKey("groups.Side", on_delete=models.PROTECT)
    member = models.ForeignKey("groups.Member", on_delete=models.PROTECT)
    revision = models.PositiveIntegerField()
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["minutes", "side"], name="minutes_approval_unique")
        ]


class Amendment(models.Model):
    """A proposal, with its reason, that reopened locked minutes as a new revision.

    ``withdrawn`` keeps the approvals the amendment withdrew (side, approver, revision,
    time), so the record shows what had been approved before it changed.
    """

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="amendments")
    number = models.PositiveIntegerField()
    reason = models.TextField(_("reason"))
    proposed_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT)
    locked_revision = models.PositiveIntegerField()  # the revision that had been locked
    withdrawn = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_amendment_unique")
        ]
