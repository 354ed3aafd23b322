"""Generate ``data/hanja.tsv``, the Korean readings of Han characters, from Unihan.

Run it when the Unicode version changes (Debian's ``unicode-data`` package ships the
Unihan files in ``/usr/share/unicode``; Unicode's own ``Unihan.zip`` works too)::

    python -m wgdesk.screening.korean.make_hanja /usr/share/unicode

Readings come from the ``kHangul`` field of ``Unihan_Readings.txt``: every modern Korean
reading of a character, each tagged with its sources (``0`` KS X 1001, ``1`` KS X 1002,
``N`` the Supreme Court's table of hanja for personal names, ``E`` the basic hanja for
education). A character without a Korean reading (a simplified Chinese form such as 张,
or a Japanese form) borrows the readings of the characters ``Unihan_Variants.txt`` names
as its traditional, Z- or semantic variants (张 -> 張 -> 장); a character that has its
own readings also gets those of its traditional variants after them (叶 -> 葉).

The output is small (about 11,000 lines) and written deterministically, so a
regeneration from the same Unihan version reproduces the committed file byte for byte.
"""

from __future__ import annotations

import argparse
import bz2
import re
import sys
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wgdesk.screening.korean.hangul import is_syllable

DEFAULT_OUT = Path(__file__).with_name("data") / "hanja.tsv"
READINGS_FILE = "Unihan_Readings.txt"
VARIANTS_FILE = "Unihan_Variants.txt"

# Source tags of kHangul, most telling first: the educational reading is the standard
# one, the personal-name table lists the readings names use, KS X 1001 also encodes the
# initial-sound-law duplicates (李 as 이), KS X 1002 is the rare extension set.
TAG_RANK = {"E": 0, "N": 1, "0": 2, "1": 3}
OTHER_TAG_RANK = 4
# Variant fields a character without readings borrows from, most faithful first.
BORROW_FIELDS = ("kTraditionalVariant", "kZVariant", "kSemanticVariant")
# Relations that hold both ways (Unihan lists most, not all, from both ends). The
# traditional-variant link is followed only forwards, from a simplified form to its
# traditional one: backwards it would lend 寧 the reading of 宁 (저), another character.
SYMMETRIC_FIELDS = ("kZVariant", "kSemanticVariant")
_CODE_POINT = re.compile(r"U\+([0-9A-F]{4,6})")


@dataclass(slots=True)
class Unihan:
    """The parts of Unihan the generator needs."""

    version: str = ""
    hangul: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    variants: dict[str, dict[str, list[str]]] = field(default_factory=dict)


def _char(code: str) -> str:
    """Turn ``U+674E`` into the character."""
    match = _CODE_POINT.match(code)
    if match is None:
        raise ValueError(f"not a code point: {code!r}")
    return chr(int(match.group(1), 16))


