"""The project file of ``wgdesk review`` and ``wgdesk exemption`` (contracts.md §2).

A project is parsed, checked against PROJECT_SCHEMA and turned into typed records in
one pass that collects every problem with its location, so a user sees all mistakes
at once. The optional ``exemption`` block and per-item ``specification`` extend the
contract compatibly (docs/project-file.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wgdesk.rules.hs import HSCode, HSCodeError, Nomenclature, parse_code
from wgdesk.rules.i18n import message
from wgdesk.rules.model import Text
from wgdesk.rules.schema import Problem, Validator
from wgdesk.rules.sourcemap import Parsed, ParseError, parse_text
from wgdesk.rules.vocabulary import ACTIVITY_DIRECTIONS, ACTIVITY_KINDS, DIRECTIONS

_TEXT = {"type": ["string", "null"]}
_ID = {"type": ["string", "integer"]}
PARTY_TYPES = ("person", "organization", "vessel", "aircraft")

PARTY_SCHEMA = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "min_length": 1},
        "role": _TEXT,
        "country": _TEXT,
        "type": {"enum": [*PARTY_TYPES, None]},
        "birth_date": {"type": ["string", "date", "integer", "null"]},
        "nationality": _TEXT,
    },
}
ITEM_SCHEMA = {
    "type": "object",
    "required": ["hs", "direction"],
    "properties": {
        "id": _ID,
        "description": _TEXT,
        "hs": {"type": ["string", "integer", "number"], "format": "hs"},
        "direction": {"enum": list(DIRECTIONS)},
        "quantity": {"type": ["number", "null"], "minimum": 0},
        "unit": _TEXT,
        "value_usd": {"type": ["number", "null"], "minimum": 0},
        "temporary": {"type": ["boolean", "null"]},
        "specification": _TEXT,
    },
}
ACTIVITY_SCHEMA = {
    "type": "object",
    "required": ["kind"],
    "properties": {
        "id": _ID,
        "kind": {"enum": list(ACTIVITY_KINDS)},
        "description": _TEXT,
        "field": _TEXT,
        "existing": {"type": ["boolean", "null"]},
        "direction": {"enum": [*ACTIVITY_DIRECTIONS, None]},
    },
}
LOCATION_SCHEMA = {
    "type": "object",
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "min_length": 1},
        "country": _TEXT,
        "note": _TEXT,
    },
}
EXEMPTION_FIELDS = (
    "requester",
    "channel",
    "nature",
    "recipients",
    "selection_criteria",
    "reasons",
    "shipping_route",
    "entry_point",
    "shipping_dates",
    "shipments",
    "financial_channels",
    "monitoring",
    "duration",
    "contact",
)
EXEMPTION_SCHEMA = {
    "type": "object",
    "properties": {
        **dict.fromkeys(EXEMPTION_FIELDS, _TEXT),
        "shipments": {"type": ["integer", "null"], "minimum": 1},
    },
}
PROJECT_SCHEMA = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "min_length": 1},
        "summary": _TEXT,
        "start": {"type": ["date", "null"]},
        "end": {"type": ["date", "null"]},
        "parties": {"type": ["array", "null"], "items": PARTY_SCHEMA},
        "items": {"type": ["array", "null"], "items": ITEM_SCHEMA},
        "activities": {"type": ["array", "null"], "items": ACTIVITY_SCHEMA},
        "locations": {"type": ["array", "null"], "items": LOCATION_SCHEMA},
        "exemption": {"type": ["object", "null"], **EXEMPTION_SCHEMA},
    },
}


class ProjectError(ValueError):
    """A project file with problems; ``problems`` lists every one with its location."""

    def __init__(self, problems: list[Problem], source: str) -> None:
        self.problems = problems
        self.source = source
        super().__init__("\n".join(p.render(source) for p in problems))


@dataclass(frozen=True, slots=True)
class Party:
    """A person or organisation involved in the project."""

    name: str
    role: str | None = None
    country: str | None = None
    type: str | None = None
    birth_date: str | None = None
    nationality: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """Goods crossing the border."""

    id: str
    hs: HSCode
    direction: str
    description: str = ""
    quantity: float | None = None
    unit: str | None = None
    value_usd: float | None = None
    temporary: bool = False
    specification: str | None = None
    hs_text: str = ""  # as written in the file

    @property
    def text(self) -> str:
        """Return the lower-cased wording rules are matched against."""
        return f"{self.description} {self.specification or ''}".lower()

    @property
    def unit_value(self) -> float | None:
        """Return the value of one unit when a value and a countable quantity are given."""
        if self.value_usd is None:
            return None
        if self.quantity and (self.unit or "pcs").lower() in COUNT_UNITS:
            return self.value_usd / self.quantity
        return self.value_usd


COUNT_UNITS = frozenset({"pcs", "pc", "piece", "pieces", "set", "sets", "unit", "units", "ea"})


@dataclass(frozen=True, slots=True)
class Activity:
    """Something done rather than goods moved."""

    id: str
    kind: str
    description: str = ""
    field: str | None = None
    existing: bool = False
    direction: str | None = None

    @property
    def text(self) -> str:
        """Return the lower-cased wording rules are matched against."""
        return f"{self.description} {self.field or ''}".lower()


@dataclass(frozen=True, slots=True)
class Location:
    """A place where the project's goods go or its activities happen (not judged: recorded)."""

    name: str
    country: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Project:
    """A proposed cooperation project, as the project file describes it."""

    title: str
    summary: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    parties: tuple[Party, ...] = ()
    items: tuple[Item, ...] = ()
    activities: tuple[Activity, ...] = ()
    locations: tuple[Location, ...] = ()
    exemption: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""
    notes: tuple[Text, ...] = ()  # remarks found while reading (e.g. HS codes not in HS 2022)


