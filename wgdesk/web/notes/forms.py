"""Forms of notes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.forms import DeskForm, classification_field, visibility_field


class NoteForm(forms.Form):
    """A note with its visibility and classification (capped at the writer's clearance)."""

    body = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20000
    )

    def __init__(self, *args: Any, clearance: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visibility"] = visibility_field()
        self.fields["classification"] = classification_field(clearance)


class NoteEditForm(DeskForm):
    """A note's text (scope stays as created)."""

    body = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )
