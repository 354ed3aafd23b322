"""Forms of meetings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core import zones
from wgdesk.web.core.forms import (
    BilingualForm,
    ConfirmField,
    DeskForm,
    ListedChoiceField,
    ReasonField,
    TimeZoneField,
    WallClockField,
    nonexistent_time_message,
)
from wgdesk.web.meetings.models import Attendance, MeetingFormat


class MeetingForm(BilingualForm):
    """A meeting's title, series, time zone, start (wall-clock time in that zone), place
    and format. ``cleaned_data["starts_at"]`` is the instant, aware."""

    bilingual = (("title", _("Title"), False, True), ("place", _("Place"), False, True))
    series: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Series"), queryset=None)
    time_zone = TimeZoneField(
        label=_("Time zone of the meeting"),
        required=False,
        help_text=_("Where the meeting is held: its time is entered and shown in this zone."),
    )
    starts_at = WallClockField(label=_("Starts at (local time of the meeting)"))
    format = forms.ChoiceField(label=_("Format"), choices=MeetingFormat.choices)

    def __init__(
        self, *args: Any, series_choices: Any, default_zone: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["series"]
        field.queryset = series_choices
        # Left empty, a meeting is in its current zone, or (new) the scheduler's own; the
        # views always say which (the desk's default otherwise).
        default_zone = default_zone or zones.default_zone_name()
        self.default_zone = default_zone
        self.fields["time_zone"].initial = self.initial.get("time_zone") or default_zone
        self.fields["starts_at"].help_text = _(
            "As the clocks show it in the meeting's time zone above (%(zone)s by default)."
        ) % {"zone": default_zone}

    def clean(self) -> dict[str, Any]:
        """Place the wall-clock start in the meeting's zone; a skipped hour is an error."""
        data = super().clean() or {}
        data["time_zone"] = data.get("time_zone") or self.default_zone
        wall = data.get("starts_at")
        if wall is not None:
            try:
                data["starts_at"] = zones.aware(wall, zones.zone(data["time_zone"]))
            except zones.NonexistentTime as gap:
                self.add_error("starts_at", nonexistent_time_message(gap))
        return data


class SeriesForm(BilingualForm):
    """A new series of meetings."""

    bilingual = (("title", _("Title"), False, True),)


class AgendaAddForm(forms.Form):
    """Pick an agenda item to add to a meeting's agenda."""

    # On every meeting page a manager sees: the light field (see core.forms).
    agenda_item: forms.ModelChoiceField[Any] = ListedChoiceField(
        label=_("Agenda item"), queryset=None
    )

    def __init__(self, *args: Any, items: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agenda_item"]
        field.queryset = items


class AttendanceForm(DeskForm):
    """One status per member."""

    def __init__(self, *args: Any, members: Any, current: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *Attendance.Status.choices]
        self.members = {}
        for member in members:
            name = f"member_{member.pk}"
            self.members[name] = member
            self.fields[name] = forms.ChoiceField(
                label=f"{member.name} ({member.side.label})",
                choices=choices,
                required=False,
                initial=current.get(member.pk, ""),
            )

    def statuses(self) -> dict[Any, str]:
        """Return {member: status} for members given a status."""
        return {self.members[n]: s for n, s in self.cleaned_data.items() if s}


class CancelForm(DeskForm):
    """Call a meeting off: why, and the confirmation that it cannot be undone."""

    reason = ReasonField(label=_("Reason for the cancellation"))
    confirm = ConfirmField(
        label=_("I understand that a cancelled meeting cannot be reinstated; both sides are told.")
    )


class PostponeForm(DeskForm):
    """Move a meeting to a new start, entered in the meeting's own zone, with a reason."""

    starts_at = WallClockField(label=_("New start (local time of the meeting)"))
    reason = ReasonField(label=_("Reason for the postponement"))

    def __init__(self, *args: Any, zone_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone_name = zone_name
        self.fields["starts_at"].help_text = _(
            "As the clocks show it in %(zone)s, where the meeting is held."
        ) % {"zone": zone_name}

    def clean(self) -> dict[str, Any]:
        """Place the wall-clock start in the meeting's zone; a skipped hour is an error."""
        data = super().clean() or {}
        wall = data.get("starts_at")
        if wall is not None:
            try:
                data["starts_at"] = zones.aware(wall, zones.zone(self.zone_name))
            except zones.NonexistentTime as gap:
                self.add_error("starts_at", nonexistent_time_message(gap))
        return data
