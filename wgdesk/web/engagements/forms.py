"""Forms of engagements."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.forms import BilingualForm, classification_field, visibility_field
from wgdesk.web.engagements.actions import EngagementEntry


class EngagementForm(BilingualForm):
    """Who met whom, when, where, what was said, and who may read it."""

    bilingual = (
        ("counterpart", _("Official met"), False, True),
        ("summary", _("Summary"), True, True),
        ("place", _("Place"), False, False),
    )
    member: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Member"), queryset=None)
    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, members: Any, clearance: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["member"]
        field.queryset = members
        self.fields["visibility"] = visibility_field()
        self.fields["classification"] = classification_field(clearance)

    def entry(self) -> EngagementEntry:
        """The cleaned form as what the actions log."""
        data, texts = self.cleaned_data, self.texts()
        return EngagementEntry(
            texts["counterpart"],
            texts["summary"],
            data["held_on"],
            texts["place"],
            data["visibility"],
            data["classification"],
        )
