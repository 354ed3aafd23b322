"""Time zones: IANA names, wall-clock times entered in a zone, and times shown with zones.

Every datetime is stored in UTC (``USE_TZ``). A meeting keeps its own zone, the one its
times are entered in; each member reads times in their display zone (``Member.time_zone``,
else the desk's default, setting ``time_zone``). These functions are the one place where
a wall-clock time becomes an instant and an instant becomes text, so pages, exports,
emails and the calendar feed agree.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wgdesk import config

# Area prefixes of the canonical IANA names; the rest (US/Eastern, Etc/GMT+5, ROK, posix…)
# are legacy aliases that the zone lists do not offer (they are still accepted).
_AREAS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Arctic/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)
# The zones of the two delegations first in every list of zones, then the rest A-Z.
COMMON_ZONES = ("Asia/Seoul", "America/New_York", "UTC")


class UnknownZone(ValueError):
    """A name that is not an IANA time zone on this machine."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown time zone {name!r}: use an IANA name such as Asia/Seoul")
        self.name = name


class NonexistentTime(ValueError):
    """A wall-clock time the clocks skip in that zone (the hour lost when DST starts)."""

    def __init__(self, wall: datetime, zone: ZoneInfo) -> None:
        super().__init__(f"{wall:%Y-%m-%d %H:%M} does not exist in {zone.key}")
        self.wall, self.zone = wall, zone


@functools.lru_cache(maxsize=256)
def zone(name: str) -> ZoneInfo:
    """The zone of an IANA name; UnknownZone for anything else (file paths included)."""
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        raise UnknownZone(name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownZone(name) from None


def is_zone(name: str) -> bool:
    """True when ``name`` is an IANA time zone known here."""
    try:
        zone(name)
    except UnknownZone:
        return False
    return True


def validate_zone(name: str) -> None:
    """Model and form validator: the value must be an IANA time zone."""
    if not is_zone(name):
        message = _("“%(name)s” is not a time zone. Use an IANA name such as Asia/Seoul.")
        raise ValidationError(message, code="unknown_zone", params={"name": name})


@functools.cache
def zone_names() -> tuple[str, ...]:
    """The zones offered in forms: the delegations' own first, then canonical names A-Z."""
    canonical = sorted(n for n in available_timezones() if n.startswith(_AREAS))
    return (*COMMON_ZONES, *(n for n in canonical if n not in COMMON_ZONES))


def default_zone_name() -> str:
    """The desk's default display zone (setting ``time_zone``), checked."""
    name = config.get("time_zone")
    if not is_zone(name):
        raise ValueError(f"WGDESK_TIME_ZONE={name!r} is not an IANA time zone (e.g. Asia/Seoul)")
    return name


def display_zone(user: object) -> ZoneInfo:
    """The zone a user reads times in: their member's choice, else the desk's default."""
    member = getattr(user, "member", None) if getattr(user, "is_authenticated", False) else None
    name = getattr(member, "time_zone", "") or ""
    return zone(name) if is_zone(name) else zone(default_zone_name())


def aware(wall: datetime, where: ZoneInfo) -> datetime:
    """A wall-clock time in a zone as an instant (aware datetime).

    A time the clocks skip (DST starts: 02:30 on a spring-forward night in New York) raises
    NonexistentTime. A time the clocks show twice (DST ends: 01:30 on a fall-back night) is
    taken at its first occurrence, still on daylight time (fold=0); the abbreviation shown
    next to every time (EDT, not EST) says which one was stored.
    """
    if wall.tzinfo is not None:
        return wall.astimezone(where)
    candidate = wall.replace(tzinfo=where, fold=0)
    back = candidate.astimezone(ZoneInfo("UTC")).astimezone(where)
    if back.replace(tzinfo=None) != wall:
        raise NonexistentTime(wall, where)
    return candidate


def is_ambiguous(wall: datetime, where: ZoneInfo) -> bool:
    """True when the clocks show this wall time twice in the zone (DST ends)."""
    first, second = wall.replace(tzinfo=where, fold=0), wall.replace(tzinfo=where, fold=1)
    return first.utcoffset() != second.utcoffset()


def abbreviation(moment: datetime) -> str:
    """The zone's short name at an aware moment: KST, EST, EDT, CET; "UTC+04" where the
    database has only a number."""
    name = moment.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign, minutes = ("-" if minutes < 0 else "+"), abs(minutes)
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours:02d}" + (f":{rest:02d}" if rest else "")


def stamp(moment: datetime, where: ZoneInfo, seconds: bool = False) -> str:
    """An instant as date, time and zone in a zone: "2018-12-21 10:00 KST"."""
    local = moment.astimezone(where)
    clock = "%H:%M:%S" if seconds else "%H:%M"
    return f"{local:%Y-%m-%d} {local.strftime(clock)} {abbreviation(local)}"


def _relative_day(day: date, base: date) -> str | None:
    """How a day relates to a base day in words, or None when it needs its full date."""
    if day == base:
        return ""
    if day == base - timedelta(days=1):
        return _("the day before")
    if day == base + timedelta(days=1):
        return _("the next day")
    return None


def meeting_time(moment: datetime, meeting_zone: ZoneInfo, reader_zone: ZoneInfo) -> str:
    """A meeting's start in its own zone, then in the reader's when the clocks there differ:
    "2018-12-21 10:00 KST · 20:00 EST the day before"."""
    own = stamp(moment, meeting_zone)
    theirs = moment.astimezone(reader_zone)
    local = moment.astimezone(meeting_zone)
    same_clock = theirs.utcoffset() == local.utcoffset() and abbreviation(theirs) == abbreviation(
        local
    )
    if reader_zone.key == meeting_zone.key or same_clock:
        return own
    clock = f"{theirs:%H:%M} {abbreviation(theirs)}"
    relation = _relative_day(theirs.date(), local.date())
    if relation is None:
        return f"{own} · {theirs:%Y-%m-%d} {clock}"
    if not relation:
        return f"{own} · {clock}"
    return f"{own} · " + _("%(time)s %(relation)s") % {"time": clock, "relation": relation}
