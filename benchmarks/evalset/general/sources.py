"""Read the real lists into one small model: every entry with its names, as the lists write them.

The UN consolidated XML files go through this evaluation package's own reader
(``benchmarks/evalset/unxml.py``); the OFAC SDN CSV trio (sdn.csv, alt.csv, add.csv) is
read here with the standard ``csv`` module. Nothing here imports wgdesk's loaders or
matcher, so the set stays independent of the code it measures.

An entry is identified across files by its ``uid`` (``un:QDi.096``, ``ofac:12345``). When
two UN files hold the same reference, the names of both are pooled: a name the UN used
in 2020 and dropped by 2025 still names the same entity.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from benchmarks.evalset.unxml import UnRecord, read_un_list

PRIMARY, ALIAS, FORMER, ORIGINAL = "primary", "alias", "former", "original"
PERSON, ORGANIZATION, VESSEL, AIRCRAFT = "person", "organization", "vessel", "aircraft"
UN_FILES = ("un_consolidated_2025-04-19.xml", "un_consolidated_2020-11-30.xml")
OFAC_FILES = ("ofac_sdn_2021-04.csv", "ofac_alt_2021-04.csv", "ofac_add_2021-04.csv")
OFAC_EMPTY = "-0-"
OFAC_TYPES = {"individual": PERSON, "vessel": VESSEL, "aircraft": AIRCRAFT}
# Text the UN puts inside alias fields that is not part of any name.
_UN_NOISE = re.compile(r"\b(original script|previously listed as)\s*:?\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ListedName:
    """One name of an entry: its text, where it sits, and the list's quality label."""

    text: str
    kind: str  # primary | alias | former | original
    quality: str = ""
    of: str = ""  # for an original-script name: the Latin name the list gives it for


@dataclass(frozen=True, slots=True)
class Listed:
    """One listed entity with every name the lists give it."""

    uid: str
    type: str  # person | organization | vessel | aircraft
    names: tuple[ListedName, ...]
    programs: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # nationality, birth and address countries, as written

    @property
    def source(self) -> str:
        """Return "un" or "ofac"."""
        return self.uid.split(":", 1)[0]

    @property
    def primary(self) -> str:
        """Return the entry's primary name."""
        return self.names[0].text


@lru_cache(maxsize=1 << 16)
def script_of(text: str) -> str:
    """Return the main script of a text ("LATIN", "ARABIC", "CYRILLIC", "CJK", ...)."""
    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            word = unicodedata.name(char, "UNKNOWN").split()[0]
            counts[word] = counts.get(word, 0) + 1
    if not counts:
        return "NONE"
    return max(sorted(counts), key=lambda k: counts[k])


def _tidy(text: str) -> str:
    """Collapse spaces and strip the stray commas and brackets the lists leave around names."""
    text = " ".join(_UN_NOISE.sub("", text).split())
    return text.strip(" ,;.()[]").strip() if text.strip(" ,;()[]") else ""


_UN_REF = re.compile(r"\(?\b[A-Z]{2}[IiEe]\.\d{3}\b\)?")
_NOTE = re.compile(r"\b(passport|born|date of|expiry|issued)\b|\d{4}", re.IGNORECASE)
# Labels the UN writes in brackets after an original-script name: not names.
_LANGUAGE_LABELS = frozenset({"tigrinya", "arabic", "pashto", "dari", "urdu", "russian", "farsi"})
_ARABIC_RUN = re.compile(
    r"[^\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]+|[\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff][^A-Za-z]*"
)


def split_scripts(text: str) -> list[str]:
    """Split "Latin name (original-script name)" and similar mixtures into separate names.

    Brackets split a name only when the bracketed part is in another script
    (``華信船務(香港)有限公司`` stays whole); a UN alias field listing several names
    ("Abdurezak, Abdelrazaq, Abdulrazak") or adding a note (", born in ...") is cut.
    """
    text = re.split(r",\s*born\b|\s+-\s+sub-unit name", text, flags=re.IGNORECASE)[0]
    text = _UN_REF.sub("", text)
    if _NOTE.search(text):
        return []  # a UN alias field holding a date or a passport note, not a name
    outside = _tidy(re.sub(r"\([^()]*\)?", " ", text))
    inside = [_tidy(p) for p in re.findall(r"\(([^()]*)\)?", text)]
    pieces = [p for p in (outside, *inside) if p]
    if len({script_of(p) for p in pieces}) <= 1:
        # Same script: only a bracketed acronym is a name of its own ("... TIMUR (MIT)").
        acronyms = [p for p in inside if p.isupper() and p.isalpha() and len(p) <= 7]
        if outside and acronyms:
            pieces = [outside, *acronyms]
        else:  # one name; a bracket left open by the list is dropped
            balanced = text.count("(") == text.count(")")
            pieces = [_tidy(text if balanced else re.sub(r"[()]", " ", text))]
    names: list[str] = []
    for piece in pieces:
        if piece.lower() in _LANGUAGE_LABELS:
            continue
        # "Agha Jan Alizai اغا جان عالیزی": a Latin run and an Arabic-script run, unbracketed.
        for run in _ARABIC_RUN.findall(piece) if script_of(piece) == "LATIN" else [piece]:
            run = _tidy(run)
            if run and any(c.isalpha() for c in run):
                names.append(run)
    return names


