"""Scope rules for notes and files hung on another record.

The scope copied here at creation is a floor, not the whole rule: the policy also hides a
note or file whenever its record is hidden (``policy._on_visible_target``), so narrowing a
record later narrows everything attached to it at once.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from wgdesk.web.core.scoping import Visibility
from wgdesk.web.policy.scopes import ATTACHABLE, SCOPES


def attachable_model(label: str) -> type[models.Model] | None:
    """Return the model named by an "app.Model" label if notes may hang on it."""
    return apps.get_model(label) if label in ATTACHABLE else None


def _side_only_owner(target: models.Model) -> Any:
    """Return the owning side id of a side-owned target that is not shared, else None."""
    scope = SCOPES[target._meta.label]
    if not scope.side or scope.shared is None:
        return None
    shared = type(target)._default_manager.filter(scope.shared, pk=target.pk).exists()
    if shared:
        return None
    value: Any = target
    for part in scope.side.split("__"):
        value = getattr(value, part)
    return value.pk


def inherited_scope(
    user: Any, target: models.Model, visibility: str, classification: int
) -> dict[str, Any]:
    """Return the scope columns of a new note or file: never wider than its target's.

    A note on a side-only record is side-only, and it is classified at least as high
    as the record it hangs on, so the note cannot leak what the record protects.
    """
    member = user.member
    if _side_only_owner(target) is not None:
        visibility = Visibility.SIDE
    floor = getattr(target, "classification", 0)
    return {
        "working_group_id": member.working_group_id,
        "side_id": member.side_id,
        "visibility": visibility,
        "classification": max(int(classification), int(floor)),
        "target": target,
        "created_by": member,
    }
