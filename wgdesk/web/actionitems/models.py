"""Action items: who does what by when, carried over until done."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.bilingual import BilingualText
from wgdesk.web.core.scoping import ClassifiedModel


class ActionStatus(models.TextChoices):
    """Progress of an action item; only DONE and DROPPED stop the carry-over."""

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class ActionItem(ClassifiedModel):
    """A task raised at a meeting, owned by a member of one side."""

    working_group = models.ForeignKey("groups.WorkingGroup", on_delete=models.CASCADE)
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, related_name="action_items"
    )
    agenda_item = models.ForeignKey(
        "agenda.AgendaItem", on_delete=models.PROTECT, null=True, blank=True
    )
    title = BilingualText(_("action"), max_length=300)
    owner = models.ForeignKey("groups.Member", on_delete=models.PROTECT, related_name="actions")
    side = models.ForeignKey("groups.Side", on_delete=models.PROTECT)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        """The page showing this record."""
        return reverse("actionitems:detail", args=[self.pk])
