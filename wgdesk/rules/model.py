"""The typed rule records: what a UN measure covers, when, and what it asks for.

Records are loaded from the YAML files under ``wgdesk/rules/measures``. The engine
never names a measure in code: it matches every record's scope generically.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from wgdesk.rules.hs import HSCode, HSRange


class Verdict(StrEnum):
    """The contract's four verdicts, from least to most severe."""

    NOT_RESTRICTED = "not_restricted"
    NOTIFICATION_REQUIRED = "notification_required"
    EXEMPTION_REQUIRED = "exemption_required"
    PROHIBITED = "prohibited"

    @property
    def rank(self) -> int:
        """Return the severity: 0 for not_restricted up to 3 for prohibited."""
        return _RANK[self]

    @staticmethod
    def worst(verdicts: Iterable[Verdict]) -> Verdict:
        """Return the most severe verdict (not_restricted for none)."""
        return max(verdicts, key=lambda v: v.rank, default=Verdict.NOT_RESTRICTED)


_RANK = {v: i for i, v in enumerate(Verdict)}

# A rule's effect when it matches: a verdict, "note" (adds a note, never a verdict) or
# "none" (reference-only: an obligation on States that no project element triggers).
NOTE = "note"
NONE = "none"
EFFECTS = (*[v.value for v in Verdict], NOTE, NONE)


@dataclass(frozen=True, slots=True)
class Text:
    """A short text in English and Korean."""

    en: str
    ko: str

    def get(self, lang: str) -> str:
        """Return the text in the requested language (English by default)."""
        return self.ko if lang == "ko" else self.en


