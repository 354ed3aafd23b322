"""Forms of the group feature."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wgdesk.web.core.forms import BilingualForm, DeskForm, classification_field
from wgdesk.web.groups.models import Ministry, Role


class MinistryForm(BilingualForm):
    """A ministry or agency joining one's side."""

    bilingual = (("name", _("Name"), False, True),)
    joined_on = forms.DateField(
        label=_("Joined on"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class InvitationForm(DeskForm):
    """Invite someone to one's own side with a role, ministry and clearance."""

    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    ministry = forms.ModelChoiceField(
        label=_("Ministry"), queryset=Ministry.objects.none(), required=False
    )

    def __init__(self, *args: Any, member: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["ministry"]
        field.queryset = Ministry.objects.filter(side_id=member.side_id)
        self.fields["clearance"] = classification_field(member.clearance)
        self.fields["clearance"].label = _("Clearance")
