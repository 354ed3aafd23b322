"""Meeting series, meetings, their ordered agendas and attendance."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core import zones
from wgdesk.web.core.bilingual import BilingualText


class MeetingFormat(models.TextChoices):
    """How people attend."""

    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video conference")
    HYBRID = "hybrid", _("Hybrid")


class MeetingStatus(models.TextChoices):
    """Whether a meeting goes ahead as scheduled."""

    SCHEDULED = "scheduled", _("Scheduled")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingSeries(models.Model):
    """A run of meetings of the group (e.g. plenary sessions)."""

    working_group = models.ForeignKey(
        "groups.WorkingGroup", on_delete=models.CASCADE, related_name="series"
    )
    title = BilingualText(_("title"), max_length=200)

    def __str__(self) -> str:
        return str(self.title)


class Meeting(models.Model):
    """One meeting: when, where, how, what is on the agenda and who came."""

    series = models.ForeignKey(MeetingSeries, on_delete=models.CASCADE, related_name="meetings")
    title = BilingualText(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)  # an instant, in UTC
    # The IANA zone the meeting is held in: its times are entered and first shown there.
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="UTC", validators=[zones.validate_zone]
    )
    place = BilingualText(_("place"), max_length=200)
    format = models.CharField(
        _("format"), max_length=10, choices=MeetingFormat.choices, default=MeetingFormat.IN_PERSON
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    # Why it was postponed or cancelled, and the start it had before its last postponement.
    status_reason = models.TextField(_("reason"), blank=True, default="")
    postponed_from = models.DateTimeField(_("postponed from"), null=True, blank=True)
    # How many times it was postponed or cancelled: the calendar feed's SEQUENCE, so
    # calendar clients take each new time (RFC 5545 §3.8.7.4).
    schedule_changes = models.PositiveIntegerField(default=0)
    agenda_items: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "agenda.AgendaItem", through="AgendaEntry", related_name="meetings"
    )

    class Meta:
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return str(self.title)

    def get_absolute_url(self) -> str:
        """The page showing this record."""
        return reverse("meetings:detail", args=[self.pk])

    @property
    def zone(self) -> ZoneInfo:
        """The meeting's own time zone."""
        return zones.zone(self.time_zone)

    @property
    def is_cancelled(self) -> bool:
        """True once the meeting has been called off."""
        return self.status == MeetingStatus.CANCELLED

    def local_start(self) -> datetime:
        """The start as the clocks show it where the meeting is held."""
        return self.starts_at.astimezone(self.zone)


class AgendaEntry(models.Model):
    """An agenda item's place on one meeting's agenda."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="entries")
    agenda_item = models.ForeignKey("agenda.AgendaItem", on_delete=models.CASCADE)
    order = models.PositiveIntegerField()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "agenda_item"], name="agenda_entry_unique")
        ]


class Attendance(models.Model):
    """Whether a member attended a meeting."""

    class Status(models.TextChoices):
        """Attendance state."""

        PRESENT = "present", _("Present")
        REMOTE = "remote", _("Remote")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey("groups.Member", on_delete=models.CASCADE)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "member"], name="attendance_unique")
        ]
