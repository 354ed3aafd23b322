"""The notification preferences form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class PreferenceForm(forms.Form):
    """Email language and whether to send email at all."""

    language = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)
    email_enabled = forms.BooleanField(label=_("send me email notifications"), required=False)
