"""Stage 4 of screening: weigh the entry's details, decide, and explain in plain words.

The explanation is written from the evidence that made the score (``score.NameScore``):
the readings or word pairs the rule found, then each name-level factor, then each detail
(type, date of birth, country) with its effect. The name's rule result carries the same
numbers as data (``base`` and ``factors``), and a test rebuilds every score from them.
"""

from __future__ import annotations

from wgdesk.screening.compare.entity import (
    DateSpan,
    birth_date_match,
    country_match,
    type_match,
)
from wgdesk.screening.compare.korean import korean_reasons
from wgdesk.screening.compare.terms import terms_reasons
from wgdesk.screening.index import NameRecord, ScreeningIndex
from wgdesk.screening.model import EntityType
from wgdesk.screening.reasons import Reason, reason
from wgdesk.screening.render import render_match
from wgdesk.screening.results import Match, Query, RuleResult, Thresholds, because
from wgdesk.screening.score import KOREAN_RULE, Scored


def adjustments(
    query: Query, born: DateSpan | None, record: NameRecord, index: ScreeningIndex
) -> list[RuleResult]:
    """Return the type, birth-date and country rules that apply to an entry."""
    entry = index.entries[record.entry]
    places = tuple(p.country for p in entry.birth_places if p.country)
    wanted = tuple(c for c in (query.nationality, query.country) if c)
    results = (
        type_match(query.type, entry.type),
        birth_date_match(born, entry.birth_dates) if entry.type == EntityType.PERSON else None,
        country_match(wanted, entry.countries + places) if wanted else None,
    )
    return [r for r in results if r is not None]


def adjusted(score: float, found: list[RuleResult], thresholds: Thresholds) -> float:
    """Add the adjustments; a conflicting birth date caps a strong match at review."""
    final = score + sum((a.score for a in found), 0.0)
    if any(a.rule == "birth_date" and a.score < 0 for a in found):
        final = min(final, thresholds.match - 0.01)
        if score >= thresholds.match:
            # The birth date alone does not clear a strong name match (lists get dates wrong).
            final = max(final, thresholds.review)
    return min(max(final, 0.0), 1.0)


def name_result(scored: Scored, record: NameRecord) -> RuleResult:
    """Return the name rule's outcome: its base score, each factor, the score and why."""
    name = scored.name
    if name.rule == KOREAN_RULE:
        assert name.korean is not None
        detail: tuple[Reason, ...] = korean_reasons(name.korean)
    else:
        assert name.alignment is not None
        detail = terms_reasons(name.alignment)
    factors = name.factors
    if record.quality_factor < 1.0:
        factors += (("weak_alias", record.quality_factor),)
    notes = tuple(reason("factor", factor=f, value=v) for f, v in factors)
    return because(name.rule, scored.score, detail + notes, name.base, factors)


def build_match(
    scored: Scored,
    index: ScreeningIndex,
    final: float,
    found: list[RuleResult],
    thresholds: Thresholds,
) -> Match:
    """Build a kept match with its explanation."""
    record = index.records[scored.record_id]
    entry = index.entries[record.entry]
    name = name_result(scored, record)
    return Match(
        source=entry.source,
        ref=entry.ref,
        name=entry.name,
        matched_name=record.value,
        score=round(final, 4),
        explanation=render_match((name, *found)),
        decision=thresholds.decide(final),
        type=entry.type,
        regimes=entry.regimes,
        evidence=(name, *found),
    )
