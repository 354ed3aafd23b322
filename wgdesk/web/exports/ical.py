"""An RFC 5545 calendar writer: escaped text, UTC times, CRLF lines folded at 75 octets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

MAX_OCTETS = 75  # RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, CRLF excluded
PRODID = "-//wgdesk//Working Group Desk//EN"


@dataclass(frozen=True)
class Event:
    """One meeting as a calendar event."""

    uid: str
    start: datetime
    end: datetime
    summary: str
    location: str
    description: str
    url: str


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


def _event_lines(event: Event, stamp: str) -> list[str]:
    """The content lines of one VEVENT."""
    return [
        "BEGIN:VEVENT",
        f"UID:{escape_text(event.uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{utc_stamp(event.start)}",
        f"DTEND:{utc_stamp(event.end)}",
        f"SUMMARY:{escape_text(event.summary)}",
        f"LOCATION:{escape_text(event.location)}",
        f"DESCRIPTION:{escape_text(event.description)}",
        f"URL:{event.url}",
        "END:VEVENT",
    ]


def calendar(name: str, events: Iterable[Event], now: datetime) -> str:
    """A complete VCALENDAR text with CRLF line endings."""
    stamp = utc_stamp(now)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, stamp)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
