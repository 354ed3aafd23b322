"""Chart geometry for server-side SVG: pure arithmetic, no Django, no drawing library.

Colours follow the Okabe–Ito palette (distinguishable with common colour-vision
deficiencies) and every line also differs by dash pattern and marker shape and is labelled
directly, so colour is never the only cue. Templates turn these numbers into SVG elements
with presentation attributes only (the CSP forbids inline style).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4")
MARKERS = ("circle", "square", "triangle", "diamond")
BAR_COLOURS = {"opened": "#56B4E9", "closed": "#009E73", "decisions": "#D55E00"}


@dataclass(frozen=True)
class Frame:
    """The plotting area inside an SVG of a given size."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def inner_width(self) -> float:
        """Width available to the data."""
        return self.width - self.left - self.right

    @property
    def inner_height(self) -> float:
        """Height available to the data."""
        return self.height - self.top - self.bottom

    @property
    def base(self) -> float:
        """The y coordinate of zero."""
        return self.height - self.bottom


@dataclass(frozen=True)
class Tick:
    """A value on an axis and where it is drawn."""

    value: int | str
    position: float


@dataclass(frozen=True)
class Point:
    """A data point in SVG coordinates, with the marker path drawn there."""

    x: float
    y: float
    value: int
    marker: str


@dataclass(frozen=True)
class Line:
    """One track's line: points, style and the label at its end."""

    label: str
    colour: str
    dash: str
    points: list[Point]

    @property
    def path(self) -> str:
        """The points as an SVG polyline ``points`` attribute."""
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Bar:
    """One bar of a small-multiple panel."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    value: int
    title: str


def nice_ceiling(value: int) -> int:
    """Round a maximum up to 1, 2 or 5 times a power of ten (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def y_ticks(frame: Frame, top: int, count: int = 4) -> list[Tick]:
    """Evenly spaced whole-number ticks from zero to ``top``."""
    step = max(1, math.ceil(top / count))
    values = range(0, top + 1, step)
    return [Tick(v, frame.base - v / top * frame.inner_height) for v in values]


def x_positions(frame: Frame, count: int) -> list[float]:
    """Centres of ``count`` evenly spaced slots across the plotting area."""
    slot = frame.inner_width / max(count, 1)
    return [frame.left + slot * (i + 0.5) for i in range(count)]


def month_ticks(frame: Frame, months: list[date], most: int = 12) -> list[Tick]:
    """Month labels, thinned to at most ``most`` so they never overlap."""
    every = max(1, math.ceil(len(months) / most))
    xs = x_positions(frame, len(months))
    return [Tick(f"{m:%Y-%m}", xs[i]) for i, m in enumerate(months) if i % every == 0]


# Marker outlines as offsets from the point, in units of the marker radius.
_SHAPES = {
    "square": ((-1, -1), (1, -1), (1, 1), (-1, 1)),
    "triangle": ((0, -1.3), (1.3, 1), (-1.3, 1)),
    "diamond": ((0, -1.3), (1.3, 0), (0, 1.3), (-1.3, 0)),
}


def marker_path(shape: str, x: float, y: float, r: float = 3.5) -> str:
    """An SVG path drawing a small marker of a shape centred on a point."""
    corners = _SHAPES.get(shape)
    if corners is None:  # a circle, as two half arcs
        arc = f"a{r:.1f},{r:.1f} 0 1,0"
        return f"M{x - r:.1f},{y:.1f}{arc} {2 * r:.1f},0{arc} {-2 * r:.1f},0"
    points = "L".join(f"{x + dx * r:.1f},{y + dy * r:.1f}" for dx, dy in corners)
    return f"M{points}Z"


def lines(frame: Frame, series: list[tuple[str, list[int]]], top: int) -> list[Line]:
    """One styled line per series, scaled so ``top`` reaches the top of the frame."""
    drawn = []
    for index, (label, values) in enumerate(series):
        xs = x_positions(frame, len(values))
        shape = MARKERS[index % len(MARKERS)]
        points = []
        for x, value in zip(xs, values, strict=True):
            y = frame.base - value / top * frame.inner_height
            points.append(Point(x, y, value, marker_path(shape, x, y)))
        drawn.append(
            Line(label, COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)], points)
        )
    return drawn


def spread_labels(ends: list[float], gap: float = 14.0) -> list[float]:
    """Move end-of-line labels apart vertically so none overlaps the next."""
    order = sorted(range(len(ends)), key=lambda i: ends[i])
    placed = list(ends)
    previous = -math.inf
    for i in order:
        placed[i] = max(ends[i], previous + gap)
        previous = placed[i]
    return placed


def bars(
    frame: Frame, series: dict[str, list[int]], labels: dict[str, str], months: list[date], top: int
) -> list[Bar]:
    """Grouped bars (one per series) for every month, scaled to a shared ``top``."""
    slot = frame.inner_width / max(len(months), 1)
    width = slot * 0.8 / max(len(series), 1)
    drawn = []
    for m, month in enumerate(months):
        for s, (name, values) in enumerate(series.items()):
            height = values[m] / top * frame.inner_height
            x = frame.left + slot * m + slot * 0.1 + width * s
            title = f"{month:%Y-%m} · {labels[name]}: {values[m]}"
            drawn.append(
                Bar(x, frame.base - height, width, height, BAR_COLOURS[name], values[m], title)
            )
    return drawn
