"""Loader for FollowTheMoney entity files: the line-delimited JSON OpenSanctions publishes.

Each line is one entity, ``{"id", "schema", "properties": {prop: [values]}}``, with
OpenSanctions' optional ``caption``, ``target``, ``datasets`` and ``last_change``; a
nested export may hold related entities inline in place of their ids. Every entity is
checked and cleaned with the ``followthemoney`` package. Only sanctioned targets become
entries (`targets`); the file's other records (Sanction, Address, Identification,
Ownership, ...) give their details. Field mapping and limits are in docs/lists.md.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.property import Property
from followthemoney.proxy import EntityProxy
from followthemoney.schema import Schema
from followthemoney.types import registry

from wgdesk.screening.countries import country_code, country_name
from wgdesk.screening.lists import dates
from wgdesk.screening.lists._text import clean, clean_block, gc_paused, unique_names
from wgdesk.screening.lists.errors import ListFormatError
from wgdesk.screening.model import (
    Address,
    BirthDate,
    Document,
    EntityType,
    Entry,
    ListVersion,
    Name,
    NameKind,
)

# A list source named by the user: lower-case, e.g. "eu_fsf", "gb-hmt", "kr".
SOURCE_NAME = re.compile(r"[a-z][a-z0-9_-]{0,39}")
# Sources whose references mean UN and OFAC numbers: an FtM file may not take them over.
RESERVED_SOURCES = frozenset({"un", "ofac", "all"})
MAX_LINE_BYTES = 8 << 20  # the longest OpenSanctions entity line is well under 1 MB
MAX_NAME_CHARS = 1000  # longer is no name; the matcher would spend its time on it
MAX_VALUE_CHARS = registry.text.max_length  # FtM's own bound on any text value
MAX_NESTING = 8  # inline entities within inline entities, in nested exports
MAX_WARNINGS = 1000  # then a count: the store keeps warnings, a hostile file could send millions
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}(?=$|T)")
_NAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

# FtM schemas screened as entries, most specific first; LegalEntity (a person or a body,
# the list does not say) is read as an organisation.
_ENTRY_SCHEMAS = (
    ("Person", EntityType.PERSON),
    ("Vessel", EntityType.VESSEL),
    ("Airplane", EntityType.AIRCRAFT),
    ("Organization", EntityType.ORGANIZATION),
    ("LegalEntity", EntityType.ORGANIZATION),
)
# Name properties: (property, kind, quality); "weak" marks a weak alias for the matcher.
_NAME_PROPS = (
    ("alias", NameKind.ALIAS, None),
    ("weakAlias", NameKind.ALIAS, "weak"),
    ("previousName", NameKind.FORMER, None),
)
# Properties mapped to their own field, not copied to `extra`.
_MAPPED = frozenset(
    {"name", "alias", "weakAlias", "previousName", "firstName", "middleName", "secondName"}
    | {"lastName", "fatherName", "birthDate", "birthPlace", "birthCountry", "nationality"}
    | {"citizenship", "country", "jurisdiction", "mainCountry", "address", "addressEntity"}
    | {"program", "programId", "notes", "createdAt", "position", "title", "gender"}
    | {"sourceUrl", "sanctions", "indexText"}
)
# Entity properties named in `extra` by OFAC's keys, so both lists read alike.
_EXTRA_KEYS = {
    "callSign": "call_sign",
    "type": "vessel_type",
    "tonnage": "tonnage",
    "grossRegisteredTonnage": "gross_tonnage",
    "flag": "vessel_flag",
    "owner": "vessel_owner",
    "sourceUrl": "source_url",
    "topics": "topics",
}


def check_source(name: str) -> str:
    """Return a source name for an FtM list; refuse one that is not a short lower-case slug."""
    if not SOURCE_NAME.fullmatch(name):
        raise ValueError(
            f"list source {name[:40]!r} must be 1-40 lower-case letters, digits, '_' or '-',"
            " starting with a letter (e.g. eu_fsf)"
        )
    if name in RESERVED_SOURCES:
        raise ValueError(f"list source {name!r} is reserved for the {name.upper()} loader")
    return name


@dataclass
class _Record:
    """One entity of the file, with the line it (first) came from and its top-level flags."""

    proxy: EntityProxy
    line: int
    target: bool | None = None
    datasets: set[str] = field(default_factory=set)
    caption: str | None = None  # OpenSanctions' display name, when the file gives one


@dataclass
class _File:
    """Everything read from an FtM file, before targets are chosen."""

    path: Path
    records: dict[str, _Record] = field(default_factory=dict)
    sha256: str = ""
    last_change: str | None = None
    warnings: list[str] = field(default_factory=list)
    unsaid: int = 0  # warnings beyond MAX_WARNINGS, reported as a count

    def warn(self, warning: str) -> None:
        """Keep a warning, or only count it once MAX_WARNINGS are kept."""
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(warning)
        else:
            self.unsaid += 1

    def all_warnings(self) -> tuple[str, ...]:
        """Return the kept warnings, and how many more there were."""
        more = (f"... and {self.unsaid} more warnings",) if self.unsaid else ()
        return (*self.warnings, *more)


class _Reader:
    """Reads an FtM JSON lines file one bounded line at a time, refusing what is malformed."""

    def __init__(self, path: Path) -> None:
        self.file = _File(path)
        self.line = 0

    def fail(self, problem: str, *, byte_offset: int | None = None) -> ListFormatError:
        """Return a format error at the current line."""
        return ListFormatError(self.file.path, problem, line=self.line, byte_offset=byte_offset)

    def read(self) -> _File:
        """Read the whole file: every line checked, fragments of one entity merged."""
        digest = hashlib.sha256()
        try:
            with self.file.path.open("rb") as handle:
                for offset, raw in self._lines(handle):
                    digest.update(raw)
                    self._line(raw, offset)
        except OSError as error:
            raise ListFormatError(
                self.file.path, f"cannot read the file: {error.strerror}"
            ) from None
        if not self.file.records:
            raise ListFormatError(self.file.path, "the file holds no entities")
        self.file.sha256 = digest.hexdigest()
        return self.file

    def _lines(self, handle: IO[bytes]) -> Iterator[tuple[int, bytes]]:
        """Yield (byte offset, line) pairs, refusing a line longer than MAX_LINE_BYTES."""
        offset = 0
        while raw := handle.readline(MAX_LINE_BYTES + 1):
            self.line += 1
            if len(raw) > MAX_LINE_BYTES:
                raise self.fail(
                    f"the line is longer than {MAX_LINE_BYTES >> 20} MB; an FtM file holds one"
                    " entity per line (is this a JSON array or a pretty-printed file?)",
                    byte_offset=offset,
                )
            yield offset, raw
            offset += len(raw)

    def _line(self, raw: bytes, offset: int) -> None:
        """Parse one line into entities (itself and any nested ones) and keep them."""
        if not raw.strip():
            return
        try:
            text = raw.decode("utf-8-sig" if offset == 0 else "utf-8")
        except UnicodeDecodeError as error:
            bad = raw[error.start : error.start + 1].hex()
            raise self.fail(
                f"byte 0x{bad} is not valid UTF-8", byte_offset=offset + error.start
            ) from None
        try:
            data = json.loads(text)
        except RecursionError:
            raise self.fail("the JSON is nested too deeply") from None
        except ValueError as error:
            if raw.strip() in (b"{", b"["):
                raise self.fail(
                    "this looks like a pretty-printed JSON document; an FtM entity file holds"
                    " one entity per line (OpenSanctions' entities.ftm.json)"
                ) from None
            where = f" (column {error.colno})" if isinstance(error, json.JSONDecodeError) else ""
            raise self.fail(f"not valid JSON{where}: {str(error).split(':')[0]}") from None
        if not isinstance(data, dict):
            raise self.fail(f"expected an FtM entity (a JSON object), found a {_kind(data)}")
        self._entity(data, depth=0)

    def _entity(self, data: dict[str, Any], depth: int) -> str:
        """Check one entity object, keep it (merged with earlier fragments); return its id."""
        if depth > MAX_NESTING:
            raise self.fail(f"entities nested more than {MAX_NESTING} deep")
        entity_id, schema = self._id(data), self._schema(data)
        properties = data.get("properties", {})
        if not isinstance(properties, dict):
            raise self.fail(f"entity {entity_id}: 'properties' must be an object")
        values = {
            prop: self._values(entity_id, schema, prop, raw, depth)
            for prop, raw in properties.items()
        }
        proxy = model.get_proxy({"id": entity_id, "schema": schema.name}, cleaned=False)
        for prop, items in values.items():
            self._add(proxy, prop, items)
        self._keep(proxy, data)
        return entity_id

    def _id(self, data: dict[str, Any]) -> str:
        """Return an entity's id: a non-empty string FtM accepts as an id."""
        entity_id = data.get("id")
        if not isinstance(entity_id, str) or not entity_id.strip():
            raise self.fail("an entity without an 'id' (a non-empty string)")
        if len(entity_id) > registry.entity.max_length or registry.entity.clean(entity_id) is None:
            raise self.fail(f"entity id {entity_id[:40]!r} is not a valid FtM id")
        return entity_id

    def _schema(self, data: dict[str, Any]) -> Schema:
        """Return an entity's FtM schema, refusing an unknown one."""
        name = data.get("schema")
        schema = model.get(name) if isinstance(name, str) else None
        if schema is None:
            shown = name[:40] if isinstance(name, str) else name
            raise self.fail(f"entity {data['id']}: {shown!r} is not a FollowTheMoney schema")
        return schema

    def _values(self, entity_id: str, schema: Schema, prop: str, raw: Any, depth: int) -> list[str]:
        """Return a property's values as strings; nested entities are kept and replaced by ids."""
        model_prop = schema.get(prop)
        if model_prop is None:
            raise self.fail(f"entity {entity_id}: {schema.name} has no property {prop[:40]!r}")
        items = raw if isinstance(raw, list) else [raw]
        found = []
        for item in items:
            if isinstance(item, dict):
                if model_prop.stub and model_prop.reverse is not None:
                    # A nested export puts a Sanction under its target's reverse property
                    # `sanctions`, which FtM does not store: link it the forward way instead.
                    item = _linked(item, model_prop.reverse.name, entity_id)
                item = self._entity(item, depth + 1)  # a nested export's inline entity
            if not isinstance(item, str):
                raise self.fail(
                    f"entity {entity_id}: {prop} holds a {_kind(item)}; FtM values are strings"
                )
            self._check_text(entity_id, prop, item)
            found.append(item)
        return found

    def _check_text(self, entity_id: str, prop: str, value: str) -> None:
        """Refuse a value a list never holds: NUL, lone surrogates, an absurd length."""
        if "\x00" in value:
            raise self.fail(f"entity {entity_id}: {prop} holds a NUL character")
        if _SURROGATE.search(value):
            raise self.fail(f"entity {entity_id}: {prop} holds an unpaired surrogate (\\ud800...)")
        limit = MAX_NAME_CHARS if prop in ("name", "alias", "weakAlias", "previousName") else None
        if len(value) > (limit or MAX_VALUE_CHARS):
            raise self.fail(
                f"entity {entity_id}: a {prop} of {len(value)} characters"
                f" (at most {limit or MAX_VALUE_CHARS})"
            )

    def _add(self, proxy: EntityProxy, prop: str, items: list[str]) -> None:
        """Add values through FtM's cleaning; a value it refuses is kept as a warning."""
        proxy.add(prop, items, quiet=True, fuzzy=False)
        if len(proxy.get(prop)) >= len(set(items)):
            return  # the common case: every value was read (checked one by one only if not)
        kind = proxy.schema.properties[prop].type
        for item in items:
            if item.strip() and kind.clean(item, fuzzy=False, proxy=proxy) is None:
                self.file.warn(
                    f"line {self.line}: entity {proxy.id}: {prop} {item[:60]!r} is not a valid"
                    f" {kind.name}; left out"
                )

    def _keep(self, proxy: EntityProxy, data: dict[str, Any]) -> None:
        """Keep an entity; a second fragment with the same id is merged into the first."""
        target, datasets = data.get("target"), data.get("datasets", [])
        if target is not None and not isinstance(target, bool):
            raise self.fail(f"entity {proxy.id}: 'target' must be true or false")
        if not isinstance(datasets, list) or not all(isinstance(d, str) for d in datasets):
            raise self.fail(f"entity {proxy.id}: 'datasets' must be a list of names")
        self._stamp(data.get("last_change"))
        record = self.file.records.get(str(proxy.id))
        caption = data.get("caption")
        caption = clean(caption) if isinstance(caption, str) else None
        if record is None:
            self.file.records[str(proxy.id)] = _Record(
                proxy, self.line, target, set(datasets), caption
            )
            return
        try:
            record.proxy.merge(proxy)
        except InvalidData:
            raise self.fail(
                f"entity {proxy.id} is a {proxy.schema.name} here but a"
                f" {record.proxy.schema.name} on line {record.line}"
            ) from None
        if target is not None:
            record.target = bool(record.target) or target
        record.datasets |= set(datasets)

    def _stamp(self, value: Any) -> None:
        """Keep the latest OpenSanctions `last_change` day, the file's best version stamp."""
        match = _STAMP.match(value) if isinstance(value, str) else None
        if match and (self.file.last_change is None or match[0] > self.file.last_change):
            self.file.last_change = match[0]