def _as_date(value: Any) -> dt.date | None:
    """Return a date from a YAML date or an ISO string (already validated)."""
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _hs_text(parsed: Parsed, path: str, value: Any) -> str:
    """Return the HS code as written (YAML's 8415.10 must not become 8415.1)."""
    return parsed.raw.get(path, str(value))


class _Reader:
    """Validates a parsed project and builds the typed records."""

    def __init__(self, parsed: Parsed, source: str, nomenclature: Nomenclature | None) -> None:
        self.parsed = parsed
        self.source = source
        self.nomenclature = nomenclature
        self.notes: list[Text] = []

    def problems(self) -> list[Problem]:
        """Return every schema and consistency problem, with line numbers."""
        data = self.parsed.data
        if not isinstance(data, Mapping):
            message = "a project file must be a mapping with title, parties, items..."
            return [Problem("", message, self.parsed.line_of(""))]
        validator = Validator({"hs": self._check_hs})
        found = list(self.parsed.problems) + validator.validate(data, PROJECT_SCHEMA)
        found += _duplicate_ids(data, "items") + _duplicate_ids(data, "activities")
        found += _date_order(data)
        return [Problem(p.path, p.message, p.line or self.parsed.line_of(p.path)) for p in found]

    def _check_hs(self, value: Any, path: str) -> str | None:
        """Format check: the value must be a possible HS code (in HS 2022 when loaded)."""
        try:
            parse_code(_hs_text(self.parsed, path, value), self.nomenclature)
        except HSCodeError as error:
            return str(error)
        return None

    def build(self) -> Project:
        """Build the project (call only when problems() is empty)."""
        data: Mapping[str, Any] = self.parsed.data
        items = tuple(self._item(i, raw) for i, raw in enumerate(data.get("items") or ()))
        return Project(
            title=str(data.get("title") or Path(self.source).stem),
            summary=data.get("summary"),
            start=_as_date(data.get("start")),
            end=_as_date(data.get("end")),
            parties=tuple(Party(**p) for p in data.get("parties") or ()),
            items=items,
            activities=tuple(
                _activity(i, raw) for i, raw in enumerate(data.get("activities") or ())
            ),
            locations=tuple(Location(**raw) for raw in data.get("locations") or ()),
            exemption=dict(data.get("exemption") or {}),
            source=self.source,
            notes=tuple(self.notes),
        )

    def _item(self, index: int, raw: Mapping[str, Any]) -> Item:
        """Build one item, noting subheadings that HS 2022 does not have."""
        hs_text = _hs_text(self.parsed, f"items[{index}].hs", raw["hs"])
        code = parse_code(hs_text, self.nomenclature)
        if self.nomenclature and code.subheading and code.subheading not in self.nomenclature:
            self.notes.append(message("hs_not_2022", path=f"items[{index}].hs", code=code.dotted()))
        return Item(
            id=str(raw.get("id", f"item{index + 1}")),
            hs=code,
            direction=raw["direction"],
            description=raw.get("description") or "",
            quantity=raw.get("quantity"),
            unit=raw.get("unit"),
            value_usd=raw.get("value_usd"),
            temporary=bool(raw.get("temporary")),
            specification=raw.get("specification"),
            hs_text=hs_text,
        )


def _activity(index: int, raw: Mapping[str, Any]) -> Activity:
    """Build one activity."""
    return Activity(
        id=str(raw.get("id", f"activity{index + 1}")),
        kind=raw["kind"],
        description=raw.get("description") or "",
        field=raw.get("field"),
        existing=bool(raw.get("existing")),
        direction=raw.get("direction"),
    )


def _duplicate_ids(data: Mapping[str, Any], key: str) -> list[Problem]:
    """Report ids used twice within items or within activities."""
    seen: dict[str, int] = {}
    problems = []
    entries = data.get(key)
    if not isinstance(entries, list):
        return []
    for index, entry in enumerate(entries):
        if isinstance(entry, Mapping) and "id" in entry:
            ident = str(entry["id"])
            if ident in seen:
                problems.append(
                    Problem(
                        f"{key}[{index}].id",
                        f"id {ident!r} is already used by {key}[{seen[ident]}]",
                    )
                )
            seen.setdefault(ident, index)
    return problems


def _date_order(data: Mapping[str, Any]) -> list[Problem]:
    """Report an end date before the start date."""
    try:
        start, end = _as_date(data.get("start")), _as_date(data.get("end"))
    except (TypeError, ValueError):
        return []
    if start and end and end < start:
        return [Problem("end", f"end ({end}) is before start ({start})")]
    return []


def read_project(
    text: str, fmt: str, source: str = "", nomenclature: Nomenclature | None = None
) -> Project:
    """Parse and check a project text (yaml or json); raise ProjectError with every problem."""
    try:
        parsed = parse_text(text, fmt)
    except ParseError as error:
        raise ProjectError(error.problems, source) from None
    reader = _Reader(parsed, source, nomenclature)
    problems = reader.problems()
    if problems:
        raise ProjectError(problems, source)
    return reader.build()


def load_project(path: Path, nomenclature: Nomenclature | None = None) -> Project:
    """Read a project file (.yaml, .yml or .json)."""
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise ProjectError([Problem("", "project files end in .yaml, .yml or .json")], str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ProjectError([Problem("", "the file is not UTF-8 text")], str(path)) from None
    except OSError as error:
        raise ProjectError(
            [Problem("", f"cannot read the file: {error.strerror}")], str(path)
        ) from None
    return read_project(text, "json" if suffix == ".json" else "yaml", str(path), nomenclature)
