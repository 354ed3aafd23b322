"""Rules on what a query says besides the name: date of birth, country and entity type.

Each returns an adjustment to the name score (positive when the detail agrees,
negative when it conflicts) and a sentence, or None when there is nothing to compare.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from wgdesk.screening.countries import country_code, country_codes
from wgdesk.screening.features import feature
from wgdesk.screening.model import BirthDate, EntityType
from wgdesk.screening.reasons import reason
from wgdesk.screening.results import RuleResult, because

SAME_BIRTH_DAY = feature("same_birth_day")
SAME_BIRTH_YEAR = feature("same_birth_year")
BIRTH_DATE_CONFLICT = feature("birth_date_conflict")
COUNTRY_AGREES = feature("country_agrees")
COUNTRY_CONFLICT = feature("country_conflict")
TYPE_CONFLICT = feature("type_conflict")

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date as precise as the user gave it: a day, a month or a year."""

    earliest: dt.date
    latest: dt.date
    text: str

    @property
    def is_day(self) -> bool:
        """True when the span is one day."""
        return self.earliest == self.latest


def parse_birth_date(text: str) -> DateSpan:
    """Parse an ISO day, year-month or year; raise ValueError naming the bad value."""
    match = _DATE.match(text.strip())
    if not match:
        raise ValueError(f"birth_date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), text.strip())
        if day is None:
            last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
            return DateSpan(dt.date(year, month, 1), dt.date(year, month, last), text.strip())
        day_value = dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"birth_date {text!r} is not a real date") from None
    return DateSpan(day_value, day_value, text.strip())


def birth_date_match(query: DateSpan | None, listed: tuple[BirthDate, ...]) -> RuleResult | None:
    """A birth date raises the score when it falls within a listed one and lowers it when none."""
    if query is None or not listed:
        return None
    overlapping = [b for b in listed if b.earliest <= query.latest and query.earliest <= b.latest]
    if not overlapping:
        shown = tuple(b.text for b in listed)
        return because(
            "birth_date",
            BIRTH_DATE_CONFLICT,
            (reason("birth_date_conflict", query=query.text, listed=shown),),
        )
    if query.is_day and any(b.is_exact_day for b in overlapping):
        return because("birth_date", SAME_BIRTH_DAY, (reason("same_birth_day", query=query.text),))
    fits = reason("birth_date_fits", query=query.text, listed=overlapping[0].text)
    return because("birth_date", SAME_BIRTH_YEAR, (fits,))


def country_match(query: tuple[str, ...], listed: tuple[str, ...]) -> RuleResult | None:
    """A country shared with the entry raises the score; a different one lowers it."""
    wanted = country_codes(query)
    known = country_codes(listed)
    if not wanted or not known:
        return None
    shown = tuple(sorted(wanted))
    if wanted & known:
        return because("country", COUNTRY_AGREES, (reason("country_agrees", query=shown),))
    conflict = reason("country_conflict", query=shown, listed=tuple(sorted(known)))
    return because("country", COUNTRY_CONFLICT, (conflict,))


def type_match(query: EntityType | None, listed: EntityType) -> RuleResult | None:
    """A person query against an organisation, vessel or aircraft (or the reverse) loses score."""
    if query is None or (query == EntityType.PERSON) == (listed == EntityType.PERSON):
        return None
    conflict = reason("type_conflict", query=query.value, listed=listed.value)
    return because("type", TYPE_CONFLICT, (conflict,))


def is_known_country(text: str) -> bool:
    """True when a country name or code is recognised."""
    return country_code(text) is not None
