"""A project entered in the desk's form, as the project file of docs/project-file.md.

The form holds text; this module turns it into the file's mapping (numbers, dates and
booleans where the text is one, everything else as written, so the engine's own checks
judge it and report with the CLI's messages), writes it as YAML, and reads a file back
into the form's rows. Rows left empty are dropped; ``Rows`` remembers which form row
each entry came from, so a problem at ``items[1].hs`` is shown on the right field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from wgdesk.rules.project import EXEMPTION_FIELDS
from wgdesk.rules.sourcemap import Parsed

TOP_FIELDS = ("title", "summary", "start", "end")
PARTY_FIELDS = ("name", "role", "type", "country", "birth_date", "nationality")
ITEM_FIELDS = (
    "id",
    "description",
    "hs",
    "direction",
    "quantity",
    "unit",
    "value_usd",
    "temporary",
    "specification",
)
ACTIVITY_FIELDS = ("id", "kind", "description", "field", "existing", "direction")
ROW_FIELDS = {"parties": PARTY_FIELDS, "items": ITEM_FIELDS, "activities": ACTIVITY_FIELDS}
NUMBERS = frozenset({"quantity", "value_usd", "shipments"})
DATES = frozenset({"start", "end"})
FLAGS = frozenset({"temporary", "existing"})
_INTEGER = re.compile(r"[+-]?\d+\Z")
_PATH = re.compile(r"(parties|items|activities)\[(\d+)\](?:\.(\w+))?\Z")


def value_of(name: str, raw: Any) -> Any:
    """The file's value for a form field: a number, date or flag when the text is one.

    Text that is not what the field needs stays text, so the engine rejects it with the
    message the CLI gives ("expected number or null, got string"), rather than a second,
    different message from the form.
    """
    if name in FLAGS:
        return True if raw else None
    text = str(raw if raw is not None else "").strip()
    if not text:
        return None
    if name in NUMBERS:
        return _number(text)
    if name in DATES:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _number(text: str) -> int | float | str:
    """An int or float from its text; the text itself when it is not a number."""
    if _INTEGER.match(text):
        return int(text)
    try:
        number = float(text)
    except ValueError:
        return text
    return number if number == number and abs(number) != float("inf") else text


def entry(fields: Iterable[str], row: Mapping[str, Any]) -> dict[str, Any]:
    """One party, item or activity: its filled fields in the file's order."""
    out = {}
    for name in fields:
        value = value_of(name, row.get(name))
        if value is not None:
            out[name] = value
    return out


@dataclass
class Rows:
    """The project's mapping, and for each list the form row of each entry."""

    data: dict[str, Any]
    origin: dict[str, list[int]] = field(default_factory=dict)

    def locate(self, path: str) -> tuple[str, int | None, str | None]:
        """Where a problem belongs: ("items", form row, field), or (top field, None, None).

        Paths outside the lists (``title``, ``exemption.shipments``) come back whole.
        """
        found = _PATH.match(path)
        if found is None:
            return path, None, None
        key, index, name = found.group(1), int(found.group(2)), found.group(3)
        rows = self.origin.get(key, [])
        return key, rows[index] if index < len(rows) else None, name


def build(
    top: Mapping[str, Any],
    rows: Mapping[str, Iterable[Mapping[str, Any] | None]],
    exemption: Mapping[str, Any],
) -> Rows:
    """The project file's mapping from the form: empty rows (None or blank) dropped."""
    data = {name: v for name in TOP_FIELDS if (v := value_of(name, top.get(name))) is not None}
    origin: dict[str, list[int]] = {}
    for key, fields in ROW_FIELDS.items():
        entries, kept = [], []
        for number, row in enumerate(rows.get(key, ())):
            values = entry(fields, row) if row else {}
            if values:
                entries.append(values)
                kept.append(number)
        if entries:
            data[key], origin[key] = entries, kept
    block = entry(EXEMPTION_FIELDS, exemption)
    if block:
        data["exemption"] = block
    return Rows(data, origin)


def dump(data: Mapping[str, Any]) -> str:
    """The mapping as a YAML project file (UTF-8 text, keys in the contract's order)."""
    text: str = yaml.safe_dump(
        dict(data), allow_unicode=True, sort_keys=False, default_flow_style=False, width=100
    )
    return text


def _text(value: Any) -> Any:
    """A file value as the form shows it: dates in ISO form, flags kept, the rest as text."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


FormRows = tuple[dict[str, Any], dict[str, list[dict[str, Any]]], dict[str, Any]]


def form_rows(parsed: Parsed) -> FormRows:
    """A checked project file as the form's initial data: top fields, rows, exemption block.

    HS codes come as written in the file (``8415.10``, not the 8415.1 YAML would read).
    """
    data: Mapping[str, Any] = parsed.data
    top = {name: _text(data.get(name)) for name in TOP_FIELDS if data.get(name) is not None}
    rows: dict[str, list[dict[str, Any]]] = {}
    for key, fields in ROW_FIELDS.items():
        rows[key] = []
        for index, raw in enumerate(data.get(key) or ()):
            row = {name: _text(raw[name]) for name in fields if raw.get(name) is not None}
            if "hs" in row:
                row["hs"] = parsed.raw.get(f"{key}[{index}].hs", row["hs"])
            rows[key].append(row)
    block = data.get("exemption") or {}
    exemption = {
        name: _text(block[name]) for name in EXEMPTION_FIELDS if block.get(name) is not None
    }
    return top, rows, exemption
