"""Forms of meetings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.forms import BilingualForm, DeskForm, ListedChoiceField
from wgdesk.web.meetings.models import Attendance, MeetingFormat


class MeetingForm(BilingualForm):
    """A meeting's title, series, time, place and format."""

    bilingual = (("title", _("Title"), False, True),)
    series: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Series"), queryset=None)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place"), max_length=200)
    format = forms.ChoiceField(label=_("Format"), choices=MeetingFormat.choices)

    def __init__(self, *args: Any, series_choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["series"]
        field.queryset = series_choices


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
                label=f"{member.name} ({member.side.code})",
                choices=choices,
                required=False,
                initial=current.get(member.pk, ""),
            )

    def statuses(self) -> dict[Any, str]:
        """Return {member: status} for members given a status."""
        return {self.members[n]: s for n, s in self.cleaned_data.items() if s}
