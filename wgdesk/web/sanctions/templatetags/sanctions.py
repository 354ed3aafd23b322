"""Template helpers of the sanctions pages: decisions in the page's language, and the
saved reviews of an agenda item (read through the policy)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import pgettext_lazy

from wgdesk.web import policy
from wgdesk.web.sanctions.queries import reviews_on_item

register = template.Library()

DECISIONS = {
    "match": pgettext_lazy("screening decision", "match"),
    "review": pgettext_lazy("screening decision", "review"),
    "clear": pgettext_lazy("screening decision", "clear"),
}

# How a candidate's list entry changed between two versions (re-screening flags' diff).
LIST_CHANGES = {
    "added": pgettext_lazy("list change", "added"),
    "removed": pgettext_lazy("list change", "removed"),
    "changed": pgettext_lazy("list change", "changed"),
}

# The fields of a list entry that a change names (wgdesk.screening.diff); stored in English.
LIST_FIELDS = {
    "type": pgettext_lazy("list field", "type"),
    "name": pgettext_lazy("list field", "name"),
    "aliases": pgettext_lazy("list field", "aliases"),
    "former names": pgettext_lazy("list field", "former names"),
    "original script": pgettext_lazy("list field", "original script"),
    "documents": pgettext_lazy("list field", "documents"),
    "dates of birth": pgettext_lazy("list field", "dates of birth"),
    "places of birth": pgettext_lazy("list field", "places of birth"),
    "nationalities": pgettext_lazy("list field", "nationalities"),
    "gender": pgettext_lazy("list field", "gender"),
    "addresses": pgettext_lazy("list field", "addresses"),
    "regimes": pgettext_lazy("list field", "regimes"),
    "designations": pgettext_lazy("list field", "designations"),
    "listed on": pgettext_lazy("list field", "listed on"),
    "remarks": pgettext_lazy("list field", "remarks"),
    "other fields": pgettext_lazy("list field", "other fields"),
}


@register.filter
def decision_label(decision: str) -> Any:
    """A screening decision in the page's language (the contract's word stays in the data)."""
    return DECISIONS.get(decision, decision)


@register.filter
def list_change_label(change: str) -> Any:
    """How a list entry changed, in the page's language (the stored word stays in the data)."""
    return LIST_CHANGES.get(change, change)


@register.inclusion_tag("sanctions/on_item.html", takes_context=True)
def saved_reviews(context: dict[str, Any], item: Any) -> dict[str, Any]:
    """The reviews saved on an agenda item that the viewer may see."""
    user = context["request"].user
    return {
        "reviews": list(reviews_on_item(user, item)),
        "can_screen": policy.can(user, policy.Cap.SCREEN),
    }


@register.filter
def list_field_label(field: str) -> Any:
    """A changed list field's name in the page's language (the stored name stays English)."""
    return LIST_FIELDS.get(field, field)
