"""`wgdesk demo-screen`, what `make run` prints until the web desk lands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.screening.conftest import OFAC_FIXTURE, UN_FIXTURE
from wgdesk.cli import main


def test_demo_falls_back_to_the_shared_files_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared" / "data" / "sanctions"
    folder.mkdir(parents=True)
    shutil.copy(UN_FIXTURE, folder / "un_consolidated_2025-02-28.xml")
    shutil.copy(OFAC_FIXTURE / "sdn.csv", folder / "ofac_sdn_2025-02.csv")
    monkeypatch.setenv("WGDESK_SHARED", str(tmp_path / "shared"))
    result = CliRunner().invoke(main, ["demo-screen"])
    assert result.exit_code == 0, result.output
    assert "store is empty" in result.stderr
    assert "조선대성은행" in result.stdout and "KPe.901" in result.stdout
    assert "clear   Kim Song Min" in result.stdout


def test_demo_without_any_lists_explains(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDESK_SHARED", str(tmp_path / "nothing"))
    result = CliRunner().invoke(main, ["demo-screen"])
    assert result.exit_code == 1
    assert "wgdesk lists fetch" in result.output
