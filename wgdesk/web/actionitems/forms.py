"""Forms of action items."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.actionitems.models import ActionStatus
from wgdesk.web.core.forms import BilingualForm, classification_field


class ActionItemForm(BilingualForm):
    """An action item: what, on which agenda item, who, by when."""

    bilingual = (("title", _("Action"), False, True),)
    agenda_item: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Agenda item"), queryset=None, required=False
    )
    owner: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    due_on = forms.DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, items: Any, owners: Any, clearance: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item_field: Any = self.fields["agenda_item"]
        item_field.queryset = items
        owner_field: Any = self.fields["owner"]
        owner_field.queryset = owners
        self.fields["classification"] = classification_field(clearance)


class ActionItemEditForm(ActionItemForm):
    """An action item with its status."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
