"""Create and change records with bilingual rules and an audit event, in one transaction.

The feature apps' ``actions.py`` modules build on these two helpers, so every write of
the desk applies the stale-translation rule and lands in the audit chain the same way.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction

from wgdesk.web.audit.actions import record
from wgdesk.web.core.bilingual import apply_edit, bilingual_fields

M = TypeVar("M", bound=models.Model)
Texts = dict[str, tuple[str, str]]
_LOGGED_TEXT = 200  # audit data keeps the first characters of long texts


def _loggable(value: Any) -> Any:
    """Return a JSON-friendly, bounded form of a field value for the audit data."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str) and len(value) > _LOGGED_TEXT:
        return value[:_LOGGED_TEXT] + "…"
    return value if isinstance(value, int | float | bool | type(None)) else str(value)


def _assign(
    obj: models.Model, texts: Texts, fields: dict[str, Any], new: bool = False
) -> dict[str, Any]:
    """Apply bilingual texts and plain fields; return what changed, for the audit log."""
    changed: dict[str, Any] = {}
    for name, value in fields.items():
        # A new row has no values to compare with (and unset relations raise on access).
        if new or getattr(obj, name) != value:
            setattr(obj, name, value)
            changed[name] = _loggable(value)
    for name, (ko, en) in texts.items():
        if name not in bilingual_fields(obj):
            raise ValueError(f"{type(obj).__name__}.{name} is not a bilingual field")
        if apply_edit(obj, name, ko, en):
            changed[name] = {"ko": _loggable(ko), "en": _loggable(en)}
    return changed


def create(actor: Any, model: type[M], texts: Texts | None = None, **fields: Any) -> M:
    """Create a record and log "create" with its fields."""
    obj = model()
    with transaction.atomic():
        data = _assign(obj, texts or {}, fields, new=True)
        obj.save()
        record(actor, "create", obj, data)
    return obj


def update(
    actor: Any, obj: M, texts: Texts | None = None, verb: str = "change", **fields: Any
) -> M:
    """Change a record and log what changed; a save that changes nothing logs nothing."""
    with transaction.atomic():
        data = _assign(obj, texts or {}, fields)
        if data:
            obj.save()
            record(actor, verb, obj, data)
    return obj
