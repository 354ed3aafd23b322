"""Template helpers: bilingual values side by side, and policy checks in templates."""

from __future__ import annotations

from typing import Any

from django import template
from django.db import models

from wgdesk.web import policy
from wgdesk.web.core.bilingual import BilingualValue

register = template.Library()


@register.inclusion_tag("core/bilingual.html")
def bi(value: BilingualValue, block: bool = False) -> dict[str, Any]:
    """Render a bilingual value: both languages side by side, stale one marked."""
    return {"value": value, "block": block}


@register.filter
def can_edit(obj: models.Model, user: Any) -> bool:
    """Template form of policy.can_edit: {% if obj|can_edit:user %}."""
    return policy.can_edit(user, obj)


@register.filter
def clip(value: object, length: int) -> str:
    """Shorten a text to ``length`` characters, ending with "…" when cut. Django's
    truncatechars looks up its translated ellipsis on every call: a fifth of the positions
    board's time."""
    text = str(value)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@register.filter
def label_of(obj: models.Model) -> str:
    """Return an object's "app.Model" label (for note and attachment forms)."""
    return obj._meta.label
