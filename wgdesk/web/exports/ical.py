"""An RFC 5545 calendar writer: escaped text, CRLF lines folded at 75 octets, and times in
each meeting's own zone (``DTSTART;TZID=Asia/Seoul:20181221T100000``), each zone defined
by a VTIMEZONE built from the zoneinfo database for the span of the events."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from wgdesk.web.core.zones import abbreviation

MAX_OCTETS = 75  # RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, CRLF excluded
PRODID = "-//wgdesk//Working Group Desk//EN"


@dataclass(frozen=True)
class Event:
    """One meeting as a calendar event."""

    uid: str
    start: datetime
    end: datetime
    zone: ZoneInfo  # the meeting's own zone: the times are written in it
    summary: str
    location: str
    description: str
    url: str
    # RFC 5545 §3.8.1.11: CANCELLED tells calendar clients to strike the event; a
    # postponed meeting is CONFIRMED at its new time (SEQUENCE makes clients take it).
    status: str = "CONFIRMED"
    sequence: int = 0


def escape_text(value: str) -> str:
    """Escape a TEXT value (§3.3.11): backslash, semicolon, comma, newline; drop controls."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(c for c in value if c in "\n\t" or (ord(c) >= 0x20 and ord(c) != 0x7F))
    for plain, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        value = value.replace(plain, escaped)
    return value


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC form (§3.3.5, "Z" suffix)."""
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a UTF-8 character."""
    pieces: list[str] = []
    current, size, limit = "", 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            # A continuation line starts with one space, which counts towards its 75 octets.
            current, size, limit = char, width, MAX_OCTETS - 1
        else:
            current, size = current + char, size + width
    pieces.append(current)
    return "\r\n ".join(pieces)


def local_stamp(moment: datetime, zone: ZoneInfo) -> str:
    """A DATE-TIME as local time of a zone (§3.3.5 form 3, used with TZID)."""
    return moment.astimezone(zone).strftime("%Y%m%dT%H%M%S")


def _offset(delta: timedelta | None) -> str:
    """A UTC-OFFSET value (§3.3.14): +HHMM, or +HHMMSS for odd historical offsets."""
    seconds = int((delta or timedelta(0)).total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{sign}{hours:02d}{minutes:02d}" + (f"{secs:02d}" if secs else "")


def _rules(moment: datetime, zone: ZoneInfo) -> tuple[timedelta | None, str]:
    """What the clocks of a zone follow at an instant: the offset and its name."""
    local = moment.astimezone(zone)
    return local.utcoffset(), abbreviation(local)


def transitions(zone: ZoneInfo, start: datetime, end: datetime) -> Iterator[datetime]:
    """Every instant in [start, end] at which the zone's offset or name changes (to the
    second): found day by day, then narrowed by bisection."""
    day = timedelta(days=1)
    low = start.astimezone(UTC)
    while low < end:
        high = min(low + day, end.astimezone(UTC))
        if _rules(low, zone) != _rules(high, zone):
            before, after = low, high
            while after - before > timedelta(seconds=1):
                middle = before + (after - before) / 2
                if _rules(middle, zone) == _rules(before, zone):
                    before = middle
                else:
                    after = middle
            yield after.replace(microsecond=0)
        low = high


def _observance(onset: datetime, before: datetime, zone: ZoneInfo) -> list[str]:
    """One STANDARD or DAYLIGHT block: from ``onset`` the zone follows new rules; its
    DTSTART is the local time of the rules in force just before (§3.6.5)."""
    onset = onset.astimezone(UTC)
    local = onset.astimezone(zone)
    kind = "DAYLIGHT" if local.dst() else "STANDARD"
    offset_from = before.astimezone(zone).utcoffset()
    wall = (onset + (offset_from or timedelta(0))).replace(tzinfo=None)
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{wall:%Y%m%dT%H%M%S}",
        f"TZOFFSETFROM:{_offset(offset_from)}",
        f"TZOFFSETTO:{_offset(local.utcoffset())}",
        f"TZNAME:{escape_text(abbreviation(local))}",
        f"END:{kind}",
    ]


def vtimezone(zone: ZoneInfo, start: datetime, end: datetime) -> list[str]:
    """A VTIMEZONE for a zone, exact between two instants: the rules in force at ``start``,
    then each change until ``end``."""
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    lines += _observance(start, start, zone)
    for onset in transitions(zone, start, end):
        lines += _observance(onset, onset - timedelta(seconds=1), zone)
    return [*lines, "END:VTIMEZONE"]


def _event_lines(event: Event, stamp: str) -> list[str]:
    """The content lines of one VEVENT."""
    tzid = event.zone.key
    return [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID={tzid}:{local_stamp(event.start, event.zone)}",
        f"DTEND;TZID={tzid}:{local_stamp(event.end, event.zone)}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"LOCATION:{escape_text(event.location)}",
        f"DESCRIPTION:{escape_text(event.description)}",
        f"URL:{event.url}",
        f"STATUS:{event.status}",
        f"SEQUENCE:{event.sequence}",
        "END:VEVENT",
    ]


def _timezones(events: list[Event]) -> list[str]:
    """A VTIMEZONE for every zone the events use, covering their span (a day either side)."""
    lines: list[str] = []
    for key in sorted({e.zone.key for e in events}):
        used = [e for e in events if e.zone.key == key]
        start = min(e.start for e in used) - timedelta(days=1)
        end = max(e.end for e in used) + timedelta(days=1)
        lines += vtimezone(used[0].zone, start.replace(microsecond=0), end)
    return lines


def calendar(name: str, events: Iterable[Event], now: datetime, reader_zone: str) -> str:
    """A complete VCALENDAR text with CRLF line endings. ``reader_zone`` (the feed owner's
    display zone) is only a hint for clients that show a calendar-wide zone."""
    stamp = utc_stamp(now)
    listed = list(events)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{escape_text(reader_zone)}",
        *_timezones(listed),
    ]
    for event in listed:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
