"""Typed inputs and outputs of screening, shared by the CLI, the rules engine and the web app."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from wgdesk.screening.model import EntityType
from wgdesk.screening.reasons import Reason
from wgdesk.screening.render import render


class Decision(StrEnum):
    """What a screening result asks the user to do."""

    MATCH = "match"  # score at or above the match threshold
    REVIEW = "review"  # at or above the review threshold
    CLEAR = "clear"  # no candidate reaches the review threshold


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The two cut-offs that turn a score into a decision."""

    review: float
    match: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.review <= self.match <= 1.0:
            raise ValueError(
                f"thresholds must satisfy 0 <= review ({self.review}) <= match ({self.match}) <= 1"
            )

    def decide(self, score: float) -> Decision:
        """Return match, review or clear for one score."""
        if score >= self.match:
            return Decision.MATCH
        if score >= self.review:
            return Decision.REVIEW
        return Decision.CLEAR


@dataclass(frozen=True, slots=True)
class Query:
    """What the user screens: a name and whatever else they know."""

    name: str
    type: EntityType | None = None
    birth_date: str | None = None  # ISO day, year-month or year
    nationality: str | None = None
    country: str | None = None
    id: str | None = None


@dataclass(frozen=True, slots=True)
class RuleResult:
    """The outcome of one scoring rule: a score (or adjustment) and why.

    For the name rule, ``base`` is the rule's own score and ``factors`` the features that
    multiplied it, by name (see features.py): ``score`` is ``base`` times each factor.
    ``reasons`` say why as data (codes and parameters); ``detail`` is their English text.
    """

    rule: str
    score: float
    detail: str
    base: float | None = None
    factors: tuple[tuple[str, float], ...] = ()
    reasons: tuple[Reason, ...] = ()


def because(
    rule: str,
    score: float,
    reasons: tuple[Reason, ...],
    base: float | None = None,
    factors: tuple[tuple[str, float], ...] = (),
) -> RuleResult:
    """Build a rule's result from its reasons, the English detail rendered from them."""
    return RuleResult(rule, score, render(reasons), base, factors, reasons)


@dataclass(frozen=True, slots=True)
class Match:
    """One candidate entry for a query, with its score and explanation."""

    source: str
    ref: str
    name: str  # the entry's primary name
    matched_name: str  # the entry name that scored best
    score: float
    explanation: str
    decision: Decision
    type: EntityType
    regimes: tuple[str, ...] = ()
    evidence: tuple[RuleResult, ...] = ()


@dataclass(frozen=True, slots=True)
class ScreeningResult:
    """The answer for one query: a decision and ranked candidates, best first."""

    query: Query
    decision: Decision
    matches: tuple[Match, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def best(self) -> Match | None:
        """Return the best candidate, if any."""
        return self.matches[0] if self.matches else None
