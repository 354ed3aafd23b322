"""Forms of decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.forms import BilingualForm, classification_field


class DecisionForm(BilingualForm):
    """A decision's wording, agenda item, date and classification."""

    bilingual = (("text", _("Decision"), True, True),)
    agenda_item: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=None
    )
    decided_on = forms.DateField(
        label=_("Decided on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, items: Any, clearance: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agenda_item"]
        field.queryset = items
        self.fields["classification"] = classification_field(clearance)
