"""Forms of the sanctions pages: names to screen, a project to review, where to save it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wgdesk import config
from wgdesk.cli.screen_io import Record
from wgdesk.screening.results import Thresholds
from wgdesk.screening.screener import default_thresholds
from wgdesk.web.core.forms import (
    BilingualForm,
    DeskForm,
    classification_field,
    visibility_field,
)
from wgdesk.web.core.scoping import Visibility
from wgdesk.web.sanctions import runs

TITLE_LENGTH = 300  # the columns' length (ProjectReview.title)
MAX_CANDIDATES = 50  # candidates shown per name; the CLI's default is 10
PROJECT_SUFFIXES = (".yaml", ".yml", ".json")


def _threshold_field(label: Any) -> forms.FloatField:
    """An optional threshold between 0 and 1 (empty: the desk's default)."""
    return forms.FloatField(
        label=label,
        required=False,
        min_value=0.0,
        max_value=1.0,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )


class ScreenForm(DeskForm):
    """Names to screen, one a line, each optionally followed by "| type | birth date | country"."""

    names = forms.CharField(
        label=_("Names"),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        help_text=_(
            "One name a line, in any script. After a name you may add details, separated by "
            "“|”: a type (person, organization, vessel, aircraft), a birth date (1964, "
            "1964-07 or 1964-07-17) and a nationality or country (KP, DPRK, Korea, North). "
            "Example: Lee Won-ho | person | 1964 | KP"
        ),
    )
    limit = forms.IntegerField(
        label=_("Candidates per name"), min_value=1, max_value=MAX_CANDIDATES, initial=10
    )
    review_threshold = _threshold_field(_("Review threshold (empty: the default, 0.70)"))
    match_threshold = _threshold_field(_("Match threshold (empty: the default, 0.88)"))

    def clean_names(self) -> str:
        """At most ``screen_max_names`` names at once (bigger batches: the CLI or the API)."""
        text: str = self.cleaned_data["names"]
        count = sum(1 for line in text.splitlines() if line.strip())
        limit = config.get_int("screen_max_names")
        if count > limit:
            raise forms.ValidationError(
                _("%(count)d names: screen at most %(limit)d at once.")
                % {"count": count, "limit": limit}
            )
        return text

    def clean(self) -> dict[str, Any]:
        """The review threshold may not end up above the match threshold."""
        data = super().clean() or {}
        review, match = data.get("review_threshold"), data.get("match_threshold")
        try:
            runs.thresholds(review, match, default_thresholds())
        except ValueError:
            self.add_error(
                "review_threshold", _("The review threshold is above the match threshold.")
            )
        return data

    def records(self) -> list[Record]:
        """The cleaned names as the engine's input records."""
        return runs.records_from_lines(self.cleaned_data["names"])

    def thresholds(self, defaults: Thresholds) -> Thresholds | None:
        """The thresholds asked for, the missing one from ``defaults``; None when none was."""
        data = self.cleaned_data
        return runs.thresholds(data["review_threshold"], data["match_threshold"], defaults)


class ReviewForm(DeskForm):
    """A project file (uploaded or pasted, YAML or JSON) and the day to judge it on."""

    project_file = forms.FileField(
        label=_("Project file (.yaml, .yml or .json)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.json"}),
    )
    project_text = forms.CharField(
        label=_("Or paste the project"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
    )
    date = forms.DateField(
        label=_("Judge on this day (empty: the project's start, else today)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self) -> dict[str, Any]:
        """Take the file if one was uploaded, else the pasted text; check size and encoding."""
        data = super().clean() or {}
        upload = data.get("project_file")
        field = "project_file" if upload is not None else "project_text"
        limit = config.get_int("project_max_bytes")
        if upload is not None and not upload.name.lower().endswith(PROJECT_SUFFIXES):
            self.add_error(field, _("Project files end in .yaml, .yml or .json."))
        elif upload is not None and upload.size > limit:
            self.add_error(field, _too_large(limit))
        else:
            raw = upload.read() if upload is not None else data.get("project_text", "").encode()
            if not raw.strip():
                self.add_error(field, _("Upload a project file or paste one."))
            elif len(raw) > limit:
                self.add_error(field, _too_large(limit))
            else:
                self._decode(raw, upload.name if upload is not None else "", data, field)
        return data

    def _decode(self, raw: bytes, name: str, data: dict[str, Any], field: str) -> None:
        """Keep the project as text, with its format; refuse what is not UTF-8."""
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.add_error(field, _("The file is not UTF-8 text."))
            return
        data["text"], data["format"] = text, runs.project_format(text, name)


def _too_large(limit: int) -> str:
    """The message for a project over the size limit."""
    return _("The project is larger than %(limit)s.") % {"limit": filesizeformat(limit)}


class SaveReviewForm(BilingualForm):
    """Where a review is kept, who may read it, and its title in Korean, English or both
    (both empty: the project file's own title)."""

    bilingual = (("title", _("Title"), False, False),)
    agenda_item: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=None
    )

    def __init__(
        self, *args: Any, items: Any, clearance: int, shared_only: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for code in ("ko", "en"):
            # The pair's fields allow long texts; a title's column holds 300 characters.
            title: Any = self.fields[f"title_{code}"]
            title.max_length = TITLE_LENGTH
            kept = [v for v in title.validators if not isinstance(v, MaxLengthValidator)]
            title.validators = [*kept, MaxLengthValidator(TITLE_LENGTH)]
            title.widget.attrs["maxlength"] = str(TITLE_LENGTH)
        field: Any = self.fields["agenda_item"]
        field.queryset = items
        field.label_from_instance = lambda item: f"{item.track.title} › {item.title}"
        visibility = visibility_field()
        if shared_only:
            # A review the other side has read is not taken back (as with positions).
            visibility.choices = [(Visibility.SHARED.value, Visibility.SHARED.label)]
        self.fields["visibility"] = visibility
        self.fields["classification"] = classification_field(clearance)


class EditReviewForm(SaveReviewForm):
    """A saved review's title (one language at least), agenda item and readers."""

    bilingual = (("title", _("Title"), False, True),)


def form_title(data: dict[str, Any]) -> tuple[str, str]:
    """The (Korean, English) title a cleaned SaveReviewForm or EditReviewForm holds."""
    return data["title_ko"], data["title_en"]
