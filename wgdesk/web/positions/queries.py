"""Reads of positions and alignment, through the policy."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import F, QuerySet

from wgdesk.web import policy
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.groups.models import Side
from wgdesk.web.positions.models import AlignmentChange, Position, PositionRevision


def current_alignment(user: Any, item: AgendaItem) -> AlignmentChange | None:
    """The latest alignment state set on an item."""
    return policy.visible(user, AlignmentChange).filter(agenda_item=item).first()


def side_by_side(user: Any, item: AgendaItem) -> dict[str, Any]:
    """Each side's position on an item as the user may see it, plus the alignment."""
    positions = {p.side_id: p for p in policy.visible(user, Position).filter(agenda_item=item)}
    sides = policy.visible(user, Side).order_by("id")
    return {
        "position_rows": [(side, positions.get(side.pk)) for side in sides],
        "alignment": current_alignment(user, item),
        "position_item": item,
    }


def own_pending_edit(user: Any, item: AgendaItem) -> PositionRevision | None:
    """The user's side's edit of its shared position that is not shared yet, if any."""
    member = policy.member_of(user)
    if member is None:
        return None
    return (
        policy.visible(user, PositionRevision)
        .filter(
            position__agenda_item=item,
            position__side_id=member.side_id,
            position__status="shared",
            shared=False,
            number__gt=F("position__revision"),
        )
        .select_related("position")
        .order_by("-number")
        .first()
    )


def history(user: Any, item: AgendaItem) -> list[PositionRevision]:
    """Every revision of both sides' positions on an item that the user may see, newest
    first per side, each numbered for this reader (``shown_number``: 1, 2, 3 … over the
    revisions they may see). The stored numbers count the other side's unshared edits
    too, so showing them would tell the other side how many it was not shown."""
    rows = list(
        policy.visible(user, PositionRevision)
        .filter(position__agenda_item=item)
        .select_related("position__side", "author")
        .order_by("position__side_id", "-number")
    )
    remaining = Counter(row.position_id for row in rows)
    for row in rows:  # newest first: the first row of a position gets its count
        row.shown_number = remaining[row.position_id]  # type: ignore[attr-defined]
        remaining[row.position_id] -= 1
    return rows


def alignment_history(user: Any, item: AgendaItem) -> QuerySet[AlignmentChange]:
    """Every alignment state set on an item, newest first."""
    return policy.visible(user, AlignmentChange).filter(agenda_item=item).select_related("set_by")


def board_items(user: Any) -> QuerySet[AgendaItem]:
    """Every agenda item the user may see, in the board's order (track, then tree)."""
    return policy.visible(user, AgendaItem).select_related("track").order_by("track__order", "path")


def board(user: Any, items: Iterable[AgendaItem]) -> list[dict[str, Any]]:
    """Rows of the board for some agenda items (a page of ``board_items``): both sides'
    positions the user may see on each, and its latest alignment."""
    items = list(items)
    positions = policy.visible(user, Position).filter(agenda_item__in=items).select_related("side")
    by_item: dict[tuple[int, int], Position] = {(p.agenda_item_id, p.side_id): p for p in positions}
    latest: dict[int, AlignmentChange] = {}
    for change in policy.visible(user, AlignmentChange).filter(agenda_item__in=items):
        latest.setdefault(change.agenda_item_id, change)  # newest first by Meta.ordering
    sides = list(policy.visible(user, Side).order_by("id"))
    return [
        {
            "item": item,
            "cells": [by_item.get((item.pk, side.pk)) for side in sides],
            "alignment": latest.get(item.pk),
        }
        for item in items
    ]
