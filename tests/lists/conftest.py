"""Paths to the list fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

LISTS = Path(__file__).resolve().parent.parent / "fixtures" / "lists"
BAD = LISTS / "bad"


@pytest.fixture
def un_mini() -> Path:
    """A small UN consolidated list covering every field form."""
    return LISTS / "un_mini.xml"


@pytest.fixture
def ofac_dir() -> Path:
    """A small OFAC trio under OFAC's official names (sdn.csv, alt.csv, add.csv)."""
    return LISTS / "ofac"
