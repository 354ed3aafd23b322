"""Template helpers: a hit's last disposition on the screening page, and stale-list warnings."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from wgdesk.web.dispositions.entries import stale_versions
from wgdesk.web.dispositions.models import Disposition, name_key

register = template.Library()


@register.simple_tag
def disposition_of(
    dispositions: dict[Any, Disposition], name: str, source: str, ref: str
) -> Disposition | None:
    """The newest disposition (visible to the reader) of this screened name against this entry."""
    return dispositions.get((name_key(name or ""), source, ref))


@register.simple_tag
def stale_lists(state: Any) -> list[tuple[Any, int]]:
    """The active list versions older than the configured age, with their age in days."""
    if state is None or not getattr(state, "versions", ()):
        return []
    return stale_versions(state.versions, timezone.localdate())
