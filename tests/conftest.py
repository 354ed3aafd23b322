"""Shared fixtures: paths to the real reference data, skipped cleanly when absent."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from wgdesk import config

# Property tests assert behaviour, not speed: on a busy CI machine one example may take
# longer than Hypothesis's default 200 ms deadline without anything being wrong.
settings.register_profile("wgdesk", deadline=None)
settings.load_profile("wgdesk")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Give every test its own empty data folder, so no test touches the user's store."""
    data = tmp_path / "wgdesk-data"
    monkeypatch.setenv("WGDESK_DATA_DIR", str(data))
    # The reset answer's time floor is a second of sleep per request; tests that check it
    # set their own.
    monkeypatch.setenv("WGDESK_RESET_ANSWER_SECONDS", "0")
    return data


def shared_path(*parts: str) -> Path:
    """Return a path under the shared reference folder, skipping the test when it is absent."""
    path = config.shared_dir().joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real reference data not available: {path}")
    return path


@pytest.fixture
def sanctions_dir() -> Path:
    """The folder of real list files (UN XML and OFAC CSV)."""
    return shared_path("data", "sanctions")
