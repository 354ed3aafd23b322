"""Forms of positions and alignment."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.forms import BilingualForm, classification_field
from wgdesk.web.positions.models import Alignment


class PositionForm(BilingualForm):
    """One's side's stance on an item, in both languages."""

    bilingual = (("stance", _("Position"), True, True),)

    def __init__(self, *args: Any, clearance: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["classification"] = classification_field(clearance)


class AlignmentForm(forms.Form):
    """How close the two sides are on an item."""

    state = forms.ChoiceField(label=_("Alignment"), choices=Alignment.choices)
