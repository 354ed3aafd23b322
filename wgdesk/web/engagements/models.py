"""The log of envoys' and delegates' meetings with officials outside the working group."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.bilingual import BilingualText
from wgdesk.web.core.scoping import ClassifiedModel, Visibility


class Engagement(ClassifiedModel):
    """A member's call on an outside official, logged by that member's side."""

    working_group = models.ForeignKey("groups.WorkingGroup", on_delete=models.CASCADE)
    side = models.ForeignKey("groups.Side", on_delete=models.PROTECT)
    member = models.ForeignKey(
        "groups.Member", on_delete=models.PROTECT, related_name="engagements"
    )
    counterpart = BilingualText(_("official met"), max_length=300)
    summary = BilingualText(_("summary"))
    held_on = models.DateField(_("held on"))
    place = BilingualText(_("place"), max_length=200)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.SIDE
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return str(self.counterpart)

    def get_absolute_url(self) -> str:
        """The page showing this record."""
        return reverse("engagements:detail", args=[self.pk])
