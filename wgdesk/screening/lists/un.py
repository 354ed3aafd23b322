"""Loader for the UN Security Council consolidated list XML.

The file is parsed as a stream with defusedxml's parser (DTDs, entity declarations and
external references are refused, which defeats entity-expansion bombs and XXE): each
``INDIVIDUAL`` or ``ENTITY`` subtree is built, turned into an `Entry` and dropped, so
memory stays flat. Field mapping is documented in docs/lists.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

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

SOURCE = "un"
# UN dateGenerated: a date, optionally a time with fractions and a zone; nothing longer.
DATE_GENERATED = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?"
)
ROOT_TAG = "CONSOLIDATED_LIST"
_ENTRY_TYPES = {"INDIVIDUAL": EntityType.PERSON, "ENTITY": EntityType.ORGANIZATION}
_ENTRY_DEPTH = 3  # CONSOLIDATED_LIST > INDIVIDUALS > INDIVIDUAL
_NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# UN alias qualities: "Good"/"Low" for individuals, "a.k.a."/"f.k.a." for entities.
_QUALITY_KINDS = {"f.k.a.": NameKind.FORMER}
_CHUNK = 1 << 16

Warn = Callable[[Element, str], None]


def _kids(element: Element) -> dict[str, list[Element]]:
    """Return an element's children grouped by tag, in document order."""
    grouped: dict[str, list[Element]] = {}
    for child in element:
        grouped.setdefault(child.tag, []).append(child)
    return grouped


def _field(kids: dict[str, list[Element]], tag: str) -> str | None:
    """Return the cleaned text of the first child with this tag, or None."""
    found = kids.get(tag)
    return clean(found[0].text) if found else None


def _values(element: Element) -> list[str]:
    """Return the non-empty ``VALUE`` texts of a multi-valued field like NATIONALITY."""
    return [v for v in (clean(child.text) for child in element if child.tag == "VALUE") if v]


def _address(element: Element) -> Address | None:
    """Return an address or place from its STREET/CITY/... children, or None if all are empty."""
    kids = _kids(element)
    address = Address(
        street=_field(kids, "STREET"),
        city=_field(kids, "CITY"),
        state=_field(kids, "STATE_PROVINCE"),
        postal_code=_field(kids, "ZIP_CODE"),
        country=_field(kids, "COUNTRY"),
        note=_field(kids, "NOTE"),
    )
    return address if address.one_line() else None


def _generic_extra(element: Element) -> list[tuple[str, str]]:
    """Return (field, text) pairs for a field the loader does not model, so nothing is lost."""
    key = element.tag.lower()
    if len(element) == 0:
        text = clean(element.text)
        return [(key, text)] if text else []
    values = _values(element)
    if values:
        return [(key, value) for value in values]
    parts = [f"{child.tag.lower()}: {text}" for child in element if (text := clean(child.text))]
    return [(key, "; ".join(parts))] if parts else []


