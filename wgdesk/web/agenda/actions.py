"""State changes of tracks and agenda items."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from wgdesk.web.agenda.models import AgendaItem, ItemStatus, Track
from wgdesk.web.core import records


def add_track(user: Any, code: str, title: tuple[str, str]) -> Track:
    """Add a track to the user's working group, after the existing ones."""
    group_id = user.member.working_group_id
    last = Track.objects.filter(working_group_id=group_id).order_by("-order").first()
    order = last.order + 1 if last else 1
    return records.create(
        user, Track, {"title": title}, working_group_id=group_id, code=code, order=order
    )


def add_item(
    user: Any,
    track: Track,
    parent: AgendaItem | None,
    title: tuple[str, str],
    description: tuple[str, str],
    opened_on: date | None = None,
) -> AgendaItem:
    """Add an agenda item on a track, under a parent item when one is given."""
    if parent is not None and parent.track_id != track.pk:
        raise ValueError("the parent item is on another track")
    return records.create(
        user,
        AgendaItem,
        {"title": title, "description": description},
        track=track,
        parent=parent,
        opened_on=opened_on or timezone.localdate(),
    )


def edit_item(
    user: Any, item: AgendaItem, title: tuple[str, str], description: tuple[str, str], status: str
) -> AgendaItem:
    """Change an item's texts or status; closing stamps the date."""
    closed_on = item.closed_on
    if status == ItemStatus.CLOSED and not closed_on:
        closed_on = timezone.localdate()
    elif status == ItemStatus.OPEN:
        closed_on = None
    return records.update(
        user,
        item,
        {"title": title, "description": description},
        status=status,
        closed_on=closed_on,
    )
