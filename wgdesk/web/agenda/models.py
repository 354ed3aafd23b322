"""Tracks of work and agenda items nested without limit under them."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.bilingual import BilingualText
from wgdesk.web.core.scoping import Withdrawable

PATH_WIDTH = 10  # zero-padded id digits per level: ids up to 10 billion sort as text.


class Track(models.Model):
    """A line of work (diplomacy, denuclearization, ...); more can be added."""

    working_group = models.ForeignKey(
        "groups.WorkingGroup", on_delete=models.CASCADE, related_name="tracks"
    )
    code = models.SlugField(_("code"), max_length=40)
    title = BilingualText(_("title"), max_length=200)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["working_group", "code"], name="track_code_unique")
        ]

    def __str__(self) -> str:
        return str(self.title)


class ItemStatus(models.TextChoices):
    """Whether an agenda item is still being worked on."""

    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class AgendaItem(Withdrawable):
    """An issue on a track; children make it more specific (adjacency list + path).

    ``path`` is the chain of ids from the root, each zero-padded and ended by "/", so a
    subtree is one indexed range scan ``path >= p AND path < p[:-1] + "0"`` on SQLite and
    PostgreSQL alike ("/" sorts just before "0").
    """

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveIntegerField(default=0, editable=False)
    title = BilingualText(_("title"), max_length=300)
    description = BilingualText(_("description"))
    status = models.CharField(
        _("status"), max_length=8, choices=ItemStatus.choices, default=ItemStatus.OPEN
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        """The page showing this record."""
        return reverse("agenda:item", args=[self.pk])

    def save(self, *args: object, **kwargs: object) -> None:
        """Save, then derive the path from the parent's once the id is known."""
        super().save(*args, **kwargs)  # type: ignore[arg-type]
        prefix = self.parent.path if self.parent is not None else ""
        path = f"{prefix}{self.pk:0{PATH_WIDTH}d}/"
        if path != self.path:
            self.path, self.depth = path, path.count("/") - 1
            AgendaItem.objects.filter(pk=self.pk).update(path=self.path, depth=self.depth)

    def subtree_bounds(self) -> tuple[str, str]:
        """Return the [low, high) text range of the paths in this item's subtree."""
        return self.path, self.path[:-1] + "0"
