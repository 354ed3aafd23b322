"""Forms of cooperation projects: the record, a side's review, each workflow step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wgdesk.rules.project import ProjectError
from wgdesk.web.core.forms import BilingualForm, DeskForm, classification_field
from wgdesk.web.projects import projectfile
from wgdesk.web.projects.models import ReviewVerdict
from wgdesk.web.projects.workflow import Outcome, Step
from wgdesk.web.sanctions import runs

_DATE = forms.DateInput(attrs={"type": "date"})


class ProjectForm(BilingualForm):
    """A project's title and summary in both languages, where it belongs, its sponsor,
    marking and project file (parties, items, activities, locations, dates)."""

    bilingual = (("title", _("Title"), False, True), ("summary", _("Summary"), True, False))
    track: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Track"), queryset=None)
    agenda_item: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=None
    )
    sponsor: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Sponsoring ministry"), queryset=None
    )
    file_text = forms.CharField(
        label=_("Project file (YAML or JSON)"),
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false", "lang": "en"}),
        help_text=_(
            "Parties, items (HS codes, quantities, values), activities, locations and dates, "
            "in the format of `wgdesk review` (docs/project-file.md). The title and summary "
            "above are written into it."
        ),
        max_length=500_000,
    )

    def __init__(
        self, *args: Any, tracks: Any, items: Any, ministries: Any, clearance: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, rows in (("track", tracks), ("agenda_item", items), ("sponsor", ministries)):
            field: Any = self.fields[name]
            field.queryset = rows
        self.fields["classification"] = classification_field(clearance)
        self.problems: list[str] = []

    def clean_file_text(self) -> str:
        """The file must be one the engine reads: every problem is listed, with its line."""
        text: str = self.cleaned_data["file_text"]
        try:
            projectfile.check(text)
        except ProjectError as error:
            self.problems = runs.problem_lines(error)
            raise forms.ValidationError(self.problems) from None
        return text

    def clean(self) -> dict[str, Any]:
        """The agenda item must belong to the chosen track."""
        data = super().clean()
        track, item = data.get("track"), data.get("agenda_item")
        if track is not None and item is not None and item.track_id != track.pk:
            self.add_error("agenda_item", _("This agenda item is not in the chosen track."))
        return data


class ReviewForm(DeskForm):
    """A side's verdict on a submitted project, with its conditions and notes."""

    verdict = forms.ChoiceField(label=_("Verdict"), choices=ReviewVerdict.choices)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, clearance: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["classification"] = classification_field(clearance)

    def clean(self) -> dict[str, Any]:
        """Support with conditions states them."""
        data = super().clean() or {}
        if data.get("verdict") == ReviewVerdict.CONDITIONS and not data.get("conditions"):
            self.add_error("conditions", _("State the conditions."))
        return data


class DecideForm(DeskForm):
    """The joint decision: at which meeting, what was decided, and its wording."""

    meeting: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Meeting"), queryset=None)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    text_ko = forms.CharField(
        label=_("Decision (Korean)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    text_en = forms.CharField(
        label=_("Decision (English)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=_DATE)

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["meeting"]
        field.queryset = meetings

    def clean(self) -> dict[str, Any]:
        """The decision's wording in at least one language."""
        data = super().clean() or {}
        if not (data.get("text_ko", "").strip() or data.get("text_en", "").strip()):
            self.add_error("text_ko", _("Write the decision in Korean, English or both."))
        return data


class RequestForm(DeskForm):
    """The exemption request's text (Markdown), as drafted by the engine and edited."""

    request_text = forms.CharField(
        label=_("Exemption request"),
        widget=forms.Textarea(attrs={"rows": 24, "lang": "en"}),
        max_length=500_000,
    )


class CommitteeSubmissionForm(DeskForm):
    """When the request went to the Committee, and under which reference."""

    submitted_on = forms.DateField(label=_("Submitted on"), widget=_DATE)
    reference = forms.CharField(label=_("Reference"), required=False, max_length=200)


class CommitteeDecisionForm(DeskForm):
    """The Committee's answer."""

    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("approved", _("Approved")), ("rejected", _("Rejected"))],
    )
    decided_on = forms.DateField(label=_("Decided on"), widget=_DATE)
    conditions = forms.CharField(
        label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=_DATE)
    reasons = forms.CharField(
        label=_("Reasons for rejection"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ShipmentForm(DeskForm):
    """Goods sent or an activity done under the approval."""

    line = forms.ChoiceField(label=_("Item or activity"))
    quantity = forms.FloatField(label=_("Quantity"), required=False, min_value=0)
    shipped_on = forms.DateField(label=_("Date"), widget=_DATE, initial=timezone.localdate)
    place = forms.CharField(label=_("Where"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, lines: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["line"]
        field.choices = lines


class CloseForm(DeskForm):
    """Why the project is closed."""

    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


def step_form(step: Step, data: Any, meetings: Any) -> forms.Form:
    """The form a step asks for, bound to ``data`` (None: unbound); the pages and the API
    validate a step's fields with the same form. ``meetings``: where a decision may go."""
    today = timezone.localdate()
    if step is Step.DECIDE:
        return DecideForm(data, meetings=meetings, initial={"decided_on": today})
    if step is Step.REQUEST_SUBMITTED:
        return CommitteeSubmissionForm(data, initial={"submitted_on": today})
    if step is Step.COMMITTEE:
        return CommitteeDecisionForm(data, initial={"decided_on": today})
    if step is Step.CLOSE:
        return CloseForm(data)
    return DeskForm(data)
