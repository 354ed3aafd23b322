"""The notification preferences form."""

from __future__ import annotations

from django import forms

from wgdesk.web.notifications.models import Preference


class PreferenceForm(forms.ModelForm):
    """Email language and whether to send email at all."""

    class Meta:
        model = Preference
        fields = ["language", "email_enabled"]
