"""Reads of dispositions through the policy: only the reader's own side's are ever found."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from wgdesk.web import policy
from wgdesk.web.dispositions.models import Disposition, name_key

HitKey = tuple[str, str, str]  # (name key, source, ref)


def of_entry(user: Any, source: str, ref: str) -> QuerySet[Disposition]:
    """Every disposition of one entry the user may see, newest first."""
    rows = policy.visible(user, Disposition).filter(source=source, ref=ref)
    return rows.select_related("created_by")


def latest_for(user: Any, names: Iterable[str]) -> dict[HitKey, Disposition]:
    """The newest visible disposition of each (name, entry) among these screened names."""
    keys = {name_key(n) for n in names if n}
    latest: dict[HitKey, Disposition] = {}
    if not keys:
        return latest
    rows = policy.visible(user, Disposition).filter(name_key__in=keys)
    for row in rows.select_related("created_by").order_by("-created_at", "-id"):
        latest.setdefault((row.name_key, row.source, row.ref), row)
    return latest
