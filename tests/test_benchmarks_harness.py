"""The benchmark harness: FtM conversion for the peer, percentiles, skipping without data."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import run_all, screening_peer
from benchmarks.evalset.unxml import Alias, UnRecord, read_un_list
from benchmarks.peer import ftm
from tests.conftest import FIXTURES


def test_un_entries_map_to_ftm_as_opensanctions_does() -> None:
    record = UnRecord(
        ref="KPi.999",
        kind="person",
        regime="DPRK",
        name_parts=["RI", "WON HO"],
        aliases=[
            Alias("Lee Won-ho", "Good"),
            Alias("Ri Wonho", "Low"),
            Alias("Ri Old", "f.k.a."),
            Alias("No Quality", ""),
        ],
        original_script="리원호",
        birth_dates=["1964-07-17", "1960..1962"],
        nationalities=["Democratic People's Republic of Korea"],
    )
    entity = ftm.entity(record)
    props = entity["properties"]
    assert entity["schema"] == "Person" and entity["ref"] == "KPi.999"
    assert props["name"] == ["RI WON HO"]
    assert props["firstName"] == ["RI"] and props["lastName"] == ["WON HO"]
    assert props["alias"] == ["Lee Won-ho", "리원호"]
    assert props["weakAlias"] == ["Ri Wonho"]
    assert props["previousName"] == ["Ri Old"]
    assert props["birthDate"] == ["1964-07-17"]  # the crawler keeps DATE or YEAR, not ranges
    assert "No Quality" not in str(props)


def test_fixture_list_converts(tmp_path: Path) -> None:
    out = tmp_path / "ftm.jsonl"
    assert ftm.convert(FIXTURES / "evalset" / "un_small.xml", out) == len(
        read_un_list(FIXTURES / "evalset" / "un_small.xml")
    )
    assert '"schema": "LegalEntity"' in out.read_text(encoding="utf-8")


def test_percentile_is_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert screening_peer.percentile(values, 0.5) == 50.0
    assert screening_peer.percentile(values, 0.99) == 99.0
    assert screening_peer.percentile([3.0], 0.99) == 3.0


def test_benchmarks_skip_without_shared_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WGDESK_SHARED", str(tmp_path / "absent"))
    assert run_all.main() == 0
    assert "benchmarks skipped" in capsys.readouterr().out
    assert screening_peer.main(["--list", str(tmp_path / "absent.xml")]) == 0
    assert "skipped, list file not found" in capsys.readouterr().out
