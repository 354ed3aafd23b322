"""Fixtures for the matcher tests: a small fictional list in the UN and OFAC formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from wgdesk.screening import Screener, Thresholds

SCREENING = Path(__file__).resolve().parent.parent / "fixtures" / "screening"
UN_FIXTURE = SCREENING / "un_screening.xml"
OFAC_FIXTURE = SCREENING / "ofac"


@pytest.fixture(scope="session")
def screener() -> Screener:
    """A screener over the fictional UN and OFAC fixtures, with the default thresholds."""
    return Screener.from_lists([UN_FIXTURE, OFAC_FIXTURE], Thresholds(0.70, 0.88))
