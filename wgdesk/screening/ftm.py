"""List entries as FollowTheMoney entities, and FollowTheMoney schemas as entry types.

FollowTheMoney (FtM) is the data model of OpenSanctions and its matching server, yente.
The desk speaks it at its edges: the yente-compatible API describes list entries as FtM
entities, and FtM entity files are loaded as lists (``lists/ftm.py``). Values go through
the ``followthemoney`` package's own cleaning, so what we emit is what an FtM client
would accept: a value the model cannot read (a birth date "1957 to 1960") is left out
rather than sent malformed.
"""

from __future__ import annotations

from typing import Any

from followthemoney import model
from followthemoney.schema import Schema

from wgdesk.screening.countries import is_placeholder
from wgdesk.screening.model import Address, EntityType, Entry, NameKind

# The FtM schema each of our entry types is written as.
SCHEMA_OF_TYPE = {
    EntityType.PERSON: "Person",
    EntityType.ORGANIZATION: "Organization",
    EntityType.VESSEL: "Vessel",
    EntityType.AIRCRAFT: "Airplane",
}
# Document types (as lists word them) that FtM has a property for; others go to idNumber.
_DOCUMENT_PROPS = (("passport", "passportNumber"), ("imo", "imoNumber"), ("tax", "taxNumber"))


# What lists designate: a query's schema must be one of these or a narrower one.
_MATCHABLE = ("LegalEntity", "Vessel", "Airplane")


class SchemaError(ValueError):
    """A schema name FtM does not know, or one that names no person, body, ship or plane."""


def matchable_schema(name: str) -> Schema:
    """Return the FtM schema of a query; it must be one that can be matched (a Thing)."""
    schema = model.get(name) if isinstance(name, str) else None
    if schema is None:
        raise SchemaError(f"{name!r} is not a FollowTheMoney schema")
    if not (schema.matchable and any(schema.is_a(n) for n in _MATCHABLE)):
        raise SchemaError(
            f"schema {name} names nothing a list designates "
            f"(use one of {', '.join(_MATCHABLE)} or a narrower one)"
        )
    return schema


def entry_type(schema: Schema) -> EntityType | None:
    """Return the entry type a schema asks for; None for a broad one (LegalEntity, Thing)."""
    for kind, name in SCHEMA_OF_TYPE.items():
        if schema.is_a(name):
            return kind
    # Companies and public bodies are organisations in FtM; our lists say organisation.
    if schema.name in ("Company", "PublicBody"):
        return EntityType.ORGANIZATION
    return None


def entity_id(entry: Entry) -> str:
    """Return the FtM id of an entry: its list and reference, e.g. ``un-KPi.033``."""
    return f"{entry.source}-{entry.ref}"


def _address(address: Address) -> str:
    """Return an address on one line."""
    return address.one_line()


def entity_of(entry: Entry) -> dict[str, Any]:
    """Return an entry as an FtM entity (id, schema, properties), values cleaned by FtM."""
    proxy = model.make_entity(SCHEMA_OF_TYPE[entry.type])
    proxy.id = entity_id(entry)
    add = proxy.add
    for name in entry.names:
        prop = {NameKind.PRIMARY: "name", NameKind.FORMER: "previousName"}.get(name.kind, "alias")
        add(prop, name.value, quiet=True)
    add("topics", "sanction", quiet=True)
    add("program", list(entry.regimes), quiet=True)
    add("notes", entry.remarks, quiet=True)
    # An FtM list's source page; FtM's URL cleaning drops anything but a web address.
    add("sourceUrl", [v for k, v in entry.extra if k == "source_url"], quiet=True)
    add("createdAt", entry.listed_on.isoformat() if entry.listed_on else None, quiet=True)
    add("address", [_address(a) for a in entry.addresses], quiet=True)
    countries = [a.country for a in entry.addresses if a.country]
    add("country", [c for c in countries if not is_placeholder(c)], quiet=True)
    if entry.type is EntityType.PERSON:
        add("birthDate", [d.text for d in entry.birth_dates], quiet=True)
        add("birthPlace", [_address(p) for p in entry.birth_places], quiet=True)
        # The UN writes "na" (not available) for an unknown nationality: FtM reads Namibia.
        add("nationality", [n for n in entry.nationalities if not is_placeholder(n)], quiet=True)
        add("position", list(entry.designations), quiet=True)
        add("gender", entry.gender, quiet=True)
    for document in entry.documents:
        kind = document.type.lower()
        prop = next((p for word, p in _DOCUMENT_PROPS if word in kind), "idNumber")
        if not proxy.schema.get(prop):
            prop = "registrationNumber" if proxy.schema.get("registrationNumber") else "idNumber"
        add(prop, document.number, quiet=True)
    data: dict[str, Any] = proxy.to_dict()
    data["caption"] = entry.name
    return data