def _add(
    names: list[ListedName], seen: set[str], text: str, kind: str, quality: str, of: str = ""
) -> None:
    """Append the names in one list field once each (by exact text).

    A non-Latin name is marked as original script and linked to the Latin name of the
    same field ("Ibrahim Hassan Tali Asiri (إبراهيم حسن طالع عسيري)"), or to ``of``.
    """
    pieces = split_scripts(text)
    latin = next((p for p in pieces if script_of(p) == "LATIN"), of)
    for piece in pieces:
        if piece in seen or script_of(piece) == "NONE":
            continue
        seen.add(piece)
        if script_of(piece) == "LATIN":
            names.append(ListedName(piece, kind, quality))
        else:
            names.append(ListedName(piece, ORIGINAL, quality, latin))


def _un_names(records: Sequence[UnRecord]) -> tuple[ListedName, ...]:
    """Pool the names of one reference across UN files, the newest file's primary first."""
    names: list[ListedName] = []
    seen: set[str] = set()
    for record in records:
        # The UN fills an empty name part with "na" in a few entries.
        primary = " ".join(p for p in record.name_parts if p.lower() != "na")
        _add(names, seen, primary, PRIMARY if not names else ALIAS, "")
        for alias in record.aliases:
            kind = FORMER if alias.quality == "f.k.a." else ALIAS
            # Several names in one UN alias field: "Abdurezak, Abdelrazaq, Abdulrazak".
            texts = alias.name.split(",") if alias.name.count(",") >= 2 else [alias.name]
            for text in (t for part in texts for t in part.split(";")):
                _add(names, seen, text, kind, alias.quality)
        if record.original_script:  # the original of the primary name
            primary = names[0].text if names else ""
            _add(names, seen, record.original_script, ORIGINAL, "", primary)
    return tuple(names)


def read_un(paths: Iterable[Path]) -> list[Listed]:
    """Read UN files (newest first) into entries, pooling names per reference."""
    by_ref: dict[str, list[UnRecord]] = {}
    for path in paths:
        for record in read_un_list(path):
            if record.ref and record.name:
                by_ref.setdefault(record.ref, []).append(record)
    entries = []
    for ref in sorted(by_ref):
        records = by_ref[ref]
        first = records[0]
        countries = [*first.nationalities, *first.birth_countries, *first.address_countries]
        entries.append(
            Listed(
                uid=f"un:{ref}",
                type=PERSON if first.kind == "person" else ORGANIZATION,
                names=_un_names(records),
                programs=(first.regime,),
                countries=tuple(dict.fromkeys(countries)),
            )
        )
    return entries


def _csv_rows(path: Path) -> list[list[str]]:
    """Read an OFAC CSV file (no header; UTF-8, or Latin-1 in old files)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    rows = csv.reader(io.StringIO(text))
    # The files end with a DOS end-of-file byte (0x1A) on a line of its own.
    return [row for row in rows if len(row) > 1 and row[0].strip()]


def _value(text: str) -> str:
    """Return a cell's text, with OFAC's "-0-" for empty read as ""."""
    text = " ".join(text.split())
    return "" if text == OFAC_EMPTY else text


_COUNTRY_FACTS = re.compile(r"(?:nationality|citizen|POB)\s+([^;]+)", re.IGNORECASE)


def _remark_countries(remarks: str) -> list[str]:
    """Return the countries named by nationality, citizenship and place-of-birth remarks."""
    return [m.group(1).split(",")[-1].strip(" .") for m in _COUNTRY_FACTS.finditer(remarks)]


def read_ofac(sdn: Path, alt: Path, add: Path) -> list[Listed]:
    """Read the OFAC SDN CSV files into entries with their alternative names."""
    alts: dict[str, list[tuple[str, str]]] = {}
    for row in _csv_rows(alt):
        if len(row) >= 4 and _value(row[3]):
            alts.setdefault(row[0].strip(), []).append((_value(row[2]).lower(), _value(row[3])))
    places: dict[str, list[str]] = {}
    for row in _csv_rows(add):
        if len(row) >= 5 and _value(row[4]):
            places.setdefault(row[0].strip(), []).append(_value(row[4]))
    entries = []
    for row in _csv_rows(sdn):
        ent_num, primary = row[0].strip(), _value(row[1])
        if not primary:
            continue
        names: list[ListedName] = []
        seen: set[str] = set()
        _add(names, seen, primary, PRIMARY, "")
        for alt_type, text in alts.get(ent_num, []):
            _add(names, seen, text, FORMER if alt_type == "fka" else ALIAS, alt_type)
        countries = [*places.get(ent_num, []), *_remark_countries(_value(row[11]))]
        programs = tuple(p.strip(" []") for p in _value(row[3]).split("] [") if p.strip(" []"))
        entries.append(
            Listed(
                uid=f"ofac:{ent_num}",
                type=OFAC_TYPES.get(_value(row[2]).lower(), ORGANIZATION),
                names=tuple(names),
                programs=programs,
                countries=tuple(dict.fromkeys(countries)),
            )
        )
    return entries


def read_all(folder: Path) -> list[Listed]:
    """Read every list file the set is built from, UN first, in a fixed order."""
    entries = read_un([folder / name for name in UN_FILES])
    entries += read_ofac(*(folder / name for name in OFAC_FILES))
    return entries


def missing_files(folder: Path) -> list[Path]:
    """Return the list files that are not in the folder."""
    return [folder / name for name in (*UN_FILES, *OFAC_FILES) if not (folder / name).exists()]
