"""The minutes editor: both languages side by side, with the revision being edited."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.forms import BilingualForm


class MinutesForm(BilingualForm):
    """Both texts of the minutes and the revision they were loaded at (optimistic lock)."""

    bilingual = (("body", _("Minutes"), True, True),)
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AmendmentForm(forms.Form):
    """Why approved minutes must change: the reason goes on the record and to both sides."""

    reason = forms.CharField(
        label=_("Reason for the amendment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        strip=True,
        help_text=_(
            "Reopens the minutes as a new revision and withdraws both sides' approvals; "
            "both sides are told."
        ),
    )