class _EntryBuilder:
    """Collects the fields of one INDIVIDUAL or ENTITY element into an `Entry`."""

    def __init__(self, element: Element, warn: Warn) -> None:
        self.warn = warn
        self.type = _ENTRY_TYPES[element.tag]
        self.prefix = element.tag  # INDIVIDUAL_ALIAS, ENTITY_ADDRESS, ...
        self.names: list[Name] = []
        self.birth_dates: list[BirthDate] = []
        self.birth_places: list[Address] = []
        self.addresses: list[Address] = []
        self.documents: list[Document] = []
        self.nationalities: list[str] = []
        self.designations: list[str] = []
        self.extra: list[tuple[str, str]] = []
        self.gender: str | None = None
        self.listed_on: dt.date | None = None

    def add_alias(self, element: Element) -> None:
        """Add an alias with its quality; empty alias elements (the file has many) add nothing."""
        kids = _kids(element)
        value = _field(kids, "ALIAS_NAME")
        if value is None:
            return
        quality = _field(kids, "QUALITY")
        kind = _QUALITY_KINDS.get((quality or "").lower(), NameKind.ALIAS)
        self.names.append(Name(value, kind, quality, _field(kids, "NOTE")))
        # An alias may carry the birth date or place used under that name.
        note = f"as {value}"
        born = _field(kids, "DATE_OF_BIRTH")
        if born:
            self.add_date_text(element, born, approximate=False, note=note)
        place = Address(
            city=_field(kids, "CITY_OF_BIRTH"), country=_field(kids, "COUNTRY_OF_BIRTH")
        )
        if place.one_line():
            self.birth_places.append(Address(city=place.city, country=place.country, note=note))

    def add_date_text(
        self, element: Element, text: str, *, approximate: bool, note: str | None
    ) -> None:
        """Add a birth date written as an ISO day or a year, warning when it is neither."""
        born = dates.day_or_year(text, approximate=approximate, note=note)
        if born is None:
            self.warn(element, f"date of birth {text!r} is neither a date nor a year; kept as text")
            self.extra.append(("date_of_birth", text))
        else:
            self.birth_dates.append(born)

    def add_birth_date(self, element: Element) -> None:
        """Add a date of birth: an exact day, a year, or a FROM_YEAR..TO_YEAR range."""
        kids = _kids(element)
        kind = (_field(kids, "TYPE_OF_DATE") or "").upper()
        note = _field(kids, "NOTE")
        approximate = kind == "APPROXIMATELY" or (note or "").lower().startswith("approx")
        exact = _field(kids, "DATE") or _field(kids, "YEAR")
        first, last = _field(kids, "FROM_YEAR"), _field(kids, "TO_YEAR")
        if exact:
            self.add_date_text(element, exact, approximate=approximate, note=note)
        elif first or last:
            born = dates.year_range(
                first or last or "", last or first or "", approximate=approximate, note=note
            )
            if born is None:
                self.warn(element, f"year range {first!r} to {last!r} is not valid; kept as text")
                self.extra.append(("date_of_birth", f"{first} to {last}"))
            else:
                self.birth_dates.append(born)
        elif note:
            # e.g. "24/06/1402 (Hijri Calendar)": a date we cannot place on our calendar.
            self.extra.append(("date_of_birth", note))

    def add_document(self, element: Element) -> None:
        """Add an identity document; one without a number is kept as text in `extra`."""
        kids = _kids(element)
        number = _field(kids, "NUMBER")
        first_type, second_type = (
            _field(kids, "TYPE_OF_DOCUMENT"),
            _field(kids, "TYPE_OF_DOCUMENT2"),
        )
        issuing, country_of_issue = (
            _field(kids, "ISSUING_COUNTRY"),
            _field(kids, "COUNTRY_OF_ISSUE"),
        )
        city = _field(kids, "CITY_OF_ISSUE")
        notes = [
            second_type if first_type else None,
            f"issued in {city}" if city else None,
            f"country of issue {country_of_issue}" if issuing and country_of_issue else None,
            _field(kids, "NOTE"),
        ]
        note = "; ".join(n for n in notes if n and n != first_type) or None
        doc_type = first_type or second_type or "document"
        if number is None:
            text = "; ".join(p for p in (first_type or second_type, note) if p)
            if text:
                self.extra.append(("document", text))
            return
        issued = _field(kids, "DATE_OF_ISSUE")
        self.documents.append(Document(doc_type, number, issuing or country_of_issue, issued, note))

    def add_gender(self, element: Element) -> None:
        """Record the gender as "male"/"female"; other wording ("Unknown") stays in `extra`."""
        text = clean(element.text)
        if text and text.lower() in ("male", "female"):
            self.gender = text.lower()
        elif text:
            self.extra.append(("gender", text))

    def add_listed_on(self, element: Element) -> None:
        """Record the listing date, warning when it is not an ISO date."""
        text = clean(element.text)
        if not text:
            return
        self.listed_on = dates.iso_day(text)
        if self.listed_on is None:
            self.warn(element, f"LISTED_ON {text!r} is not a date; kept as text")
            self.extra.append(("listed_on", text))

    def add_child(self, child: Element) -> None:
        """Route one child element to the field it fills."""
        tag = child.tag
        if tag in _SIMPLE_TAGS or tag in _NAME_PARTS:
            return  # read directly in build()
        handler = _HANDLERS.get(
            tag.removeprefix(self.prefix + "_") if tag.startswith(self.prefix) else tag
        )
        if handler is not None:
            handler(self, child)
        else:
            self.extra.extend(_generic_extra(child))

    def build(self, kids: dict[str, list[Element]]) -> Entry:
        """Return the finished entry; the caller has checked the reference and the name."""
        ref = _field(kids, "REFERENCE_NUMBER") or ""
        primary = " ".join(p for p in (_field(kids, t) for t in _NAME_PARTS) if p)
        head = [Name(primary, NameKind.PRIMARY)]
        original = _field(kids, "NAME_ORIGINAL_SCRIPT")
        if original:
            head.append(Name(original, NameKind.ORIGINAL_SCRIPT))
        regime = _field(kids, "UN_LIST_TYPE")
        return Entry(
            source=SOURCE,
            ref=ref,
            type=self.type,
            name=primary,
            names=unique_names(head + self.names),
            regimes=(regime,) if regime else (),
            birth_dates=tuple(self.birth_dates),
            birth_places=tuple(self.birth_places),
            nationalities=tuple(dict.fromkeys(self.nationalities)),
            addresses=tuple(self.addresses),
            documents=tuple(self.documents),
            designations=tuple(self.designations),
            listed_on=self.listed_on,
            remarks=clean_block(kids["COMMENTS1"][0].text) if "COMMENTS1" in kids else None,
            extra=tuple(self.extra),
            gender=self.gender,
        )


