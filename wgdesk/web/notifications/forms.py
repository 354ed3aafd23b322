"""The notification preferences form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    """Email language and whether to send email at all."""

    # The languages named in the reader's own language (영어 on a Korean page).
    language = forms.ChoiceField(
        label=_("language"), choices=[("en", _("English")), ("ko", _("Korean"))]
    )
    email_enabled = forms.BooleanField(label=_("send me email notifications"), required=False)
