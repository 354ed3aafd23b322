"""Harmonized System codes: parsing, ranges and the HS 2022 nomenclature.

A code is kept as its digits only (``"860210"``). Users may write it with dots or
spaces (``"8602.10"``, ``"86 02 10"``). Codes have an even number of digits: 2
(chapter), 4 (heading), 6 (subheading) or 8 and 10 (national tariff lines built on
the 6-digit subheading). An odd length almost always means a leading zero was lost
(``808.10`` for ``0808.10``, typical of spreadsheets), so it is rejected with that hint
rather than guessed.
"""

from __future__ import annotations

import csv
import io
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wgdesk import config
from wgdesk.rules.files import atomic_write

VALID_LENGTHS = (2, 4, 6, 8, 10)
RESERVED_CHAPTERS = {"77": "chapter 77 is reserved for future use in the HS"}
NATIONAL_CHAPTERS = ("98", "99")
NOMENCLATURE_FILE = "harmonized-system.csv"
SECTIONS_FILE = "sections.csv"


class HSCodeError(ValueError):
    """An HS code that cannot exist; the message says why."""


@dataclass(frozen=True, slots=True, order=True)
class HSCode:
    """A normalised HS code: 2 to 10 digits, no separators."""

    digits: str

    @property
    def chapter(self) -> str:
        """Return the 2-digit chapter."""
        return self.digits[:2]

    @property
    def heading(self) -> str | None:
        """Return the 4-digit heading, or None for a bare chapter."""
        return self.digits[:4] if len(self.digits) >= 4 else None

    @property
    def subheading(self) -> str | None:
        """Return the 6-digit subheading, or None when the code is shorter."""
        return self.digits[:6] if len(self.digits) >= 6 else None

    def dotted(self) -> str:
        """Return the usual written form: 8602.10, 8602.10.90 or 0808."""
        head, rest = self.digits[:4], self.digits[4:]
        parts = [head] + [rest[i : i + 2] for i in range(0, len(rest), 2)]
        return ".".join(parts)

    def __str__(self) -> str:
        return self.digits


@dataclass(frozen=True, slots=True)
class HSRange:
    """A closed range of codes at one level, e.g. chapters 72-83 or headings 2701-2704."""

    low: str
    high: str

    def contains(self, code: HSCode) -> bool:
        """True when the code lies within the range, or (a coarser code) overlaps it."""
        width = min(len(self.low), len(code.digits))
        # A code coarser than the range ("27" against 2710) may name covered goods, so it
        # counts: a review must not clear goods merely because their code was vague.
        return self.low[:width] <= code.digits[:width] <= self.high[:width]

    @property
    def width(self) -> int:
        """Return how many digits the range compares (its specificity)."""
        return len(self.low)

    def __str__(self) -> str:
        return self.low if self.low == self.high else f"{self.low}-{self.high}"


def _digits(text: str) -> str:
    """Return the code with dots and spaces removed, rejecting any other character."""
    cleaned = "".join(ch for ch in text.strip() if ch not in ". \t")
    if not cleaned:
        raise HSCodeError("HS code is empty")
    bad = sorted({ch for ch in cleaned if not ch.isascii() or not ch.isdigit()})
    if bad:
        shown = ", ".join(repr(ch) for ch in bad)
        raise HSCodeError(
            f"{text.strip()!r} is not an HS code: only digits, dots and spaces are allowed "
            f"(found {shown})"
        )
    return cleaned


def _check_length(text: str, digits: str) -> None:
    """Reject lengths other than 2, 4, 6, 8 or 10, hinting at a lost leading zero."""
    if len(digits) in VALID_LENGTHS:
        return
    if len(digits) > 10:
        raise HSCodeError(f"{text.strip()!r} has {len(digits)} digits; HS codes have at most 10")
    hint = ""
    if len(digits) < 10:
        hint = f"; if a leading zero was dropped, write {HSCode('0' + digits).dotted()!r}"
    raise HSCodeError(
        f"{text.strip()!r} has {len(digits)} digits; HS codes have 2, 4, 6, 8 or 10{hint}"
    )


