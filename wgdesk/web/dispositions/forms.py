"""The disposition form on an entry's page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.dispositions.models import Verdict


class DispositionForm(forms.Form):
    """A verdict on the hit of one screened name, with the reason that defends it later."""

    name = forms.CharField(label=_("Screened name"), max_length=500)
    verdict = forms.ChoiceField(
        label=_("Disposition"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    # Required and stripped (Django's default): a blank reason defends nothing.
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked: birth date, nationality, documents, other sources."),
    )
