"""Reads of tracks and agenda items, through the policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from wgdesk.web import policy
from wgdesk.web.agenda.models import AgendaItem, Track


@dataclass
class Node:
    """An agenda item with its children, for rendering the tree."""

    item: AgendaItem
    children: list[Node] = field(default_factory=list)


def build_tree(items: list[AgendaItem]) -> list[Node]:
    """Turn path-ordered items into nested nodes (parents always come before children)."""
    nodes: dict[int, Node] = {}
    roots: list[Node] = []
    for item in items:
        node = nodes[item.pk] = Node(item)
        parent = nodes.get(item.parent_id) if item.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


def tracks(user: Any) -> QuerySet[Track]:
    """The tracks of the user's group."""
    return policy.visible(user, Track)


def tracks_with_trees(user: Any) -> list[tuple[Track, list[Node]]]:
    """Every track with its agenda tree, in two queries."""
    items = list(policy.visible(user, AgendaItem).order_by("path"))
    by_track: dict[int, list[AgendaItem]] = {}
    for item in items:
        by_track.setdefault(item.track_id, []).append(item)
    return [(track, build_tree(by_track.get(track.pk, []))) for track in tracks(user)]


def subtree(user: Any, item: AgendaItem) -> QuerySet[AgendaItem]:
    """An item's descendants (not the item), one indexed range scan on the path."""
    low, high = item.subtree_bounds()
    return policy.visible(user, AgendaItem).filter(path__gt=low, path__lt=high).order_by("path")


def ancestors(user: Any, item: AgendaItem) -> QuerySet[AgendaItem]:
    """An item's ancestors from the root down, read from its path."""
    ids = [int(part) for part in item.path.split("/") if part][:-1]
    return policy.visible(user, AgendaItem).filter(pk__in=ids).order_by("depth")
