"""State changes of positions: drafting, sharing and the alignment between sides."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.audit.actions import record
from wgdesk.web.core.bilingual import apply_edit
from wgdesk.web.positions.models import AlignmentChange, Position, PositionRevision, PositionStatus


def _snapshot(user: Any, position: Position) -> None:
    """Keep the stance as it now stands in the position's history."""
    PositionRevision.objects.create(
        position=position,
        number=position.revision,
        stance_ko=position.stance.ko,
        stance_en=position.stance.en,
        shared=position.status == PositionStatus.SHARED,
        classification=position.classification,
        author=user.member,
    )


def save_position(
    user: Any, item: AgendaItem, stance: tuple[str, str], classification: int
) -> Position:
    """Write the user's side's stance on an item; every change becomes a new revision."""
    member = user.member
    with transaction.atomic():
        position = Position.objects.filter(agenda_item=item, side_id=member.side_id).first()
        created = position is None
        if position is None:
            position = Position(agenda_item=item, side_id=member.side_id, revision=0)
        changed = apply_edit(position, "stance", *stance)
        changed |= position.classification != classification
        if not (created or changed):
            return position
        position.classification = classification
        position.revision += 1
        position.updated_by = member
        position.save()
        _snapshot(user, position)
        record(user, "create" if created else "change", position, {"revision": position.revision})
    return position


def share_position(user: Any, position: Position) -> Position:
    """Show a side's draft position to the other side (from now on)."""
    with transaction.atomic():
        if position.status == PositionStatus.SHARED:
            return position
        position.status = PositionStatus.SHARED
        position.save(update_fields=["status", "updated_at"])
        PositionRevision.objects.filter(position=position, number=position.revision).update(
            shared=True
        )
        record(user, "share", position, {"revision": position.revision})
    return position


def set_alignment(user: Any, item: AgendaItem, state: str) -> AlignmentChange:
    """Record how close the two sides now are on an item."""
    with transaction.atomic():
        change = AlignmentChange.objects.create(agenda_item=item, state=state, set_by=user.member)
        record(user, "set_alignment", item, {"state": state})
    return change
