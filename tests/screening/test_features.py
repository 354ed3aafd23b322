"""The features table is the matcher's one home for its numbers, and documented whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from wgdesk.screening.features import FEATURES, describe, feature

DOC = Path(__file__).resolve().parents[2] / "docs" / "screening.md"


def test_every_feature_is_documented_with_its_value() -> None:
    text = DOC.read_text(encoding="utf-8")
    for found in FEATURES:
        row = f"| `{found.name}` | {found.kind.value} | {found.value:g} | {found.description} |"
        assert row in text, f"docs/screening.md lacks or misstates {found.name}"


def test_feature_names_are_unique_and_looked_up() -> None:
    names = [f.name for f in FEATURES]
    assert len(names) == len(set(names))
    assert feature("substitution") == describe("substitution").value
    with pytest.raises(KeyError):
        feature("no such feature")
