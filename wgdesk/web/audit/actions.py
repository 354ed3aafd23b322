"""Append events to the audit chain. Every action of the desk calls ``record``."""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from wgdesk.web.audit.chain import GENESIS, canonical_json, event_hash
from wgdesk.web.audit.models import AuditEvent

_PG_LOCK_KEY = 0x57_47_44_41  # "WGDA": one advisory lock serialises appends on PostgreSQL.


def _scope_ids(obj: models.Model | None) -> tuple[Any, Any]:
    """Return the working group and (for side-only records) the side of a record."""
    if obj is None:
        return None, None
    from wgdesk.web.policy.scopes import SCOPES

    scope = SCOPES.get(obj._meta.label)
    group_id = _follow(obj, scope.group) if scope else None
    side_id = None
    if scope and scope.side and not _is_shared(obj):
        side_id = _follow(obj, scope.side)
    return group_id, side_id


def _follow(obj: Any, lookup: str) -> Any:
    """Follow a Django lookup path on an instance to the id at its end."""
    parts = lookup.split("__")
    for part in parts[:-1]:
        obj = getattr(obj, part)
    last = parts[-1]
    if last == "id" or last.endswith("_id"):
        return getattr(obj, last)
    return getattr(obj, f"{last}_id")


def _is_shared(obj: Any) -> bool:
    """A side-owned record the other side can see (shared visibility or a shared position,
    or a record that says so itself: a project once submitted)."""
    own_rule = getattr(obj, "shared_with_other_side", None)
    if own_rule is not None:
        return bool(own_rule)
    return getattr(obj, "visibility", "") == "shared" or getattr(obj, "status", "") == "shared"


def record(
    actor: Any,
    verb: str,
    obj: models.Model | None,
    data: dict[str, Any] | None = None,
    *,
    side_only: bool = False,
) -> AuditEvent:
    """Append one event after the current head of the chain, inside the caller's transaction.

    ``side_only`` keeps the event with the actor's side whatever ``obj`` is: used for work
    that leaves no shared record (a screening run, an unsaved review), which is that
    side's business.
    """
    group_id, side_id = _scope_ids(obj)
    if side_only:
        side_id = actor.member.side_id
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_PG_LOCK_KEY])
        head = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        now = timezone.now()
        payload: dict[str, Any] = {
            "at": now.isoformat(),
            "actor_id": getattr(actor, "pk", None),
            "actor": getattr(actor, "username", "") or "system",
            "verb": verb,
            "object_type": obj._meta.label if obj is not None else "",
            "object_id": str(obj.pk) if obj is not None else "",
            "working_group_id": group_id,
            "side_id": side_id,
            # Round-trip through canonical JSON so what is stored is exactly what was hashed.
            "data": json.loads(canonical_json(data or {})),
        }
        prev = head or GENESIS
        return AuditEvent.objects.create(
            prev_hash=prev, hash=event_hash(prev, payload), **{**payload, "at": now}
        )