def _add_address(builder: _EntryBuilder, element: Element) -> None:
    """Add a postal address unless it is empty (the file has many empty ones)."""
    address = _address(element)
    if address:
        builder.addresses.append(address)


def _add_birth_place(builder: _EntryBuilder, element: Element) -> None:
    """Add a place of birth unless it is empty."""
    place = _address(element)
    if place:
        builder.birth_places.append(place)


def _add_nationalities(builder: _EntryBuilder, element: Element) -> None:
    """Add each nationality VALUE."""
    builder.nationalities.extend(_values(element))


def _add_designations(builder: _EntryBuilder, element: Element) -> None:
    """Add each DESIGNATION VALUE (positions held)."""
    builder.designations.extend(_values(element))


def _add_titles(builder: _EntryBuilder, element: Element) -> None:
    """Add each TITLE VALUE to the designations, and keep them as titles in `extra`."""
    titles = _values(element)
    builder.designations.extend(titles)
    builder.extra.extend(("title", title) for title in titles)


# Handlers by tag, with the INDIVIDUAL_/ENTITY_ prefix removed.
_HANDLERS: dict[str, Callable[[_EntryBuilder, Element], None]] = {
    "ALIAS": _EntryBuilder.add_alias,
    "ADDRESS": _add_address,
    "DATE_OF_BIRTH": _EntryBuilder.add_birth_date,
    "PLACE_OF_BIRTH": _add_birth_place,
    "DOCUMENT": _EntryBuilder.add_document,
    "NATIONALITY": _add_nationalities,
    "DESIGNATION": _add_designations,
    "TITLE": _add_titles,
    "GENDER": _EntryBuilder.add_gender,
    "LISTED_ON": _EntryBuilder.add_listed_on,
}
_SIMPLE_TAGS = frozenset({"REFERENCE_NUMBER", "UN_LIST_TYPE", "NAME_ORIGINAL_SCRIPT", "COMMENTS1"})


