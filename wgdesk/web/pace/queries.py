"""Monthly counts per track: agenda items opened and closed, decisions made (via the policy)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from wgdesk.web import policy
from wgdesk.web.agenda.models import AgendaItem, Track
from wgdesk.web.decisions.models import Decision

SERIES = ("opened", "closed", "decisions")
Counts = dict[tuple[int, date], int]


@dataclass
class TrackPace:
    """One track's monthly counts on the shared month axis."""

    track: Track
    opened: list[int]
    closed: list[int]
    decisions: list[int]

    @property
    def progress(self) -> list[int]:
        """Running total of items closed plus decisions made: the slope is the pace."""
        return list(accumulate(c + d for c, d in zip(self.closed, self.decisions, strict=True)))

    @property
    def totals(self) -> dict[str, int]:
        """Sums of each series over the whole period."""
        return {name: sum(getattr(self, name)) for name in SERIES}


@dataclass
class Pace:
    """The month axis and every track's counts."""

    months: list[date]
    tracks: list[TrackPace]

    @property
    def empty(self) -> bool:
        """True when nothing was opened, closed or decided in any visible track."""
        return not self.months


def _month_counts(rows: QuerySet[Any], track: str, day: str) -> Counts:
    """Count rows per (track id, month of a date field)."""
    grouped = (
        rows.annotate(month=TruncMonth(day))
        .values(track, "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {(row[track], row["month"]): row["n"] for row in grouped}


def _month_axis(counts: list[Counts]) -> list[date]:
    """Every month from the first to the last one with any count."""
    seen = [month for series in counts for (_, month) in series]
    if not seen:
        return []
    first, last = min(seen), max(seen)
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def pace(user: Any, track_id: int | None = None) -> Pace:
    """The pace of every track the user may see (or of one), over the months with activity."""
    tracks = policy.visible(user, Track)
    items = policy.visible(user, AgendaItem)
    decisions = policy.visible(user, Decision)
    if track_id is not None:
        tracks = tracks.filter(pk=track_id)
        items = items.filter(track_id=track_id)
        decisions = decisions.filter(agenda_item__track_id=track_id)
    counts = [
        _month_counts(items, "track_id", "opened_on"),
        _month_counts(items.filter(closed_on__isnull=False), "track_id", "closed_on"),
        _month_counts(decisions, "agenda_item__track_id", "decided_on"),
    ]
    months = _month_axis(counts)
    rows = [
        TrackPace(track, *([series.get((track.pk, m), 0) for m in months] for series in counts))
        for track in tracks
    ]
    return Pace(months, rows)