@cache
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Compile a whole-word pattern for an English phrase, a plain one for Korean."""
    escaped = re.escape(phrase.lower())
    if not phrase.isascii():
        # Korean attaches particles to words (의학교류를), so Hangul terms match inside words.
        return re.compile(escaped)
    return re.compile(rf"(?<![\w]){escaped}(?![\w])")


def contains_any(text: str, phrases: Iterable[str]) -> str | None:
    """Return the first phrase found in a lower-cased text (whole words for English)."""
    for phrase in phrases:
        if _phrase_pattern(phrase).search(text):
            return phrase
    return None


@dataclass(frozen=True, slots=True)
class ItemMatcher:
    """Which goods a rule covers: by direction, HS code, wording and unit value."""

    directions: tuple[str, ...] = ()
    hs: tuple[HSRange, ...] = ()
    hs_source: str | None = None  # "resolution" or "engine-mapping"
    keywords: tuple[str, ...] = ()  # any must appear in the description
    also_keywords: tuple[str, ...] = ()  # and any of these too
    unless_keywords: tuple[str, ...] = ()  # and none of these
    min_unit_value_usd: float | None = None

    def specificity(self, code: HSCode | None) -> int:
        """Return how narrowly this matcher fits: the widest HS range digits, plus wording."""
        width = max((r.width for r in self.hs if code and r.contains(code)), default=0)
        return width + (3 if self.keywords else 0)

    def matches(
        self, direction: str, code: HSCode | None, text: str, unit_value: float | None
    ) -> bool:
        """True when goods going this direction, with this code and wording, are covered."""
        if self.directions and direction not in self.directions:
            return False
        if self.hs and (code is None or not any(r.contains(code) for r in self.hs)):
            return False
        if not _wording_matches(text, self.keywords, self.also_keywords, self.unless_keywords):
            return False
        if self.min_unit_value_usd is not None:
            return unit_value is None or unit_value > self.min_unit_value_usd
        return True


def _wording_matches(
    text: str, keywords: tuple[str, ...], also: tuple[str, ...], unless: tuple[str, ...]
) -> bool:
    """Apply the three keyword conditions to a lower-cased text."""
    if keywords and contains_any(text, keywords) is None:
        return False
    if also and contains_any(text, also) is None:
        return False
    return not (unless and contains_any(text, unless) is not None)


@dataclass(frozen=True, slots=True)
class ActivityMatcher:
    """Which activities a rule covers: by kind, field category, direction and wording."""

    kinds: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()  # field categories (see vocabulary.yaml)
    unless_fields: tuple[str, ...] = ()
    directions: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    unless_keywords: tuple[str, ...] = ()
    new_only: bool = False  # does not cover continuing an existing entity

    def specificity(self) -> int:
        """Return how narrowly this matcher fits."""
        return sum(bool(x) for x in (self.kinds, self.fields, self.directions, self.keywords))

    def matches(
        self,
        kind: str,
        categories: frozenset[str],
        direction: str | None,
        text: str,
        existing: bool,
    ) -> bool:
        """True when an activity of this kind, field, direction and wording is covered."""
        if self.kinds and kind not in self.kinds:
            return False
        if self.fields and not categories & set(self.fields):
            return False
        if categories & set(self.unless_fields):
            return False
        if self.directions and direction is not None and direction not in self.directions:
            return False
        if self.new_only and existing:
            return False
        return _wording_matches(text, self.keywords, (), self.unless_keywords)


@dataclass(frozen=True, slots=True)
class PartyMatcher:
    """Which screened parties a rule covers: by screening decision and entity type."""

    decisions: tuple[str, ...] = ("match",)
    types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    def matches(self, decision: str | None, type_: str | None, country: str | None) -> bool:
        """True when a party with this screening decision, type and country is covered."""
        if decision not in self.decisions:
            return False
        if self.types and type_ not in self.types:
            return False
        return not (self.countries and country not in self.countries)


@dataclass(frozen=True, slots=True)
class ProjectMatcher:
    """Project-wide conditions: some activity kind present, or any goods moved."""

    activity_kinds: tuple[str, ...] = ()
    any_items: bool = False

    def matches(self, kinds: set[str], item_count: int) -> bool:
        """True when the project as a whole triggers the rule."""
        if self.activity_kinds and not kinds & set(self.activity_kinds):
            return False
        return not (self.any_items and item_count == 0)


@dataclass(frozen=True, slots=True)
class Scope:
    """Everything a rule can match; each list is a set of alternatives."""

    items: tuple[ItemMatcher, ...] = ()
    activities: tuple[ActivityMatcher, ...] = ()
    parties: tuple[PartyMatcher, ...] = ()
    project: tuple[ProjectMatcher, ...] = ()

    @property
    def empty(self) -> bool:
        """True for a reference-only record that no project element can trigger."""
        return not (self.items or self.activities or self.parties or self.project)


@dataclass(frozen=True, slots=True)
class RuleException:
    """A carve-out written into a measure, with the effect it has when it applies."""

    id: str
    text: Text
    effect: str  # a verdict value or "note"
    items: tuple[ItemMatcher, ...] = ()
    activities: tuple[ActivityMatcher, ...] = ()
    rule: str | None = None  # the exemption-clause record that grants it, if any


@dataclass(frozen=True, slots=True)
class Notification:
    """A report a State owes the 1718 Committee: why, what, to whom, how often."""

    why: Text
    what: Text
    to: Text
    when: Text
    confirmed: bool


@dataclass(frozen=True, slots=True)
class Cap:
    """A quantitative ceiling on a commodity, and the effect of exceeding it."""

    commodity: str  # a key of conversions.yaml (refined_petroleum, crude_oil, coal)
    limit: float
    unit: str  # bbl or t
    period: Text
    over_effect: str
    alternative_limit: float | None = None  # e.g. crude: 525,000 t beside 4,000,000 bbl
    alternative_unit: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One UN measure (or exemption clause) with its citation, dates and scope."""

    id: str
    area: str
    instrument: str
    paragraph: str
    adopted: dt.date
    confirmed: bool
    status: str
    direction: str
    type: str
    effect: str
    summary: Text
    scope: Scope
    in_force_from: dt.date
    in_force_until: dt.date | None = None
    superseded_by: str | None = None
    precedence: int = 50
    exceptions: tuple[RuleException, ...] = ()
    notifications: tuple[Notification, ...] = ()
    notes: tuple[Text, ...] = ()
    exemption_via: tuple[str, ...] = ()
    cap: Cap | None = None
    covers: tuple[Text, ...] = ()  # what an exemption request under this rule must show
    # The records cited next to this one: an annex that lists items gives content to a
    # ban in another paragraph (2321 Annex IV to 1718 OP8(a)(iii)), and the ban is the law.
    cited_with: tuple[str, ...] = ()

    def in_force(self, day: dt.date) -> bool:
        """True when the measure applied on that day."""
        if day < self.in_force_from:
            return False
        return self.in_force_until is None or day <= self.in_force_until

    @property
    def resolution(self) -> str:
        """Return the resolution number, e.g. '2397' for 'S/RES/2397 (2017)'."""
        match = re.search(r"S/RES/(\d+)", self.instrument)
        return match.group(1) if match else self.instrument

    @property
    def citation(self) -> str:
        """Return the short citation, e.g. 'S/RES/2397 (2017) OP7'."""
        return f"{self.instrument} {self.paragraph}"
