"""Forms of tracks and agenda items."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wgdesk.web.agenda.models import ItemStatus
from wgdesk.web.core.forms import BilingualForm


class TrackForm(BilingualForm):
    """A new track of work."""

    bilingual = (("title", _("Title"), False, True),)
    code = forms.SlugField(
        label=_("Short code"),
        max_length=40,
        help_text=_("Letters, digits and dashes, e.g. humanitarian."),
    )


class AgendaItemForm(BilingualForm):
    """An agenda item's texts."""

    bilingual = (
        ("title", _("Title"), False, True),
        ("description", _("Description"), True, False),
    )


class AgendaItemEditForm(AgendaItemForm):
    """An agenda item's texts and status."""

    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