def _linked(data: dict[str, Any], prop: str, entity_id: str) -> dict[str, Any]:
    """Return a copy of an inline entity whose `prop` also names `entity_id`."""
    properties = data.get("properties")
    if not isinstance(properties, dict):
        return data  # refused when the entity itself is read
    values = properties.get(prop, [])
    values = [*values, entity_id] if isinstance(values, list) else [values, entity_id]
    return {**data, "properties": {**properties, prop: values}}


def _kind(value: Any) -> str:
    """Return the JSON kind of a value, for messages."""
    kinds: tuple[tuple[type, str], ...] = ((bool, "boolean"), (int, "number"), (float, "number"))
    kinds += ((str, "string"), (list, "list"), (dict, "object"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "null")


def entry_type(schema: Schema) -> EntityType | None:
    """Return the entry type of a screenable schema, or None for any other schema."""
    return next((kind for name, kind in _ENTRY_SCHEMAS if schema.is_a(name)), None)


def _sanctioned(records: dict[str, _Record]) -> set[str]:
    """Return the ids a Sanction record names."""
    return {
        entity
        for record in records.values()
        if record.proxy.schema.is_a("Sanction")
        for entity in record.proxy.get("entity")
    }


def targets(found: _File) -> list[_Record]:
    """Return the sanctioned targets of a file, in file order; the rule is in docs/lists.md.

    With OpenSanctions' `target` flags, the flagged entities; otherwise those a Sanction
    record names or whose topics include `sanction`; with no such marking at all, every
    person, organisation, vessel and aircraft. Other schemas are never entries.
    """
    records = list(found.records.values())
    if any(r.target is not None for r in records):
        marked = [r for r in records if r.target]
    else:
        named = _sanctioned(found.records)
        marked = [r for r in records if r.proxy.id in named or "sanction" in _topics(r)]
    chosen = [r for r in marked if entry_type(r.proxy.schema) is not None]
    if not marked:
        chosen = [r for r in records if entry_type(r.proxy.schema) is not None]
        if chosen:
            found.warnings.append(
                "no entity is marked as sanctioned (no 'target' flag, Sanction record or"
                " 'sanction' topic): every person, organisation, vessel and aircraft is"
                " loaded as a listed entry"
            )
    skipped = sorted({r.proxy.schema.name for r in marked if entry_type(r.proxy.schema) is None})
    if skipped:
        found.warnings.append(
            f"{len(marked) - len(chosen)} sanctioned targets of schema {', '.join(skipped)}"
            " are not screened (only persons, organisations, vessels and aircraft are)"
        )
    return chosen


def _topics(record: _Record) -> list[str]:
    """Return an entity's topics."""
    return _get(record.proxy, "topics")


class _Related:
    """The file's non-target records, indexed by the target each one describes."""

    def __init__(self, records: dict[str, _Record]) -> None:
        self.records = records
        self.by_target: dict[str, list[tuple[str, EntityProxy]]] = {}
        for record in records.values():
            proxy = record.proxy
            for prop in proxy.iterprops():
                if prop.type is not registry.entity or prop.stub:
                    continue
                for ref in proxy.get(prop):
                    self.by_target.setdefault(ref, []).append((prop.name, proxy))

    def of(self, entity_id: str, schema: str, prop: str | None = None) -> list[EntityProxy]:
        """Return the records of a schema that point at an entity (through `prop`, if given)."""
        return [
            proxy
            for via, proxy in self.by_target.get(entity_id, [])
            if proxy.schema.is_a(schema) and (prop is None or via == prop)
        ]

    def caption(self, entity_id: str) -> str:
        """Return the name of an entity of the file, or its id when the file lacks it."""
        record = self.records.get(entity_id)
        return record.proxy.caption if record is not None else entity_id

    def get(self, entity_id: str) -> EntityProxy | None:
        """Return an entity of the file by id."""
        record = self.records.get(entity_id)
        return record.proxy if record is not None else None


def _country_name(code: str) -> str:
    """Return an FtM country code as a name the matcher reads back to the same country.

    FtM's caption where the country table knows it ("kp" -> "North Korea"), else the ISO
    name ("ps" -> "Palestine, State of", where FtM says "Palestine"); a code outside ISO
    3166 ("suhh", "ua-cri") keeps FtM's caption ("Soviet Union").
    """
    caption = registry.country.caption(code) or code
    if country_code(caption) == code.upper():
        return caption
    return country_name(code) or caption


def _country_names(codes: list[str]) -> list[str]:
    """Return FtM country codes as country names (see _country_name)."""
    return [_country_name(code) for code in codes]


def _get(proxy: EntityProxy, prop: str) -> list[str]:
    """Return a property's values, or none when the entity's schema lacks the property."""
    return proxy.get(prop, quiet=True)


def _names(record: _Record, path: Path) -> list[Name]:
    """Return an entity's names, the primary first: the caption, else its first name."""
    proxy = record.proxy
    given = [c for v in _get(proxy, "name") if (c := clean(v))]
    if not given:
        parts = ("firstName", "secondName", "middleName", "fatherName", "lastName")
        joined = clean(" ".join(v for p in parts for v in _get(proxy, p)))
        given = [joined] if joined else []
    if not given:
        problem = f"entity {proxy.id} ({proxy.schema.name}) has no name"
        raise ListFormatError(path, problem, line=record.line)
    primary = record.caption if record.caption in given else given[0]
    found = [Name(primary, NameKind.PRIMARY)]
    found += [Name(value, _script_kind(value)) for value in given if value != primary]
    for prop, kind, quality in _NAME_PROPS:
        for value in _get(proxy, prop):
            if (text := clean(value)) is not None:
                found.append(
                    Name(text, _script_kind(text) if kind is NameKind.ALIAS else kind, quality)
                )
    return found


def _script_kind(name: str) -> NameKind:
    """Return ORIGINAL_SCRIPT for a name written in another script than Latin (김철삼, Ким),
    as the UN list marks NAME_ORIGINAL_SCRIPT; else ALIAS."""
    letters = [c for c in name if c.isalpha()]
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return NameKind.ALIAS if not letters or latin == len(letters) else NameKind.ORIGINAL_SCRIPT


def _birth_dates(values: list[str], warn: Callable[[str], None], where: str) -> list[BirthDate]:
    """Return FtM dates ("1960", "1960-04", "1960-04-12") as birth dates."""
    found = []
    for value in values:
        text = value[:10]
        born = dates.day_or_year(text)
        if born is None and re.fullmatch(r"\d{4}-\d{2}", text):
            first = dt.date.fromisoformat(f"{text}-01")
            last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            born = BirthDate(first, last - dt.timedelta(days=1), text)
        if born is None:
            warn(f"{where}: birth date {value[:60]!r} is not a date; left out")
        else:
            found.append(born)
    return found


def _address(proxy: EntityProxy) -> Address:
    """Return an FtM Address entity as an Address."""

    def first(prop: str) -> str | None:
        return clean(next(iter(proxy.get(prop)), None))

    country = _country_names(proxy.get("country"))
    parts = Address(
        street=first("street"),
        city=first("city"),
        state=first("region") or first("state"),
        postal_code=first("postalCode"),
        country=country[0] if country else None,
        note=first("remarks"),
    )
    if parts.street or parts.city:
        return parts
    return Address(street=first("full"), country=parts.country, note=parts.note)


@functools.cache
def _label(prop: Property) -> str:
    """Return a property's English label (FtM translates it on every call)."""
    return str(prop.label)


def _documents(proxy: EntityProxy, related: _Related) -> list[Document]:
    """Return identifiers: identifier properties, and Identification/Passport records."""
    found = []
    for prop in proxy.iterprops():
        if prop.type is registry.identifier or prop.name == "passportNumber":
            vessel = prop.name == "imoNumber" and proxy.schema.is_a("Vessel")
            label = "IMO" if vessel else _label(prop)
            found += [Document(label, v) for v in proxy.get(prop) if clean(v)]
    for record in related.of(str(proxy.id), "Identification", "holder"):
        number = clean(next(iter(record.get("number")), None))
        if number is None:
            continue
        kind = clean(next(iter(record.get("type")), None)) or record.schema.label
        country = _country_names(record.get("country"))
        issued = next(iter(record.get("startDate")), None)
        note = clean(next(iter(record.get("authority")), None))
        found.append(Document(kind, number, country[0] if country else None, issued, note))
    return list(dict.fromkeys(found))


def _sanction_facts(proxy: EntityProxy, related: _Related) -> dict[str, list[str]]:
    """Return what the entity's Sanction records say: programmes, dates, reasons, links."""
    facts: dict[str, list[str]] = {}
    sanctions = related.of(str(proxy.id), "Sanction", "entity")
    for sanction in dict.fromkeys(sanctions):
        for prop, values in sanction.properties.items():
            if prop != "entity":
                facts.setdefault(prop, []).extend(values)
    return {key: list(dict.fromkeys(values)) for key, values in facts.items()}


def _listed_on(proxy: EntityProxy, sanction: dict[str, list[str]]) -> dt.date | None:
    """Return the earliest full listing day: Sanction listingDate/startDate, else createdAt."""
    for values in (
        sanction.get("listingDate", []) + sanction.get("startDate", []),
        proxy.get("createdAt"),
    ):
        days = sorted(d for v in values if (d := dates.iso_day(v[:10])) is not None)
        if days:
            return days[0]
    return None


def _remarks(proxy: EntityProxy, sanction: dict[str, list[str]]) -> str | None:
    """Return the entity's notes, then the sanctions' reasons, as one text."""
    blocks = [clean_block(v) for v in [*proxy.get("notes"), *sanction.get("reason", [])]]
    kept = list(dict.fromkeys(b for b in blocks if b))
    return "\n\n".join(kept) or None


def _countries(proxy: EntityProxy, entity_type: EntityType) -> tuple[list[str], list[Address]]:
    """Return nationalities (persons) and country-only addresses from country properties."""

    def get(prop: str) -> list[str]:
        return _get(proxy, prop)

    if entity_type is EntityType.PERSON:
        nationalities = _country_names(get("nationality") + get("citizenship"))
    else:
        nationalities = []
    others = get("country") + get("jurisdiction") + get("mainCountry")
    places = [Address(country=name) for name in _country_names(others)]
    return list(dict.fromkeys(nationalities)), places


def _extra(
    proxy: EntityProxy, related: _Related, sanction: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """Return every other property, links to related entities and sanction details."""
    extra: list[tuple[str, str]] = []
    for prop in proxy.iterprops():
        if prop.name in _MAPPED and prop.name not in ("sourceUrl",):
            continue
        if prop.type is registry.identifier or prop.name == "passportNumber" or prop.stub:
            continue
        key = _EXTRA_KEYS.get(prop.name, prop.name)
        for value in proxy.get(prop):
            shown = related.caption(value) if prop.type is registry.entity else value
            if prop.type is registry.country:
                shown = registry.country.caption(value) or value
            extra.append((key, shown))
    if not proxy.get("sourceUrl"):
        extra += [("source_url", url) for url in sanction.get("sourceUrl", [])]
    for name in ("authority", "programId", "provisions", "status", "endDate", "unscId"):
        extra += [(f"sanction_{name}", v) for v in sanction.get(name, [])]
    for via, link in related.by_target.get(str(proxy.id), []):
        source, target = link.schema.source_prop, link.schema.target_prop
        if source is None or target is None or link.schema.is_a("Occupancy"):
            continue  # not a link between two parties (Occupancy gives a position)
        other = target if via == source.name else source
        extra += [
            ("linked_to", f"{link.schema.label}: {related.caption(r)}") for r in link.get(other)
        ]
    return list(dict.fromkeys(extra))


def _positions(proxy: EntityProxy, related: _Related) -> list[str]:
    """Return positions and titles, with the posts of Occupancy records."""
    found = [*_get(proxy, "position"), *_get(proxy, "title")]
    for occupancy in related.of(str(proxy.id), "Occupancy", "holder"):
        found += [related.caption(post) for post in occupancy.get("post")]
    return list(dict.fromkeys(c for v in found if (c := clean(v))))


def _entry(source: str, record: _Record, related: _Related, found: _File) -> Entry:
    """Build one Entry from a target entity and the records that describe it."""
    proxy = record.proxy
    entity_type = entry_type(proxy.schema)
    assert entity_type is not None  # targets() keeps only screenable schemas
    where = f"line {record.line}: entity {proxy.id}"
    sanction = _sanction_facts(proxy, related)
    nationalities, places = _countries(proxy, entity_type)
    addresses = [Address(street=c) for v in proxy.get("address") if (c := clean(v))]
    addresses += [_address(a) for i in proxy.get("addressEntity") if (a := related.get(i))]
    covered = {a.country for a in addresses}
    addresses += [p for p in places if p.country not in covered]
    birth_places = [Address(note=c) for v in _get(proxy, "birthPlace") if (c := clean(v))]
    birth_places += [Address(country=c) for c in _country_names(_get(proxy, "birthCountry"))]
    programs = proxy.get("program") + sanction.get("program", [])
    programs = programs or proxy.get("programId") + sanction.get("programId", [])
    gender = next(iter(_get(proxy, "gender")), None)
    extra = _extra(proxy, related, sanction)
    if gender not in (None, "male", "female"):
        extra.append(("gender", str(gender)))
    names = _names(record, found.path)
    return Entry(
        source=source,
        ref=str(proxy.id),
        type=entity_type,
        name=names[0].value,
        names=unique_names(names),
        regimes=tuple(dict.fromkeys(c for p in programs if (c := clean(p)))),
        birth_dates=tuple(_birth_dates(_get(proxy, "birthDate"), found.warn, where)),
        birth_places=tuple(dict.fromkeys(birth_places)),
        nationalities=tuple(nationalities),
        addresses=tuple(dict.fromkeys(a for a in addresses if a.one_line())),
        documents=tuple(_documents(proxy, related)),
        designations=tuple(_positions(proxy, related)),
        listed_on=_listed_on(proxy, sanction),
        remarks=_remarks(proxy, sanction),
        extra=tuple(extra),
        gender=gender if gender in ("male", "female") else None,
    )


def _source(found: _File, chosen: list[_Record], source: str | None) -> str:
    """Return the source name: the one given, else the one dataset every target names."""
    if source is not None:
        try:
            return check_source(source)
        except ValueError as error:
            raise ListFormatError(found.path, str(error)) from None
    datasets = {d for r in chosen for d in r.datasets}
    if len(datasets) == 1 and all(r.datasets for r in chosen):
        name = next(iter(datasets))
        if SOURCE_NAME.fullmatch(name) and name not in RESERVED_SOURCES:
            return name
    named = f" (its entities name {len(datasets)} datasets)" if datasets else ""
    raise ListFormatError(
        found.path,
        f"this FollowTheMoney file does not say which list it is{named}: name it with"
        " --source NAME, e.g. `wgdesk lists load --source eu_fsf FILE`",
    )


def version_label(path: Path, found: _File) -> str:
    """Return the version label: the newest `last_change` day (else a date in the file name)
    and the first 12 hex digits of the content hash, e.g. ``2025-04-19+1a2b3c4d5e6f``."""
    short = found.sha256[:12]
    day = found.last_change
    if day is None and (match := _NAME_DATE.search(path.name)):
        day = match[1]
    return f"{day}+{short}" if day else f"sha256:{short}"


@gc_paused()
def load_ftm_json(
    path: Path,
    *,
    source: str | None = None,
    version: str | None = None,
    origin: str | None = None,
) -> ListVersion:
    """Read an FtM entity file (JSON lines) into a ListVersion of its sanctioned targets."""
    if source is not None:
        _source(_File(path), [], source)  # a bad name is refused before the file is read
    found = _Reader(path).read()
    chosen = targets(found)
    if not chosen:
        raise ListFormatError(
            path,
            f"none of the {len(found.records)} entities is a sanctioned person, organisation,"
            " vessel or aircraft (see docs/lists.md, FollowTheMoney)",
        )
    name = _source(found, chosen, source)
    related = _Related(found.records)
    entries = tuple(_entry(name, record, related, found) for record in chosen)
    return ListVersion(
        source=name,
        version=version or version_label(path, found),
        sha256=found.sha256,
        origin=origin or str(path),
        entries=entries,
        warnings=found.all_warnings(),
    )
