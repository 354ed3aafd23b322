"""Loader for OFAC's SDN list in the legacy CSV files: sdn.csv with its companions.

The files have no header row; their columns are fixed by OFAC's data specification:
- sdn.csv: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
  GRT, Vess_flag, Vess_owner, Remarks;
- alt.csv: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks;
- add.csv: ent_num, add_num, address, city/state/postal code, country, add_remarks;
- sdn_comments.csv: ent_num, Remarks_Extended: the rest of a Remarks field sdn.csv cut
  at 1,000 characters (mid-word, so the two are joined as they are).
"-0-" marks an empty field. The companions are found beside sdn.csv by swapping "sdn"
for "alt"/"add"/"sdn_comments" in the file name (``SDN.CSV`` -> ``ALT.CSV``,
``ofac_sdn_2021-04.csv`` -> ``ofac_alt_2021-04.csv``, ``sdn.csv`` -> ``sdn_comments.csv``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from wgdesk.screening.lists._text import (
    clean,
    clean_block,
    gc_paused,
    line_of_offset,
    unique_names,
)
from wgdesk.screening.lists.errors import ListFormatError
from wgdesk.screening.lists.ofac_remarks import parse_remarks
from wgdesk.screening.model import Address, EntityType, Entry, ListVersion, Name, NameKind

T = TypeVar("T")
SOURCE = "ofac"
EMPTY = "-0-"
SDN_COLUMNS = (
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
)
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
ADD_COLUMNS = ("ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks")
COMMENTS_COLUMNS = ("ent_num", "Remarks_Extended")
COMPANIONS = ("alt", "add", "comments")
_SHAPES = {len(SDN_COLUMNS): "sdn.csv", len(ALT_COLUMNS): "alt.csv", len(ADD_COLUMNS): "add.csv"}
_SHAPES[len(COMMENTS_COLUMNS)] = "sdn_comments.csv"
# sdn.csv cuts Remarks at this many characters; sdn_comments.csv holds the rest.
REMARKS_CUT = 1000
_TYPES = {
    "individual": EntityType.PERSON,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
    "": EntityType.ORGANIZATION,  # "-0-": OFAC leaves the type empty for entities
}
_ALT_KINDS = {"aka": NameKind.ALIAS, "nka": NameKind.ALIAS, "fka": NameKind.FORMER}
# sdn.csv columns kept verbatim in Entry.extra (vessel details).
_VESSEL_COLUMNS = {5: "call_sign", 6: "vessel_type", 7: "tonnage", 8: "gross_tonnage"}
_VESSEL_COLUMNS |= {9: "vessel_flag", 10: "vessel_owner"}
_ROLE = re.compile(r"(?<![a-z0-9])(sdn(?:[_-]comments)?|alt|add)(?![a-z0-9])", re.IGNORECASE)
_NAME_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{8})(?!\d)")


def _value(text: str) -> str | None:
    """Return a field's text, or None for OFAC's "-0-" and blanks."""
    if text.startswith(EMPTY) and text.strip() == EMPTY:
        return None  # most fields of most rows: checked before the general clean-up
    return clean(text)


def ofac_role(path: Path) -> str | None:
    """Return "sdn", "alt", "add" or "comments" when the file name says which OFAC file it is."""
    match = _ROLE.search(path.name)
    if not match:
        return None
    role = match[1].lower()
    return "comments" if role.endswith("comments") else role


def companion(sdn_path: Path, role: str) -> Path | None:
    """Return the alt/add/sdn_comments.csv beside an sdn.csv, or None when there is none."""
    match = _ROLE.search(sdn_path.name)
    if not match or match[1].lower() != "sdn":
        return None
    token = "sdn_comments" if role == "comments" else role
    token = token.upper() if match[1].isupper() else token
    wanted = sdn_path.name[: match.start()] + token + sdn_path.name[match.end() :]
    candidate = sdn_path.with_name(wanted)
    if candidate.is_file():
        return candidate
    # Files copied from Windows may have any case ("Alt.csv").
    for sibling in sdn_path.parent.iterdir():
        if sibling.name.lower() == wanted.lower() and sibling.is_file():
            return sibling
    return None


def version_label(sdn_path: Path, sha256: str, published: dt.date | None = None) -> str:
    """Return the version label: a publication date when known, plus a content hash.

    The legacy CSV carries no publication date, and file times change when files are
    copied, so the label is the date from the file name (``ofac_sdn_2021-04.csv``) or the
    server's Last-Modified day when fetched, followed by the first 12 hex digits of the
    content hash, e.g. ``2021-04+1a2b3c4d5e6f``; with no date, ``sha256:1a2b3c4d5e6f``.
    """
    short = sha256[:12]
    if published is not None:
        return f"{published.isoformat()}+{short}"
    match = _NAME_DATE.search(sdn_path.name)
    return f"{match[1]}+{short}" if match else f"sha256:{short}"


@dataclass
class _CsvFile:
    """One decoded CSV file and what we learned reading it."""

    path: Path
    sha256: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, fields)


def _decode(path: Path, data: bytes) -> str:
    """Return the file's text, naming the line and byte of the first undecodable byte."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad = data[error.start : error.start + 1].hex()
        raise ListFormatError(
            path,
            f"byte 0x{bad} is not valid UTF-8 (is this an OFAC CSV?)",
            line=line_of_offset(data, error.start),
            byte_offset=error.start,
        ) from None
    # A NUL is never part of a name: it ends strings in C tools and hides the rest of a
    # name from them (and often means a UTF-16 file or a damaged download).
    nul = text.find("\x00")
    if nul >= 0:
        offset = len(text[:nul].encode("utf-8"))
        raise ListFormatError(
            path,
            "a NUL character (byte 0x00) in the text; a list file never holds one",
            line=line_of_offset(data, offset),
            byte_offset=offset,
        )
    # OFAC ends its files with an MS-DOS end-of-file mark (Ctrl-Z).
    return text.rstrip().rstrip("\x1a")


