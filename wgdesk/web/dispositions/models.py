"""A side's disposition of one screening hit: a screened name against one listed entry."""

from __future__ import annotations

import unicodedata
from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    """What the reviewer concluded about the hit."""

    FALSE_POSITIVE = "false_positive", _("False positive")
    POSSIBLE_MATCH = "possible_match", _("Possible match")
    TRUE_MATCH = "true_match", _("True match")


def name_key(name: str) -> str:
    """The form under which a screened name is recognised again: NFKC, case-folded, single
    spaces (so "Kim  Song-chol" typed twice finds the same disposition)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


class Disposition(models.Model):
    """One decision about a hit, kept for good: a later one supersedes it but never erases it.

    Owned by the side of the member who made it and never shared: what a delegation
    screens, and what it concluded, is its own business (policy.scopes).
    """

    working_group = models.ForeignKey("groups.WorkingGroup", on_delete=models.CASCADE)
    side = models.ForeignKey("groups.Side", on_delete=models.PROTECT)
    created_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("screened name"), max_length=500)
    name_key = models.CharField(max_length=500)
    # As long as the list loaders allow: an FtM list's name (40) and entity id (FtM's 200).
    source = models.CharField(_("list"), max_length=40)
    ref = models.CharField(_("reference"), max_length=200)
    entry_name = models.CharField(_("listed name"), max_length=500)
    list_version = models.CharField(_("list version"), max_length=200)
    verdict = models.CharField(_("disposition"), max_length=16, choices=Verdict.choices)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["side", "name_key", "source", "ref"])]

    def __str__(self) -> str:
        return f"{self.name} / {self.source.upper()} {self.ref}"

    def get_absolute_url(self) -> str:
        """The entry's page, with this disposition's screened name filled in."""
        url = reverse("dispositions:entry", args=[self.source, self.ref])
        return f"{url}?{urlencode({'name': self.name})}"
