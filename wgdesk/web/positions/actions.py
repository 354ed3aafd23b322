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


def pending_edit(position: Position) -> PositionRevision | None:
    """The side-only edit of a shared position waiting to be shared, if any (the newest)."""
    return (
        position.history.filter(number__gt=position.revision, shared=False)
        .order_by("-number")
        .first()
    )


def _draft_edit(
    user: Any, position: Position, stance: tuple[str, str], classification: int
) -> Position:
    """Keep an edit of a shared position with its side, as a revision not yet shared.

    The other side goes on reading the text it was shown; only someone allowed to share
    positions publishes the edit (``share_position``). A liaison may edit, never publish.
    """
    pending = pending_edit(position)
    if pending is not None:
        latest = (pending.stance_ko, pending.stance_en, pending.classification)
    else:
        latest = (position.stance.ko, position.stance.en, position.classification)
    if latest == (*stance, classification):
        return position
    number = (pending.number if pending else position.revision) + 1
    PositionRevision.objects.create(
        position=position,
        number=number,
        stance_ko=stance[0],
        stance_en=stance[1],
        shared=False,
        classification=classification,
        author=user.member,
    )
    record(user, "change", position, {"revision": number, "shared": False})
    return position


def save_position(
    user: Any, item: AgendaItem, stance: tuple[str, str], classification: int
) -> Position:
    """Write the user's side's stance on an item; every change becomes a new revision.

    A draft is changed in place; an edit of a shared position stays with the side until
    it is shared (``_draft_edit``), so editing never publishes.
    """
    member = user.member
    with transaction.atomic():
        position = (
            Position.objects.select_for_update()
            .filter(agenda_item=item, side_id=member.side_id)
            .first()
        )
        if position is not None and position.status == PositionStatus.SHARED:
            return _draft_edit(user, position, stance, classification)
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


def _publish_pending(user: Any, position: Position, pending: PositionRevision) -> None:
    """Make a shared position's waiting edit the text the other side reads."""
    apply_edit(position, "stance", pending.stance_ko, pending.stance_en)
    position.classification = pending.classification
    position.revision = pending.number
    position.updated_by = user.member
    position.save()
    PositionRevision.objects.filter(pk=pending.pk).update(shared=True)


def share_position(user: Any, position: Position) -> Position:
    """Show a side's draft position, or the waiting edit of a shared one, to the other side."""
    with transaction.atomic():
        if position.status == PositionStatus.SHARED:
            pending = pending_edit(position)
            if pending is None:
                return position
            _publish_pending(user, position, pending)
        else:
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