def _read_csv(path: Path, columns: tuple[str, ...]) -> _CsvFile:
    """Read and check one OFAC CSV: every row has the expected columns and a numeric ent_num."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ListFormatError(path, f"cannot read the file: {error.strerror}") from None
    text = _decode(path, data)
    if text.lstrip().startswith("<"):
        raise ListFormatError(path, "this is XML, not an OFAC CSV (a UN list is loaded as XML)")
    result = _CsvFile(path, hashlib.sha256(data).hexdigest())
    for line, row in _rows(path, text):
        _check_row(path, line, row, columns)
        result.rows.append((line, row))
    if not result.rows:
        raise ListFormatError(path, "the file has no rows")
    return result


def _rows(path: Path, text: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (line, fields) for each non-blank record, skipping a header row if present."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if row[0].strip().lower() == "ent_num":
                continue  # a header some copies add; OFAC's own files have none
            yield reader.line_num, row
    except csv.Error as error:
        raise ListFormatError(path, f"broken CSV: {error}", line=reader.line_num) from None


def _check_row(path: Path, line: int, row: list[str], columns: tuple[str, ...]) -> None:
    """Refuse a row of the wrong width or without a numeric ent_num."""
    if len(row) != len(columns):
        expected = _SHAPES[len(columns)]
        fields = ", ".join(columns)
        problem = (
            f"expected {len(columns)} fields as in OFAC's {expected} ({fields}), found {len(row)}"
        )
        other = _SHAPES.get(len(row))
        if other and other != expected:
            problem += f"; this row looks like OFAC's {other}"
        raise ListFormatError(path, problem, line=line)
    if not row[0].strip().isdigit():
        raise ListFormatError(path, f"ent_num {row[0].strip()!r} is not a number", line=line)


def _programs(text: str) -> tuple[str, ...]:
    """Split OFAC's Program field ("SDGT] [IFSR", written without the outer brackets)."""
    value = _value(text)
    if value is None:
        return ()
    parts = (p.strip(" []") for p in value.split("] ["))
    return tuple(dict.fromkeys(p for p in parts if p))


def _alt_name(row: list[str]) -> Name | None:
    """Return the alternative name an alt.csv row gives, or None when it is empty."""
    value = _value(row[3])
    if value is None:
        return None
    alt_type = (_value(row[2]) or "aka").lower()
    return Name(value, _ALT_KINDS.get(alt_type, NameKind.ALIAS), alt_type, _value(row[4]))


def _add_address(row: list[str]) -> Address | None:
    """Return the address an add.csv row gives, or None when it is empty."""
    address = Address(
        street=_value(row[2]), city=_value(row[3]), country=_value(row[4]), note=_value(row[5])
    )
    return address if address.one_line() else None


def _by_entry(
    csv_file: _CsvFile | None,
    known: set[str],
    build: Callable[[list[str]], T | None],
    warnings: list[str],
) -> dict[str, list[T]]:
    """Group a companion file's rows by ent_num, warning about rows of unknown entries."""
    grouped: dict[str, list[T]] = {}
    if csv_file is None:
        return grouped
    for line, row in csv_file.rows:
        ent_num = row[0].strip()
        if ent_num not in known:
            where = f"{csv_file.path.name} line {line}"
            warnings.append(f"{where}: ent_num {ent_num} is not in sdn.csv; ignored")
        elif (item := build(row)) is not None:
            grouped.setdefault(ent_num, []).append(item)
    return grouped


