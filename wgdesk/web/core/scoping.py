"""The fields that decide who sees a record: classification and shared/side-only visibility."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Classification(models.IntegerChoices):
    """Protective marking of a record; a member sees a record at or below their clearance."""

    UNCLASSIFIED = 0, pgettext_lazy("classification", "Unclassified")
    RESTRICTED = 1, pgettext_lazy("classification", "Restricted")
    CONFIDENTIAL = 2, pgettext_lazy("classification", "Confidential")
    SECRET = 3, pgettext_lazy("classification", "Secret")


# Portion marks: the level of one item, written before it, so a reader of any page or
# export can tell each part's marking (the banner gives the highest of them).
PORTION_MARKS = {
    Classification.UNCLASSIFIED: "(U)",
    Classification.RESTRICTED: "(R)",
    Classification.CONFIDENTIAL: "(C)",
    Classification.SECRET: "(S)",
}


def portion_mark(level: int) -> str:
    """The portion mark of a classification level: (U), (R), (C) or (S)."""
    return PORTION_MARKS[Classification(level)]


def portion_legend() -> str:
    """What the portion marks stand for, in the active language (exports print it)."""
    return ", ".join(f"{mark} {level.label}" for level, mark in PORTION_MARKS.items())


class Visibility(models.TextChoices):
    """Whether a side-owned record is shown to the other delegation."""

    SHARED = "shared", _("Shared with both sides")
    SIDE = "side", _("This side only")


class ClassifiedModel(models.Model):
    """A record carrying a classification level."""

    classification = models.IntegerField(
        _("classification"), choices=Classification.choices, default=Classification.UNCLASSIFIED
    )

    class Meta:
        abstract = True


class AttachedToRecord(ClassifiedModel):
    """A side-owned note or file attached to any record, with its scope stored on the row.

    The working group, owning side, visibility and classification are copied here when the
    row is created, so one SQL query can filter these rows for a user without joining the
    many kinds of record they hang on.
    """

    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    working_group = models.ForeignKey("groups.WorkingGroup", on_delete=models.CASCADE)
    side = models.ForeignKey("groups.Side", on_delete=models.PROTECT)
    visibility = models.CharField(
        _("visibility"), max_length=8, choices=Visibility.choices, default=Visibility.SIDE
    )
    created_by = models.ForeignKey("groups.Member", on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        indexes = [
            models.Index(fields=["target_type", "target_id"], name="%(app_label)s_%(class)s_tgt")
        ]


class Withdrawable(models.Model):
    """A record that can be withdrawn: a soft delete that keeps the row, with who, when and
    why, so those who could see it still see that it was withdrawn (and nothing is lost)."""

    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "groups.Member", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True, default="")

    class Meta:
        abstract = True

    @property
    def is_withdrawn(self) -> bool:
        """True once the record has been withdrawn."""
        return self.withdrawn_at is not None