def _check_chapter(text: str, chapter: str) -> None:
    """Reject chapter 00, the reserved chapter 77 and the national chapters 98-99."""
    if chapter == "00" or int(chapter) > 99:
        raise HSCodeError(f"{text.strip()!r}: chapter {chapter} does not exist (chapters 01-97)")
    if chapter in RESERVED_CHAPTERS:
        raise HSCodeError(f"{text.strip()!r}: {RESERVED_CHAPTERS[chapter]}")
    if chapter in NATIONAL_CHAPTERS:
        raise HSCodeError(
            f"{text.strip()!r}: chapters 98 and 99 are reserved for national use; "
            "give the HS code of the goods themselves"
        )


def parse_code(text: str | int, nomenclature: Nomenclature | None = None) -> HSCode:
    """Parse and normalise one HS code, raising HSCodeError when it cannot exist."""
    raw = str(text)
    digits = _digits(raw)
    _check_length(raw, digits)
    _check_chapter(raw, digits[:2])
    code = HSCode(digits)
    if nomenclature is not None:
        nomenclature.check(code, raw)
    return code


def parse_range(text: str) -> HSRange:
    """Parse ``"84"``, ``"72-83"`` or ``"2701-2704"`` into a range of equal-width codes."""
    low_text, _, high_text = str(text).partition("-")
    low = parse_code(low_text)
    high = parse_code(high_text) if high_text else low
    if len(low.digits) != len(high.digits):
        raise HSCodeError(f"range {text!r} mixes levels ({low.digits} and {high.digits})")
    if low.digits > high.digits:
        raise HSCodeError(f"range {text!r} runs backwards")
    return HSRange(low.digits, high.digits)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the nomenclature: a chapter, heading or subheading."""

    code: str
    description: str
    parent: str
    level: int
    section: str


class Nomenclature:
    """The HS nomenclature (2022 edition): codes, descriptions and sections."""

    def __init__(self, entries: Iterable[Entry], sections: dict[str, str], origin: str) -> None:
        self.entries: dict[str, Entry] = {e.code: e for e in entries}
        self.sections = sections
        self.origin = origin

    @classmethod
    def load(cls, path: Path) -> Nomenclature:
        """Load the datasets/harmonized-system CSV (and sections.csv beside it, if present)."""
        with path.open(encoding="utf-8-sig", newline="") as handle:
            entries = list(_read_entries(handle, str(path)))
        sections_path = path.with_name(SECTIONS_FILE)
        sections: dict[str, str] = {}
        if sections_path.exists():
            with sections_path.open(encoding="utf-8-sig", newline="") as handle:
                sections = _read_sections(handle)
        return cls(entries, sections, str(path))

    @classmethod
    def installed(cls) -> Nomenclature | None:
        """Return the nomenclature downloaded by ``wgdesk hs fetch``, or None if absent."""
        # Reading must not create the data folder, so the path is built without data_dir().
        path = Path(config.get("data_dir")).expanduser() / "hs" / NOMENCLATURE_FILE
        return cls.load(path) if path.exists() else None

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, code: str) -> bool:
        return code in self.entries

    def check(self, code: HSCode, raw: str) -> None:
        """Reject a code whose chapter or heading is not in the nomenclature."""
        for level_code in (code.chapter, code.heading):
            if level_code is not None and level_code not in self.entries:
                raise HSCodeError(
                    f"{raw.strip()!r}: {_level_name(level_code)} {level_code} is not in the "
                    "HS 2022 nomenclature"
                )

    def lineage(self, code: HSCode) -> list[Entry]:
        """Return the known entries from chapter down to the code's deepest known level."""
        found = []
        for width in (2, 4, 6):
            if len(code.digits) >= width and code.digits[:width] in self.entries:
                found.append(self.entries[code.digits[:width]])
        return found

    def describe(self, code: HSCode) -> str | None:
        """Return the description of the deepest known level of the code."""
        lineage = self.lineage(code)
        return lineage[-1].description if lineage else None

    def section_name(self, entry: Entry) -> str | None:
        """Return the name of the section an entry belongs to."""
        return self.sections.get(entry.section)

    def children(self, code: str) -> list[Entry]:
        """Return the entries directly below a chapter or heading, in code order."""
        return sorted((e for e in self.entries.values() if e.parent == code), key=lambda e: e.code)


