"""The fixed vocabularies of the project file and the field categories of disciplines.

Activity kinds and item directions are the contract's (``contracts.md`` §2). Field
categories sort a free-text discipline ("nuclear engineering", "forestry", "의학") into
the groups the resolutions treat differently: 2270 OP17 and 2321 OP10 (teaching),
2321 OP11 (scientific and technical cooperation) and medical exchanges.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from wgdesk.rules.model import Text, contains_any
from wgdesk.yamlio import load_yaml

DIRECTIONS = ("to_dprk", "from_dprk")
# An activity may also be done between third parties, neither to nor from the DPRK (a
# flight a Southern ministry charters from a Southern airline); goods always cross.
THIRD_PARTY = "third_party"
ACTIVITY_DIRECTIONS = (*DIRECTIONS, THIRD_PARTY)
ACTIVITY_KINDS = (
    "joint_venture",
    "cooperative_entity",
    "investment",
    "scientific_cooperation",
    "training",
    "financial_support",
    "banking",
    "worker_employment",
    "vessel_charter",
    "crew_services",
    "ship_to_ship_transfer",
    "vessel_registration",
    "fishing_rights",
    "humanitarian_assistance",
    "other",
)
OTHER_FIELD = "other"


@dataclass(frozen=True, slots=True)
class FieldCategory:
    """A group of disciplines with the words that identify them."""

    name: str
    label: Text
    keywords: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Labels for kinds and directions, and the field categories."""

    kinds: Mapping[str, Text]
    directions: Mapping[str, Text]
    field_categories: Mapping[str, FieldCategory]

    @classmethod
    def bundled(cls) -> Vocabulary:
        """Return the packaged vocabulary (vocabulary.yaml)."""
        return _bundled()

    def categorize(self, text: str | None) -> frozenset[str]:
        """Return the categories a discipline falls into, or {'other'} when none fits."""
        lowered = (text or "").lower()
        found = {
            c.name for c in self.field_categories.values() if contains_any(lowered, c.keywords)
        }
        return frozenset(found or {OTHER_FIELD})

    def category_label(self, name: str, lang: str) -> str:
        """Return the display name of a field category."""
        if name in self.field_categories:
            return self.field_categories[name].label.get(lang)
        return "other field" if lang != "ko" else "기타 분야"


def _texts(data: Mapping[str, Any]) -> dict[str, Text]:
    """Build a name -> bilingual label mapping."""
    return {k: Text(v["en"], v["ko"]) for k, v in data.items()}


@cache
def _bundled() -> Vocabulary:
    """Read the packaged vocabulary once."""
    raw = resources.files("wgdesk.rules").joinpath("vocabulary.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(raw)
    kinds = _texts(data["activity_kinds"])
    directions = _texts(data["directions"])
    if tuple(kinds) != ACTIVITY_KINDS or tuple(directions) != ACTIVITY_DIRECTIONS:
        raise ValueError("vocabulary.yaml does not list the contract's kinds and directions")
    categories = {
        name: FieldCategory(name, Text(c["en"], c["ko"]), tuple(k.lower() for k in c["keywords"]))
        for name, c in data["field_categories"].items()
    }
    return Vocabulary(kinds, directions, categories)
