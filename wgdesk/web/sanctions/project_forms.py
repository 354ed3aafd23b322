"""Forms of the project-review form: the project, its parties, items and activities.

Every field is text (or a checkbox) and optional here: what a project may hold is the
engine's rule (``wgdesk.rules.project``), which judges the file the form makes and whose
messages are shown on the fields, exactly as ``wgdesk review`` prints them.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wgdesk.rules.project import PARTY_TYPES
from wgdesk.rules.vocabulary import ACTIVITY_DIRECTIONS, DIRECTIONS, Vocabulary
from wgdesk.web.core.forms import DeskForm
from wgdesk.web.sanctions.projectfile import FormRows

MAX_ROWS = 200  # parties, items or activities in one form; bigger projects: a file
TEXT_MAX = 2000

PARTY_TYPE_LABELS = {
    "person": _("person"),
    "organization": _("organization"),
    "vessel": _("vessel"),
    "aircraft": _("aircraft"),
}


def _lang() -> str:
    """The rule base's label language for the page's language."""
    return "ko" if (translation.get_language() or "").startswith("ko") else "en"


def _text(label: Any, *, multiline: bool = False, **attrs: Any) -> forms.CharField:
    """An optional text field (the engine decides what is required)."""
    widget: forms.Widget = (
        forms.Textarea(attrs={"rows": 2, **attrs}) if multiline else forms.TextInput(attrs=attrs)
    )
    return forms.CharField(label=label, required=False, max_length=TEXT_MAX, widget=widget)


def _choice(label: Any) -> forms.CharField:
    """A menu whose value the engine checks (a forged value gets the CLI's enum message)."""
    return forms.CharField(label=label, required=False, max_length=40, widget=forms.Select())


def _flag(label: Any) -> forms.BooleanField:
    """A yes/no field: ticked writes ``true`` into the file, unticked leaves it out."""
    return forms.BooleanField(label=label, required=False)


class ProjectForm(DeskForm):
    """The project's own fields and the day to judge it on."""

    title = _text(_("Title"))
    summary = _text(_("Summary"), multiline=True)
    start = _text(_("Start (YYYY-MM-DD)"), inputmode="numeric")
    end = _text(_("End (YYYY-MM-DD)"), inputmode="numeric")
    date = forms.DateField(
        label=_("Judge on this day (empty: the project's start, else today)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class PartyForm(forms.Form):
    """A person or organisation involved: screened against the lists."""

    name = _text(_("Name"))
    role = _text(_("Role"))
    type = _choice(_("Type"))
    country = _text(_("Country"))
    birth_date = _text(_("Birth date (persons)"))
    nationality = _text(_("Nationality (persons)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "—"), *((t, PARTY_TYPE_LABELS[t]) for t in PARTY_TYPES)]
        self.fields["type"].widget.choices = choices


def _direction_choices(directions: tuple[str, ...], empty: Any) -> list[tuple[str, Any]]:
    """Directions with the rule base's labels in the page's language."""
    labels = Vocabulary.bundled().directions
    return [("", empty), *((d, labels[d].get(_lang())) for d in directions)]


class ItemForm(forms.Form):
    """Goods crossing the border, with an HS code found by search."""

    id = _text(_("Id (empty: item1, item2…)"))
    description = _text(_("Description"))
    hs = _text(
        _("HS code"),
        autocomplete="off",
        spellcheck="false",
        placeholder=_("code or words, e.g. 8602.10 or locomotive"),
    )
    direction = _choice(_("Direction"))
    quantity = _text(_("Quantity"), inputmode="decimal")
    unit = _text(_("Unit (pcs, kg, t, set…)"))
    value_usd = _text(_("Value (USD)"), inputmode="decimal")
    temporary = _flag(_("Brought back after the activity"))
    specification = _text(_("Specification (model, capacity, standards)"), multiline=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["direction"].widget.choices = _direction_choices(DIRECTIONS, "—")
        # htmx asks for codes as the reader types; without script the search form below
        # the rows does the same on its own page.
        target = f"hs-{self.prefix}"
        self.fields["hs"].widget.attrs.update(
            {
                "hx-get": reverse("sanctions:hs_search"),
                "hx-trigger": "input changed delay:350ms, search",
                "hx-target": f"#{target}",
                "hx-vals": json.dumps({"field": self.add_prefix("hs")}),
                "hx-sync": "this:replace",
                "aria-controls": target,
            }
        )

    @property
    def suggestions_id(self) -> str:
        """The id of the element the HS suggestions for this row go into."""
        return f"hs-{self.prefix}"


class ActivityForm(forms.Form):
    """Something done rather than goods moved; its kind from the rule base."""

    id = _text(_("Id (empty: activity1, activity2…)"))
    kind = _choice(_("Kind"))
    description = _text(_("Description"))
    field = _text(_("Field or discipline (training, scientific cooperation)"))
    existing = _flag(_("Continues an existing entity"))
    direction = _choice(_("Direction"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = Vocabulary.bundled().kinds
        self.fields["kind"].widget.choices = [
            ("", "—"),
            *((name, label.get(_lang())) for name, label in kinds.items()),
        ]
        self.fields["direction"].widget.choices = _direction_choices(
            ACTIVITY_DIRECTIONS, _("both (not given)")
        )


def _formset(form: type[forms.Form]) -> Any:
    """Rows of one kind: one empty row to fill, each row removable."""
    return forms.formset_factory(
        form, extra=1, can_delete=True, max_num=MAX_ROWS, validate_max=True, absolute_max=MAX_ROWS
    )


PartyFormSet = _formset(PartyForm)
ItemFormSet = _formset(ItemForm)
ActivityFormSet = _formset(ActivityForm)
FORMSETS = {"parties": PartyFormSet, "items": ItemFormSet, "activities": ActivityFormSet}


class ExemptionForm(forms.Form):
    """The facts an exemption request needs that the rest of the project does not hold."""

    requester = _text(_("Requesting State or organisation"))
    channel = _text(_("Submitted through"))
    nature = _text(_("Nature of the assistance"), multiline=True)
    recipients = _text(_("Recipients"), multiline=True)
    selection_criteria = _text(_("How recipients were chosen"), multiline=True)
    reasons = _text(_("Why an exemption is needed"), multiline=True)
    shipping_route = _text(_("Shipping route"))
    entry_point = _text(_("Entry point"))
    shipping_dates = _text(_("Shipping dates"))
    shipments = _text(_("Number of shipments"), inputmode="numeric")
    financial_channels = _text(_("Financial transactions and banking channels"), multiline=True)
    monitoring = _text(_("Measures against diversion"), multiline=True)
    duration = _text(_("Duration"))
    contact = _text(_("Contact point"))


class ProjectEntry:
    """The whole form: the project, its three kinds of rows and the exemption facts."""

    def __init__(
        self,
        data: Any = None,
        initial: FormRows | None = None,
    ) -> None:
        top, rows, exemption = initial or ({}, {}, {})
        self.project = ProjectForm(data, initial=top)
        self.formsets = {
            key: formset(data, prefix=key, initial=rows.get(key) or None)
            for key, formset in FORMSETS.items()
        }
        self.exemption = ExemptionForm(data, initial=exemption, prefix="exemption")
        self.general: list[str] = []  # problems that belong to no field

    @property
    def groups(self) -> list[tuple[str, Any]]:
        """(kind, formset) pairs for the template (which reads ``formsets.items`` as a key)."""
        return list(self.formsets.items())

    def focus_last(self, key: str) -> None:
        """Put the cursor in the new last row of a kind (htmx and browsers honour autofocus)."""
        formset = self.formsets.get(key)
        if formset is not None and formset.forms:
            form = formset.forms[-1]
            form.fields[next(iter(form.fields))].widget.attrs["autofocus"] = True

    def is_valid(self) -> bool:
        """Every form passes the form-level checks (lengths, the judging day, row count)."""
        results = [self.project.is_valid(), self.exemption.is_valid()]
        results += [formset.is_valid() for formset in self.formsets.values()]
        return all(results)

    def rows(self) -> dict[str, list[dict[str, Any] | None]]:
        """Each formset's rows in form order; a removed row is None (dropped, like blanks)."""
        return {
            key: [
                None if form.cleaned_data.get("DELETE") else form.cleaned_data
                for form in formset.forms
            ]
            for key, formset in self.formsets.items()
        }

    def show(self, problems: list[tuple[str, int | None, str | None, str]]) -> None:
        """Put each engine problem on its field: (list or top field, row, field, message)."""
        for key, row, name, text in problems:
            formset = self.formsets.get(key)
            if formset is not None and row is not None:
                form = formset.forms[row]
                form.add_error(name if name in form.fields else None, text)
            elif key in self.project.fields:
                self.project.add_error(key, text)
            elif key.startswith("exemption.") and key[10:] in self.exemption.fields:
                self.exemption.add_error(key[10:], text)
            else:
                self.general.append(text)
