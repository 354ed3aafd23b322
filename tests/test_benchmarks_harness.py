"""The benchmark harness: FtM conversion for the peer, percentiles, skipping without data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import run_all, screening_general, screening_peer
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


def _general_pairs(path: Path) -> Path:
    """Write a tiny general-name pair set: two true pairs and two false ones."""
    rows = [
        ("p1", "Vladimir Putin", "PUTIN, Vladimir", "person", "alias_person_order", True),
        ("p2", "Korea Ryonbong Corporation", "KOREA RYONBONG CORPORATION", "organization",
         "case_punct", True),
        ("p3", "Zhang Wei", "PUTIN, Vladimir", "person", "neg_shared_given", False),
        ("p4", "Alpha Trading LLC", "KUM GANG 3", "vessel", "neg_vessel_number", False),
    ]  # fmt: skip
    fields = ("id", "query", "candidate", "type", "category", "label", "origin")
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(dict(zip(fields, (*row, "ofac:1"), strict=True))) + "\n")
    return path


def test_general_benchmark_scores_both_wgdesk_modes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pairs = _general_pairs(tmp_path / "pairs.jsonl")
    argv = ["--set", str(pairs), "--engines", "wgdesk", "--mode", "both", "--typed", "both"]
    assert screening_general.main([*argv, "--show-misses", "3"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("category"))
    for column in ("wg pair", "wg pair untyped", "wg pooled", "wg pooled untyped"):
        assert column in header
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line[:1].isalpha()}
    assert rows["alias_person_order"][2] == "R" and rows["neg_vessel_number"][2] == "S"
    # An exact name in another case is found in every mode; a different name never is.
    assert rows["case_punct"][3:] == ["1.000"] * 4
    assert rows["neg_vessel_number"][3:] == ["1.000"] * 4
    assert "time/pair wg pooled" in out and "recall (true pairs)" in out


def test_general_benchmark_tallies_recall_and_specificity() -> None:
    pairs: list[dict[str, object]] = [
        {"id": "a", "label": True, "category": "typo_edit"},
        {"id": "b", "label": True, "category": "typo_edit"},
        {"id": "c", "label": False, "category": "neg_number"},
    ]
    run = screening_general.Run("x", alerts={"a": True, "b": False, "c": True})
    assert screening_general.tally(pairs[:2], run).rate == 0.5  # recall
    assert screening_general.tally(pairs[2:], run).rate == 0.0  # specificity: a false alert
    assert screening_general.tally(pairs, screening_general.Run("none")).right == 1
    report = screening_general.report("t", pairs, [run])
    assert "typo_edit" in report and "0.500" in report


def test_general_benchmark_skips_without_its_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert screening_general.main(["--set", str(tmp_path / "absent.jsonl")]) == 0
    assert "skipped, set not found" in capsys.readouterr().out
