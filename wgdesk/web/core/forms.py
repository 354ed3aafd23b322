"""Form building blocks: Korean/English field pairs shown side by side, time zones and
wall-clock times."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django import forms
from django.db import models
from django.forms.boundfield import BoundField
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core import zones
from wgdesk.web.core.scoping import Classification, Visibility


class DeskForm(forms.Form):
    """A form the shared template can render: bilingual pairs first, then the rest."""

    def pairs(self) -> list[tuple[BoundField, BoundField]]:
        """A plain form has no bilingual pairs."""
        return []

    def others(self) -> list[BoundField]:
        """Every field of a plain form."""
        return list(self)


class BilingualForm(DeskForm):
    """A form whose ``bilingual`` pairs become ``<name>_ko`` and ``<name>_en`` fields.

    ``bilingual`` lists (name, label, multiline, required). A required pair needs at least
    one language; the missing one is then flagged as a translation to do.
    """

    bilingual: tuple[tuple[str, Any, bool, bool], ...] = ()

    def __init__(self, *args: Any, instance: models.Model | None = None, **kwargs: Any) -> None:
        initial = dict(kwargs.pop("initial", None) or {})
        if instance is not None:
            for name, *_rest in self.bilingual:
                initial.setdefault(f"{name}_ko", getattr(instance, f"{name}_ko"))
                initial.setdefault(f"{name}_en", getattr(instance, f"{name}_en"))
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        # Pair fields go first, in declaration order, so the form reads top to bottom.
        pair_fields: dict[str, forms.Field] = {}
        for name, label, multiline, _required in self.bilingual:
            for code, language in (("ko", _("Korean")), ("en", _("English"))):
                widget: forms.Widget = forms.TextInput(attrs={"lang": code})
                if multiline:
                    widget = forms.Textarea(attrs={"rows": 8, "lang": code})
                pair_fields[f"{name}_{code}"] = forms.CharField(
                    label=f"{label} ({language})", required=False, widget=widget, max_length=20000
                )
        self.fields = {**pair_fields, **self.fields}

    def clean(self) -> dict[str, Any]:
        """Require at least one language of each required pair."""
        data = super().clean() or {}
        for name, label, _multiline, required in self.bilingual:
            ko, en = (data.get(f"{name}_{c}", "").strip() for c in ("ko", "en"))
            data[f"{name}_ko"], data[f"{name}_en"] = ko, en
            if required and not (ko or en):
                self.add_error(
                    f"{name}_ko",
                    _("Write %(field)s in Korean, English or both.") % {"field": label},
                )
        return data

    def texts(self) -> dict[str, tuple[str, str]]:
        """Return the cleaned pairs as {name: (ko, en)}."""
        data = self.cleaned_data
        return {name: (data[f"{name}_ko"], data[f"{name}_en"]) for name, *_r in self.bilingual}

    def pairs(self) -> list[tuple[BoundField, BoundField]]:
        """Return the bound (Korean, English) fields of each pair, for side-by-side display."""
        return [(self[f"{name}_ko"], self[f"{name}_en"]) for name, *_r in self.bilingual]

    def others(self) -> list[BoundField]:
        """Return the bound fields that are not part of a pair."""
        paired = {f"{name}_{c}" for name, *_r in self.bilingual for c in ("ko", "en")}
        return [self[name] for name in self.fields if name not in paired]


def classification_field(maximum: int) -> forms.TypedChoiceField:
    """A classification choice up to the user's own clearance (no one files above it)."""
    choices = [(value, label) for value, label in Classification.choices if value <= maximum]
    return forms.TypedChoiceField(
        label=_("Classification"), choices=choices, coerce=int, initial=0, widget=QuickSelect
    )


def visibility_field() -> forms.ChoiceField:
    """Shared with both sides, or this side only (the default: sharing is a choice)."""
    return forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        initial=Visibility.SIDE,
        widget=QuickSelect,
    )


class ListedChoiceIterator(ModelChoiceIterator):
    """The choices read with one plain query. Django's iterator() opens a server-side
    cursor, three round trips on PostgreSQL, for lists of a few dozen rows."""

    def __iter__(self) -> Iterator[Any]:
        """The empty choice, then one choice per row."""
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class QuickSelect(forms.Select):
    """A flat <select> rendered in Python. Django renders every <option> through a
    template, which cost more than the rest of a meeting page's agenda form (and the
    classification and visibility choices of the notes panel on every record page)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        """The <select> with its options, the current value selected."""
        values = value if isinstance(value, list | tuple) else [value]
        chosen = {str(v) for v in values if v is not None}
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        final_attrs = self.build_attrs(self.attrs, attrs)
        return format_html('<select name="{}"{}>{}</select>', name, flatatt(final_attrs), options)


class ListedChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A record choice for lists shown on busy pages: one plain query, options rendered
    in Python (see ListedChoiceIterator and QuickSelect)."""

    iterator = ListedChoiceIterator
    widget = QuickSelect


def _zone_choices() -> list[tuple[str, str]]:
    """Every offered IANA zone, the delegations' own first."""
    return [(name, name) for name in zones.zone_names()]


class TimeZoneField(forms.ChoiceField):
    """An IANA time zone (validated by zoneinfo), picked from this machine's zones."""

    widget = QuickSelect

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=_zone_choices, **kwargs)

    def valid_value(self, value: Any) -> bool:
        """Any IANA name zoneinfo knows, offered or not (US/Eastern is still New York)."""
        return zones.is_zone(str(value))


class WallClockField(forms.DateTimeField):
    """A date and time as the clocks show it, left naive: the form that has it places it
    in a zone it names (Django's own field would place it in the reader's zone)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def to_python(self, value: Any) -> datetime | None:
        """The typed date and time; one with an explicit UTC offset stays aware."""
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            parsed = None
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed

    def prepare_value(self, value: Any) -> Any:
        """Shown as given: the wall-clock time of the form's zone, never converted."""
        return value


def nonexistent_time_message(gap: zones.NonexistentTime) -> str:
    """The error for a wall-clock time that a zone skips."""
    return gettext(
        "%(time)s does not exist in %(zone)s: the clocks skip that hour when daylight saving "
        "time starts. Choose another time."
    ) % {"time": f"{gap.wall:%Y-%m-%d %H:%M}", "zone": gap.zone.key}


class ConfirmField(forms.BooleanField):
    """A required tick box: the second step before an action that cannot be undone, so a
    stray click (or a POST without it) changes nothing, with or without JavaScript."""

    def __init__(self, label: Any, **kwargs: Any) -> None:
        super().__init__(label=label, required=True, **kwargs)
        self.error_messages["required"] = _("Tick the box to confirm.")


class ReasonField(forms.CharField):
    """Why a record is withdrawn or a meeting called off: required, kept on the record."""

    def __init__(self, label: Any, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=2000,
            strip=True,
            **kwargs,
        )


class WithdrawForm(DeskForm):
    """The reason for a withdrawal and the confirmation that it cannot be undone."""

    reason = ReasonField(label=_("Reason for the withdrawal"))
    confirm = ConfirmField(
        label=_(
            "I understand that the withdrawal cannot be undone and is shown to everyone "
            "who can see this record."
        )
    )


class ConfirmForm(forms.Form):
    """The second POST of a one-click action: the confirm page sends ``confirm=yes``."""

    confirm = forms.ChoiceField(choices=[("yes", "yes")])
