"""Build the two charts of the pace page from the monthly counts."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from wgdesk.web.pace import svg
from wgdesk.web.pace.queries import SERIES, Pace, TrackPace

SERIES_LABELS = {
    "opened": _("Items opened"),
    "closed": _("Items closed"),
    "decisions": _("Decisions made"),
}
OVERLAY = svg.Frame(width=760, height=320, left=44, right=230, top=16, bottom=36)
PANEL = svg.Frame(width=760, height=150, left=44, right=20, top=12, bottom=28)


def overlay(data: Pace) -> dict[str, Any]:
    """Running totals of closed items plus decisions, one line per track, labelled at the end."""
    series = [(str(row.track.title), row.progress) for row in data.tracks]
    top = svg.nice_ceiling(max((max(values) for _, values in series if values), default=0))
    drawn = svg.lines(OVERLAY, series, top)
    ends = svg.spread_labels([line.points[-1].y for line in drawn if line.points])
    labelled = [(line, end, line.points[-1].value) for line, end in zip(drawn, ends, strict=True)]
    return {
        "frame": OVERLAY,
        "lines": labelled,
        "y_ticks": svg.y_ticks(OVERLAY, top),
        "x_ticks": svg.month_ticks(OVERLAY, data.months),
        "label_x": OVERLAY.width - OVERLAY.right + 8,
    }


def _panel(row: TrackPace, data: Pace, top: int) -> dict[str, Any]:
    """One track's grouped monthly bars on the shared scale, with its data table rows."""
    values = {name: getattr(row, name) for name in SERIES}
    labels = {name: str(label) for name, label in SERIES_LABELS.items()}
    return {
        "track": row.track,
        "totals": row.totals,
        "bars": svg.bars(PANEL, values, labels, data.months, top),
        "y_ticks": svg.y_ticks(PANEL, top, count=2),
        "x_ticks": svg.month_ticks(PANEL, data.months),
        "rows": list(zip(data.months, row.opened, row.closed, row.decisions, strict=True)),
    }


def panels(data: Pace) -> list[dict[str, Any]]:
    """Small multiples, one per track, all on the same y scale so heights compare honestly."""
    peak = max((max(getattr(r, n)) for r in data.tracks for n in SERIES if data.months), default=0)
    top = svg.nice_ceiling(peak)
    return [_panel(row, data, top) for row in data.tracks]


def legend() -> list[tuple[str, Any]]:
    """Colour and label of each bar series."""
    return [(svg.BAR_COLOURS[name], SERIES_LABELS[name]) for name in SERIES]
