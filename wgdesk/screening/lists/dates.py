"""Dates as the lists write them: ISO days (sometimes with a time zone), bare years,
OFAC's "12 Apr 1960", "Apr 1960", "circa 1955" and "1957 to 1960".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from wgdesk.screening.model import BirthDate

# The UN file writes some xs:date values with their time zone ("2015-04-14-04:00"); the
# zone says nothing about the day, so it is dropped.
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_YEAR = re.compile(r"\d{4}")
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
# OFAC's partial dates: "12 Apr 1960", "Apr 1960", "1960" (month names may be spelled out).
_OFAC_PART = re.compile(r"(?:(\d{1,2}) )?(?:([A-Za-z]{3,9})\.? )?(\d{4})")
_OFAC_RANGE = re.compile(r"(.+?)\s*(?: to |-)\s*(.+)")


def iso_day(text: str) -> dt.date | None:
    """Return the day an ISO date names (time zone ignored), or None if it is not one."""
    match = _ISO_DAY.fullmatch(text.strip())
    if not match:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def year(text: str) -> int | None:
    """Return a four-digit year, or None if the text is not one."""
    stripped = text.strip()
    return int(stripped) if _YEAR.fullmatch(stripped) and int(stripped) >= 1 else None


def year_span(first: int, last: int) -> tuple[dt.date, dt.date]:
    """Return the first day of the first year and the last day of the last year."""
    return dt.date(first, 1, 1), dt.date(last, 12, 31)


def day_or_year(
    text: str, *, approximate: bool = False, note: str | None = None
) -> BirthDate | None:
    """Return a birth date from an ISO day or a bare year, or None if it is neither."""
    day = iso_day(text)
    if day is not None:
        return BirthDate(day, day, day.isoformat(), approximate, note)
    single = year(text)
    if single is not None:
        return BirthDate(*year_span(single, single), str(single), approximate, note)
    return None


def year_range(first: str, last: str, *, approximate: bool, note: str | None) -> BirthDate | None:
    """Return a birth date spanning two years given as text, or None if either is bad."""
    start, end = year(first), year(last)
    if start is None or end is None or end < start:
        return None
    return BirthDate(*year_span(start, end), f"{start} to {end}", approximate, note)


def _ofac_part(text: str) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day a partial OFAC date ("Apr 1960") can mean."""
    match = _OFAC_PART.fullmatch(text.strip())
    if not match:
        return None
    day_text, month_text, year_text = match.groups()
    the_year = int(year_text)
    if month_text is None:
        return None if day_text else year_span(the_year, the_year)
    month = _MONTHS.get(month_text[:3].lower())
    if month is None or the_year < 1:
        return None
    last_day = calendar.monthrange(the_year, month)[1]
    if day_text is None:
        return dt.date(the_year, month, 1), dt.date(the_year, month, last_day)
    day = int(day_text)
    if not 1 <= day <= last_day:
        return None
    return dt.date(the_year, month, day), dt.date(the_year, month, day)


def ofac_birth_date(text: str) -> BirthDate | None:
    """Return a birth date from OFAC wording ("circa 1955", "1957 to 1960"), or None."""
    wording = " ".join(text.split()).rstrip(".")
    body = wording
    approximate = body.lower().startswith("circa ")
    if approximate:
        body = body[len("circa ") :]
    span = _ofac_part(body)
    if span is None:
        ranged = _OFAC_RANGE.fullmatch(body)
        if ranged:
            first, last = _ofac_part(ranged[1]), _ofac_part(ranged[2])
            if first and last and first[0] <= last[1]:
                span = first[0], last[1]
    if span is None:
        return None
    return BirthDate(span[0], span[1], wording, approximate)