class _Collector:
    """A streaming parser target: builds each entry subtree and converts it when it closes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.parser: DefusedXMLParser | None = None
        self.depth = 0
        self.builder: TreeBuilder | None = None
        self.lines: dict[Element, int] = {}
        self.version: str | None = None
        self.entries: list[Entry] = []
        self.ref_lines: dict[str, int] = {}
        self.warnings: list[str] = []

    def line(self) -> int:
        """Return the line the parser is at (exact inside start callbacks)."""
        assert self.parser is not None
        return int(self.parser.parser.CurrentLineNumber)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """Open an element: check the root, and build the subtree of each entry."""
        self.depth += 1
        if self.depth == 1:
            self.check_root(tag, attrs)
        elif self.builder is None and self.depth == _ENTRY_DEPTH and tag in _ENTRY_TYPES:
            self.builder = TreeBuilder()
        if self.builder is not None:
            self.lines[self.builder.start(tag, attrs)] = self.line()

    def check_root(self, tag: str, attrs: dict[str, str]) -> None:
        """Refuse a file whose root is not CONSOLIDATED_LIST or that has no dateGenerated."""
        if tag != ROOT_TAG:
            raise ListFormatError(
                self.path,
                f"not a UN consolidated list: the root element is <{tag}>, expected <{ROOT_TAG}>",
                line=self.line(),
            )
        self.version = clean(attrs.get("dateGenerated"))
        if self.version is None:
            raise ListFormatError(
                self.path, f"<{ROOT_TAG}> has no dateGenerated attribute", line=self.line()
            )
        # The stamp becomes the version label shown everywhere: only a real ISO 8601 time
        # is taken (a 20 MB value once became a label that `lists show` printed in full).
        if not DATE_GENERATED.fullmatch(self.version):
            shown = self.version[:40] + ("..." if len(self.version) > 40 else "")
            raise ListFormatError(
                self.path,
                f"dateGenerated {shown!r} ({len(self.version)} characters) is not an ISO 8601"
                " date or time such as 2025-02-28T23:00:00.000Z",
                line=self.line(),
            )

    def data(self, text: str) -> None:
        """Pass character data to the entry being built."""
        if self.builder is not None:
            self.builder.data(text)

    def end(self, tag: str) -> None:
        """Close an element; when an entry closes, convert it and drop its subtree."""
        self.depth -= 1
        if self.builder is None:
            return
        self.builder.end(tag)
        if self.depth == _ENTRY_DEPTH - 1:
            element = self.builder.close()
            self.builder = None
            self.entries.append(self.convert(element))
            self.lines.clear()

    def close(self) -> None:
        """Finish the document (nothing to return: results are on the collector)."""

    def warn(self, element: Element, message: str) -> None:
        """Record a field-level oddity with its line."""
        self.warnings.append(f"line {self.lines.get(element, 0)}: {message}")

    def convert(self, element: Element) -> Entry:
        """Turn one INDIVIDUAL/ENTITY element into an Entry, refusing ones with no ref or name."""
        line = self.lines[element]
        kids = _kids(element)
        ref = _field(kids, "REFERENCE_NUMBER")
        if ref is None:
            raise ListFormatError(self.path, f"<{element.tag}> has no REFERENCE_NUMBER", line=line)
        if ref in self.ref_lines:
            first = self.ref_lines[ref]
            problem = f"REFERENCE_NUMBER {ref} appears twice (first on line {first})"
            raise ListFormatError(self.path, problem, line=line)
        self.ref_lines[ref] = line
        if not any(_field(kids, tag) for tag in _NAME_PARTS):
            raise ListFormatError(self.path, f"{ref} has no name (FIRST_NAME is empty)", line=line)
        builder = _EntryBuilder(element, self.warn)
        for child in element:
            builder.add_child(child)
        return builder.build(kids)


def _syntax_error(path: Path, error: ParseError, byte_offset: int | None) -> ListFormatError:
    """Describe an XML syntax error (malformed, truncated, bad bytes) with its position."""
    line, column = error.position
    problem = str(error).split(": line ")[0]
    if byte_offset is not None and _bad_utf8_at(path, byte_offset):
        problem = f"bytes that are not valid UTF-8 ({problem})"
    elif problem.startswith(("no element found", "unclosed token")):
        problem = f"the file ends too early, it looks truncated ({problem})"
    return ListFormatError(path, problem, line=line, column=column + 1, byte_offset=byte_offset)


def _bad_utf8_at(path: Path, offset: int) -> bool:
    """Return True when the bytes at an offset do not start a valid UTF-8 character."""
    with path.open("rb") as handle:
        handle.seek(offset)
        chunk = handle.read(4)
    if not chunk or chunk[0] < 0x80:
        return False
    for size in (2, 3, 4):
        try:
            chunk[:size].decode("utf-8")
            return False
        except UnicodeDecodeError:
            continue
    return True


_HOSTILE = {
    "DTDForbidden": "a DOCTYPE declaration (DTDs are refused in list files)",
    "EntitiesForbidden": "an entity declaration (refused: entity expansion attack)",
    "ExternalReferenceForbidden": "a reference to an external entity (refused: XXE attack)",
}


def _parse(path: Path, collector: _Collector) -> str:
    """Feed the file to a defused streaming parser and return its SHA-256.

    Every failure becomes a ListFormatError naming the position.
    """
    parser = DefusedXMLParser(target=collector, forbid_dtd=True)
    collector.parser = parser
    expat = parser.parser
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                parser.feed(chunk)
        parser.close()
    except ParseError as error:
        offset = expat.ErrorByteIndex if expat.ErrorByteIndex >= 0 else None
        raise _syntax_error(path, error, offset) from None
    except DefusedXmlException as error:
        problem = _HOSTILE.get(type(error).__name__, str(error))
        raise ListFormatError(
            path,
            f"hostile XML: {problem}",
            line=expat.CurrentLineNumber,
            column=expat.CurrentColumnNumber + 1,
        ) from None
    return digest.hexdigest()


@gc_paused()
def load_un_xml(path: Path, *, origin: str | None = None) -> ListVersion:
    """Read a UN consolidated list XML file into a ListVersion (version = dateGenerated)."""
    collector = _Collector(path)
    sha256 = _parse(path, collector)
    if collector.version is None or not collector.entries:
        raise ListFormatError(path, "the list has no INDIVIDUAL or ENTITY entries")
    return ListVersion(
        source=SOURCE,
        version=collector.version,
        sha256=sha256,
        origin=origin or str(path),
        entries=tuple(collector.entries),
        warnings=tuple(collector.warnings),
    )
