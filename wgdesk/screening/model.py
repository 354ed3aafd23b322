"""The normalised in-memory model of sanctions list entries.

Every loader (UN XML, OFAC CSV, FtM entity files) produces these frozen records, and
every consumer (the store, the diff, the matcher, the rules engine) reads only them.
Fields keep the list's own wording; normalisation for matching happens in the matcher.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class EntityType(StrEnum):
    """What kind of thing a list entry or a query names."""

    PERSON = "person"
    ORGANIZATION = "organization"
    VESSEL = "vessel"
    AIRCRAFT = "aircraft"


class NameKind(StrEnum):
    """Where a name sits in an entry."""

    PRIMARY = "primary"  # the entry's main name
    ALIAS = "alias"  # a.k.a. or a UN alias of any quality
    FORMER = "former"  # f.k.a.: a name no longer used
    ORIGINAL_SCRIPT = "original_script"  # e.g. UN NAME_ORIGINAL_SCRIPT


@dataclass(frozen=True, slots=True)
class Name:
    """One name of an entry, as the list writes it."""

    value: str
    kind: NameKind = NameKind.PRIMARY
    # The list's own quality label: UN "Good"/"Low"/"a.k.a."/"f.k.a.", OFAC "aka"/"fka"/"nka",
    # with OFAC's "weak" flag folded in as "Low".
    quality: str | None = None
    note: str | None = None  # the list's note on this name, e.g. UN "previously listed as"


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth as precise as the list gives it: a day, a year or a range of years."""

    earliest: dt.date
    latest: dt.date
    text: str  # the list's own wording, e.g. "1960-04-12", "1958", "1957 to 1960"
    approximate: bool = False
    note: str | None = None  # the list's note, e.g. UN "from false passport"

    @property
    def is_exact_day(self) -> bool:
        """True when the list gives a single day."""
        return self.earliest == self.latest


@dataclass(frozen=True, slots=True)
class Document:
    """An identity document (passport, national ID, IMO number, ...)."""

    type: str
    number: str
    country: str | None = None
    issued: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address or a place, as precise as the list gives it."""

    street: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    country: str | None = None
    note: str | None = None

    def one_line(self) -> str:
        """Return the non-empty parts joined into one line."""
        parts = (self.street, self.city, self.state, self.postal_code, self.country, self.note)
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Entry:
    """One designated person, organisation, vessel or aircraft on one list."""

    source: str  # "un", "ofac", or the name an FtM list is loaded under ("eu_fsf")
    ref: str  # the list's own reference: UN REFERENCE_NUMBER, OFAC ent_num, FtM entity id
    type: EntityType
    name: str  # the primary name, for display
    names: tuple[Name, ...]  # every name, the primary one first
    regimes: tuple[str, ...] = ()  # UN_LIST_TYPE, or the OFAC programmes
    birth_dates: tuple[BirthDate, ...] = ()
    birth_places: tuple[Address, ...] = ()
    nationalities: tuple[str, ...] = ()
    addresses: tuple[Address, ...] = ()
    documents: tuple[Document, ...] = ()
    designations: tuple[str, ...] = ()  # titles and designations (positions held)
    listed_on: dt.date | None = None
    remarks: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())  # other source fields, verbatim
    gender: str | None = None  # "male" or "female" when the list says so

    @property
    def uid(self) -> str:
        """Return the identifier that is unique across lists, e.g. ``un:KPi.033``."""
        return f"{self.source}:{self.ref}"

    @property
    def countries(self) -> tuple[str, ...]:
        """Return the distinct countries named by nationalities and addresses."""
        seen: dict[str, None] = {}
        for country in self.nationalities:
            seen.setdefault(country, None)
        for address in self.addresses:
            if address.country:
                seen.setdefault(address.country, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class ListVersion:
    """One published version of one list, with all its entries."""

    source: str  # "un", "ofac", or the name an FtM list is loaded under ("eu_fsf")
    version: str  # the publisher's own stamp: UN dateGenerated, OFAC publish date or file date
    sha256: str  # of the file(s) it was loaded from
    origin: str  # where it was loaded from: a path or a URL
    entries: tuple[Entry, ...]
    # Field-level oddities the loader kept as text rather than rejecting the file,
    # each naming its position, e.g. "line 812: DATE '1960-13-01' is not a date".
    warnings: tuple[str, ...] = ()

    def counts_by_regime(self) -> dict[str, int]:
        """Return how many entries each regime (UN list type or OFAC programme) has."""
        counts: dict[str, int] = {}
        for entry in self.entries:
            for regime in entry.regimes or ("(none)",):
                counts[regime] = counts.get(regime, 0) + 1
        return dict(sorted(counts.items()))
