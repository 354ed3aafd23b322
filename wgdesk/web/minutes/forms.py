"""The minutes editor: both languages side by side, with the revision being edited."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.forms import BilingualForm


class MinutesForm(BilingualForm):
    """Both texts of the minutes and the revision they were loaded at (optimistic lock)."""

    bilingual = (("body", _("Minutes"), True, True),)
    base_revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