def _entry(
    path: Path,
    line: int,
    row: list[str],
    names: list[Name],
    addresses: list[Address],
    warnings: list[str],
    rest: str = "",
) -> Entry:
    """Build one Entry from an sdn.csv row, its alt.csv names, add.csv addresses and the
    rest of its remarks from sdn_comments.csv."""
    ent_num = row[0].strip()
    primary = _value(row[1])
    if primary is None:
        raise ListFormatError(path, f"ent_num {ent_num} has no SDN_Name", line=line)
    raw_type = (_value(row[2]) or "").lower()
    entity_type = _TYPES.get(raw_type)
    if entity_type is None:
        warnings.append(
            f"{path.name} line {line}: unknown SDN_Type {raw_type!r}; read as an entity"
        )
        entity_type = EntityType.ORGANIZATION
    remarks = clean_block(row[11] + rest if rest else row[11])
    remarks = None if remarks == EMPTY else remarks
    facts = parse_remarks(remarks or "")
    warnings.extend(f"{path.name} line {line}: {problem}" for problem in facts.problems)
    extra = [(key, v) for col, key in _VESSEL_COLUMNS.items() if (v := _value(row[col]))]
    title = _value(row[4])
    return Entry(
        source=SOURCE,
        ref=ent_num,
        type=entity_type,
        name=primary,
        names=unique_names([Name(primary, NameKind.PRIMARY), *names, *facts.names]),
        regimes=_programs(row[3]),
        birth_dates=tuple(facts.birth_dates),
        birth_places=tuple(facts.birth_places),
        nationalities=tuple(dict.fromkeys(facts.nationalities)),
        addresses=tuple(addresses),
        documents=tuple(facts.documents),
        designations=(title,) if title else (),
        remarks=remarks,
        extra=tuple(extra + facts.extra),
        gender=facts.gender,
    )


def _ent_nums(sdn: _CsvFile) -> set[str]:
    """Return the entry numbers of sdn.csv, refusing a number used twice."""
    first_lines: dict[str, int] = {}
    for line, row in sdn.rows:
        ent_num = row[0].strip()
        if ent_num in first_lines:
            problem = f"ent_num {ent_num} appears twice (first on line {first_lines[ent_num]})"
            raise ListFormatError(sdn.path, problem, line=line)
        first_lines[ent_num] = line
    return set(first_lines)


def _combined_sha(files: list[_CsvFile | None]) -> str:
    """Return one SHA-256 for the files, so the same files always give the same hash."""
    digest = hashlib.sha256()
    for role, csv_file in zip(("sdn", "alt", "add", "comments"), files, strict=False):
        if role == "comments" and csv_file is None:
            continue  # so a trio without sdn_comments.csv keeps the hash it always had
        digest.update(f"{role}:{csv_file.sha256 if csv_file else '-'}\n".encode())
    return digest.hexdigest()


def _comment(row: list[str]) -> str | None:
    """Return the remarks continuation an sdn_comments.csv row gives (kept as written)."""
    text = row[1]
    return None if not text.strip() or text.strip() == EMPTY else text


def _cut_remarks(sdn: _CsvFile, comments: dict[str, list[str]]) -> list[str]:
    """Warn about remarks cut at 1,000 characters whose rest is missing."""
    cut = [
        f"{sdn.path.name} line {line}: ent_num {row[0].strip()}: Remarks are cut at"
        f" {REMARKS_CUT} characters and sdn_comments.csv gives no rest"
        for line, row in sdn.rows
        if len(row[11]) >= REMARKS_CUT and row[0].strip() not in comments
    ]
    return cut


@gc_paused()
def load_ofac_csv(
    sdn_path: Path,
    *,
    version: str | None = None,
    published: dt.date | None = None,
    origin: str | None = None,
) -> ListVersion:
    """Read sdn.csv (with alt.csv and add.csv found beside it) into a ListVersion."""
    if ofac_role(sdn_path) in COMPANIONS:
        raise ListFormatError(
            sdn_path,
            "this is an OFAC alt.csv/add.csv/sdn_comments.csv companion; load the sdn.csv"
            " beside it",
        )
    sdn = _read_csv(sdn_path, SDN_COLUMNS)
    alt_path, add_path = companion(sdn_path, "alt"), companion(sdn_path, "add")
    comments_path = companion(sdn_path, "comments")
    alt = _read_csv(alt_path, ALT_COLUMNS) if alt_path else None
    add = _read_csv(add_path, ADD_COLUMNS) if add_path else None
    comments = _read_csv(comments_path, COMMENTS_COLUMNS) if comments_path else None
    warnings = [
        f"no {role}.csv beside {sdn_path.name}: {what} not loaded"
        for role, what, found in (("alt", "aliases", alt), ("add", "addresses", add))
        if found is None
    ]
    known = _ent_nums(sdn)
    names = _by_entry(alt, known, _alt_name, warnings)
    addresses = _by_entry(add, known, _add_address, warnings)
    rests = _by_entry(comments, known, _comment, warnings)
    warnings += _cut_remarks(sdn, rests)
    entries = []
    for line, row in sdn.rows:
        ent_num = row[0].strip()
        parts = names.get(ent_num, []), addresses.get(ent_num, [])
        rest = "".join(rests.get(ent_num, []))
        entries.append(_entry(sdn_path, line, row, *parts, warnings, rest))
    files = [sdn, alt, add, comments]
    sha256 = _combined_sha(files)
    return ListVersion(
        source=SOURCE,
        version=version or version_label(sdn_path, sha256, published),
        sha256=sha256,
        origin=origin or " + ".join(str(f.path) for f in files if f),
        entries=tuple(entries),
        warnings=tuple(warnings),
    )
