"""A small, self-contained reader of the UN Security Council consolidated list XML.

The evaluation tools read the list themselves (with defusedxml) rather than through
wgdesk's loaders, so that the evaluation stays independent of the code it measures.
Only the fields that screening uses are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

# UN alias qualities, as printed in the file.
GOOD_QUALITIES = frozenset({"Good", "a.k.a.", ""})
LOW_QUALITY = "Low"
FORMER_QUALITY = "f.k.a."


@dataclass(frozen=True, slots=True)
class Alias:
    """One alias of a UN entry with the list's own quality label."""

    name: str
    quality: str


@dataclass(slots=True)
class UnRecord:
    """One UN list entry (individual or entity), reduced to the fields screening needs."""

    ref: str
    kind: str  # "person" or "entity"
    regime: str
    name_parts: list[str]
    aliases: list[Alias] = field(default_factory=list)
    original_script: str = ""
    birth_dates: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    birth_countries: list[str] = field(default_factory=list)
    address_countries: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """Return the primary name: the UN name parts joined by spaces."""
        return " ".join(self.name_parts)


def _text(node: Element, path: str) -> str:
    """Return the stripped text at ``path`` or an empty string."""
    return (node.findtext(path) or "").strip()


def _values(node: Element, path: str) -> list[str]:
    """Return the non-empty VALUE children under ``path``."""
    return [v.text.strip() for v in node.findall(f"{path}/VALUE") if v.text and v.text.strip()]


def _birth_dates(node: Element) -> list[str]:
    """Return the birth dates as ISO days, years, or 'YYYY..YYYY' ranges."""
    dates: list[str] = []
    for dob in node.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        exact = _text(dob, "DATE") or _text(dob, "YEAR")
        if exact:
            dates.append(exact[:10])
            continue
        start, end = _text(dob, "FROM_YEAR"), _text(dob, "TO_YEAR")
        if start and end:
            dates.append(f"{start}..{end}")
    return dates


def _record(node: Element, kind: str) -> UnRecord:
    """Build one record from an INDIVIDUAL or ENTITY element."""
    parts = [
        _text(node, tag)
        for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
        if _text(node, tag)
    ]
    alias_tag = "INDIVIDUAL_ALIAS" if kind == "person" else "ENTITY_ALIAS"
    address_tag = "INDIVIDUAL_ADDRESS" if kind == "person" else "ENTITY_ADDRESS"
    aliases = []
    for alias in node.findall(alias_tag):
        # The UN separates several names in one alias field with "; ".
        for value in _text(alias, "ALIAS_NAME").split("; "):
            if value.strip():
                aliases.append(Alias(" ".join(value.split()), _text(alias, "QUALITY")))
    return UnRecord(
        ref=_text(node, "REFERENCE_NUMBER"),
        kind=kind,
        regime=_text(node, "UN_LIST_TYPE"),
        name_parts=parts,
        aliases=aliases,
        original_script=_text(node, "NAME_ORIGINAL_SCRIPT"),
        birth_dates=_birth_dates(node),
        nationalities=_values(node, "NATIONALITY"),
        birth_countries=[
            c for c in (_text(p, "COUNTRY") for p in node.findall("INDIVIDUAL_PLACE_OF_BIRTH")) if c
        ],
        address_countries=[
            c for c in (_text(a, "COUNTRY") for a in node.findall(address_tag)) if c
        ],
        titles=_values(node, "TITLE"),
        positions=_values(node, "DESIGNATION"),
    )


def read_un_list(path: Path) -> list[UnRecord]:
    """Read every individual and entity of a UN consolidated list file."""
    root = ElementTree.parse(str(path)).getroot()
    records = [_record(node, "person") for node in root.iter("INDIVIDUAL")]
    records += [_record(node, "entity") for node in root.iter("ENTITY")]
    return records


def dprk_records(records: list[UnRecord]) -> list[UnRecord]:
    """Return the entries of the DPRK (1718) regime."""
    return [r for r in records if r.regime == "DPRK"]