def _level_name(code: str) -> str:
    """Return 'chapter', 'heading' or 'subheading' for a code's width."""
    return {2: "chapter", 4: "heading"}.get(len(code), "subheading")


def _read_entries(handle: io.TextIOBase | Iterable[str], origin: str) -> Iterator[Entry]:
    """Yield nomenclature entries, skipping blank rows, totals and national extensions."""
    reader = csv.DictReader(handle)
    missing = {"hscode", "description", "parent"} - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"{origin}: not an HS nomenclature CSV (missing {sorted(missing)})")
    for row in reader:
        code = (row.get("hscode") or "").strip()
        if not code.isdigit() or len(code) not in (2, 4, 6):
            continue
        description = " ".join((row.get("description") or "").split())
        parent = (row.get("parent") or "").strip()
        section = (row.get("section") or "").strip()
        yield Entry(code, description, parent, len(code), section)


def _read_sections(handle: io.TextIOBase | Iterable[str]) -> dict[str, str]:
    """Return section number -> name from sections.csv."""
    return {
        (row.get("section") or "").strip(): (row.get("name") or "").strip()
        for row in csv.DictReader(handle)
        if row.get("section")
    }


def _download(url: str) -> bytes:
    """Download one file over HTTPS with the configured timeout."""
    if not url.startswith(("https://", "http://", "file://")):
        raise ValueError(f"refusing to download from {url!r}: not an http(s) or file URL")
    timeout = config.get_float("http_timeout")
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - scheme checked above
        data: bytes = response.read()
    return data


def validate_nomenclature_bytes(data: bytes, origin: str, minimum: int = 5000) -> int:
    """Check downloaded bytes parse as a full nomenclature; return the entry count."""
    text = data.decode("utf-8-sig")
    count = sum(1 for _ in _read_entries(io.StringIO(text, newline=""), origin))
    if count < minimum:
        raise ValueError(f"{origin}: only {count} HS codes found; expected a full nomenclature")
    return count


def fetch(target_dir: Path | None = None, source: str | None = None) -> tuple[Path, int]:
    """Download (or copy from ``source``) the nomenclature into the data folder, atomically."""
    target_dir = target_dir or config.data_dir() / "hs"
    main_url = source or config.get("hs_url")
    sections_url = _sibling(main_url, SECTIONS_FILE) if source else config.get("hs_sections_url")
    data = _read_source(main_url)
    count = validate_nomenclature_bytes(data, main_url)
    sections = _read_source(sections_url)
    if not _read_sections(io.StringIO(sections.decode("utf-8-sig"), newline="")):
        raise ValueError(f"{sections_url}: no HS sections found")
    # The sections file goes first: a nomenclature is never installed without its sections.
    atomic_write(target_dir / SECTIONS_FILE, sections)
    atomic_write(target_dir / NOMENCLATURE_FILE, data)
    return target_dir / NOMENCLATURE_FILE, count


def _sibling(location: str, name: str) -> str:
    """Return the path or URL of a file beside another one."""
    if "://" in location:
        return location.rsplit("/", 1)[0] + "/" + name
    return str(Path(location).with_name(name))


def _read_source(location: str) -> bytes:
    """Read a local path or download a URL."""
    if "://" in location:
        return _download(location)
    return Path(location).read_bytes()
