"""Entries to and from JSON-ready values: a compact form for the store, a readable one for people.

The compact form writes each record as a positional array (a name is
``[value, kind, quality, note]``) and omits empty fields, so the store stays small and
reading ~10,000 entries back costs one `json.loads` per entry and no key lookups per
name. The readable form (`entry_to_json`) names every field and is what `lists diff
--format json` prints.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict
from enum import Enum
from typing import Any

from wgdesk.screening.model import (
    Address,
    BirthDate,
    Document,
    EntityType,
    Entry,
    Name,
    NameKind,
)

_ADDRESS_FIELDS = ("street", "city", "state", "postal_code", "country", "note")
# Plain dict lookups: calling the enum class per name costs more than the JSON parsing.
_KINDS = {kind.value: kind for kind in NameKind}
_TYPES = {kind.value: kind for kind in EntityType}


def _name_row(name: Name) -> list[Any]:
    """Return a name as [value, kind, quality, note]."""
    return [name.value, name.kind.value, name.quality, name.note]


def _date_row(born: BirthDate) -> list[Any]:
    """Return a birth date as [earliest, latest, text, approximate, note]."""
    return [
        born.earliest.isoformat(),
        born.latest.isoformat(),
        born.text,
        born.approximate,
        born.note,
    ]


def _address_row(address: Address) -> list[str | None]:
    """Return an address as [street, city, state, postal_code, country, note]."""
    return [getattr(address, f) for f in _ADDRESS_FIELDS]


def _document_row(document: Document) -> list[str | None]:
    """Return a document as [type, number, country, issued, note]."""
    return [document.type, document.number, document.country, document.issued, document.note]


def encode_entry(entry: Entry) -> str:
    """Return the compact JSON text of an entry (source is stored with its list version)."""
    data: dict[str, Any] = {
        "ref": entry.ref,
        "type": entry.type.value,
        "name": entry.name,
        "names": [_name_row(n) for n in entry.names],
        "regimes": list(entry.regimes),
        "birth_dates": [_date_row(b) for b in entry.birth_dates],
        "birth_places": [_address_row(a) for a in entry.birth_places],
        "nationalities": list(entry.nationalities),
        "addresses": [_address_row(a) for a in entry.addresses],
        "documents": [_document_row(d) for d in entry.documents],
        "designations": list(entry.designations),
        "listed_on": entry.listed_on.isoformat() if entry.listed_on else None,
        "remarks": entry.remarks,
        "extra": [list(pair) for pair in entry.extra],
        "gender": entry.gender,
    }
    compact = {key: value for key, value in data.items() if value not in (None, [])}
    return json.dumps(compact, ensure_ascii=False, separators=(",", ":"))


def _birth_date(row: list[Any]) -> BirthDate:
    """Rebuild a birth date from its compact row."""
    return BirthDate(
        dt.date.fromisoformat(row[0]), dt.date.fromisoformat(row[1]), row[2], row[3], row[4]
    )


def decode_entry(source: str, text: str) -> Entry:
    """Rebuild an entry from its compact JSON text."""
    data = json.loads(text)
    get = data.get
    listed_on = get("listed_on")
    return Entry(
        source=source,
        ref=data["ref"],
        type=_TYPES[data["type"]],
        name=data["name"],
        names=tuple(Name(v, _KINDS[k], q, n) for v, k, q, n in data["names"]),
        regimes=tuple(get("regimes", ())),
        birth_dates=tuple(_birth_date(row) for row in get("birth_dates", ())),
        birth_places=tuple(Address(*row) for row in get("birth_places", ())),
        nationalities=tuple(get("nationalities", ())),
        addresses=tuple(Address(*row) for row in get("addresses", ())),
        documents=tuple(Document(*row) for row in get("documents", ())),
        designations=tuple(get("designations", ())),
        listed_on=dt.date.fromisoformat(listed_on) if listed_on else None,
        remarks=get("remarks"),
        extra=tuple((key, value) for key, value in get("extra", ())),
        gender=get("gender"),
    )


def _plain(value: Any) -> Any:
    """Return a value ready for json.dumps: ISO dates, plain strings, lists, no empty keys."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v not in (None, [], (), "")}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def entry_to_json(entry: Entry) -> dict[str, Any]:
    """Return an entry as a readable JSON-ready dict, every field named."""
    data: dict[str, Any] = _plain(asdict(entry))
    if entry.extra:
        data["extra"] = [{"field": key, "value": value} for key, value in entry.extra]
    return data
