"""Forms of action items."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.actionitems.models import ActionStatus
from wgdesk.web.core.forms import BilingualForm, classification_field
from wgdesk.web.core.scoping import Classification

# The action refuses an owner the form could not judge (a seat gone since the page loaded).
OWNER_REFUSED = _("This member can no longer own action items here: choose another owner.")


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

    def clean(self) -> dict[str, Any]:
        """Refuse an owner whose clearance is below the item's marking: they could never see
        the item assigned to them (nor be told about it)."""
        data = super().clean()
        owner, level = data.get("owner"), data.get("classification")
        if owner is not None and level is not None and owner.clearance < level:
            self.add_error(
                "owner",
                _(
                    "%(owner)s is not cleared for %(level)s records and could not see this "
                    "action item. Choose an owner cleared for it, or a lower classification."
                )
                % {"owner": owner, "level": Classification(level).label},
            )
        return data


class ActionItemEditForm(ActionItemForm):
    """An action item with its status."""

    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