def _lines(source: Path, name: str) -> Iterator[str]:
    """Yield the lines of one Unihan file from a folder (plain or .bz2) or a zip."""
    if source.suffix == ".zip":
        with zipfile.ZipFile(source) as archive:
            yield from archive.read(name).decode("utf-8").splitlines()
        return
    plain = source / name
    if plain.exists():
        yield from plain.read_text("utf-8").splitlines()
        return
    packed = source / f"{name}.bz2"
    if not packed.exists():
        raise FileNotFoundError(f"neither {plain} nor {packed} exists")
    with bz2.open(packed, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield line.rstrip("\n")


def read_unihan(source: Path) -> Unihan:
    """Read kHangul and the variant fields from a Unihan folder or zip."""
    data = Unihan()
    for line in _lines(source, READINGS_FILE):
        if line.startswith("# Unicode version:"):
            data.version = line.split(":", 1)[1].strip()
        if not line.startswith("U+"):
            continue
        code, key, value = line.split("\t", 2)
        if key == "kHangul":
            data.hangul[_char(code)] = [_reading(entry) for entry in value.split()]
    if not data.version:
        raise ValueError(f"{READINGS_FILE} names no Unicode version")
    for line in _lines(source, VARIANTS_FILE):
        if not line.startswith("U+"):
            continue
        code, key, value = line.split("\t", 2)
        if key in BORROW_FIELDS:
            targets = [_char(entry) for entry in value.split()]
            data.variants.setdefault(_char(code), {})[key] = targets
    return data


def _reading(entry: str) -> tuple[str, str]:
    """Split ``리:0E`` into the reading and its source tags, checking the reading."""
    reading, _, tags = entry.partition(":")
    if len(reading) != 1 or not is_syllable(reading):
        raise ValueError(f"kHangul reading is not one Hangul syllable: {entry!r}")
    return reading, tags


def ranked(readings: Iterable[tuple[str, str]]) -> list[str]:
    """Order a character's readings by their best source tag, Unihan's order breaking ties."""
    indexed = list(enumerate(readings))
    indexed.sort(key=lambda item: (_tag_rank(item[1][1]), item[0]))
    return [reading for _, (reading, _) in indexed]


def _tag_rank(tags: str) -> int:
    """Return the rank of the best tag of a reading."""
    return min((TAG_RANK.get(tag, OTHER_TAG_RANK) for tag in tags), default=OTHER_TAG_RANK)


def symmetric_links(data: Unihan) -> dict[str, dict[str, list[str]]]:
    """Return each character's variants per field, the symmetric relations read both ways."""
    links: dict[str, dict[str, list[str]]] = {}

    def link(a: str, b: str, key: str) -> None:
        targets = links.setdefault(a, {}).setdefault(key, [])
        if b != a and b not in targets:
            targets.append(b)

    for char in sorted(data.variants):
        for key, targets in data.variants[char].items():
            for target in targets:
                link(char, target, key)
    for char in sorted(data.variants):
        for key, targets in data.variants[char].items():
            if key in SYMMETRIC_FIELDS:
                for target in targets:
                    link(target, char, key)
    return links


def build_rows(data: Unihan) -> list[tuple[str, list[str], list[str]]]:
    """Return (character, readings, borrowed-from) for every character with a reading."""
    rows: dict[str, tuple[list[str], list[str]]] = {
        char: (ranked(readings), []) for char, readings in data.hangul.items()
    }
    links = symmetric_links(data)
    for char in sorted(links):
        own = rows.get(char)
        fields = ("kTraditionalVariant",) if own else BORROW_FIELDS
        readings, borrowed = own if own else ([], [])
        for key in fields:
            for variant in links[char].get(key, []):
                if variant not in data.hangul or variant in borrowed:
                    continue
                new = [r for r in ranked(data.hangul[variant]) if r not in readings]
                if new:
                    readings = readings + new
                    borrowed = [*borrowed, variant]
        if readings:
            rows[char] = (readings, borrowed)
    return [(char, *rows[char]) for char in sorted(rows)]


def render(data: Unihan, rows: list[tuple[str, list[str], list[str]]]) -> str:
    """Return the text of hanja.tsv: the header, then one line per character."""
    header = f"""\
# Korean readings of Han characters (hanja), for reading names written in hanja.
# GENERATED by `python -m wgdesk.screening.korean.make_hanja` from the Unicode Han
# Database (Unihan), Unicode {data.version}: the kHangul field of Unihan_Readings.txt and
# the kTraditionalVariant, kZVariant and kSemanticVariant fields of Unihan_Variants.txt.
# Copyright (c) 1991-2022 Unicode, Inc. Distributed under the Unicode licence (see
# LICENSE-Unicode.txt beside this file). MODIFIED from the original: only the Korean
# readings are kept, reordered (educational, then personal-name, then KS X 1001, then
# KS X 1002 readings), and characters without a Korean reading borrow those of their
# variants. Do not edit by hand: regenerate.
# Columns: the character; its readings, most usual first, the initial-sound-law
# duplicates KS X 1001 encodes kept (李: 리 이); the variants whose readings were borrowed.
char\treadings\tvia
"""
    body = "".join(f"{c}\t{' '.join(r)}\t{' '.join(v)}\n" for c, r, v in rows)
    return header + body


def main(argv: list[str] | None = None) -> int:
    """Read Unihan from the given folder or zip and write hanja.tsv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("unihan", type=Path, help="folder with Unihan_*.txt(.bz2), or Unihan.zip")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="file to write")
    args = parser.parse_args(argv)
    data = read_unihan(args.unihan)
    rows = build_rows(data)
    args.out.write_text(render(data, rows), encoding="utf-8")
    borrowed = sum(1 for _, _, via in rows if via)
    print(f"wrote {len(rows)} characters ({borrowed} with borrowed readings) to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
