"""`wgdesk hs` and `wgdesk rules`, and the generated docs/rules.md."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import shared_path
from wgdesk.cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


def hs_csv() -> str:
    return str(shared_path("data", "hs", "harmonized-system-2022.csv"))


@pytest.mark.realdata
def test_hs_show_describes_a_code_and_its_measures() -> None:
    code, out = run("hs", "show", "8602.10", "--nomenclature", hs_csv(), "--date", "2019-01-01")
    assert code == 0
    assert "860210: Rail locomotives; diesel-electric powered" in out
    assert "section XVII" in out
    assert (
        "to the DPRK on 2019-01-01: exemption_required - S/RES/2397 (2017) OP7 (SUP-IND-02)" in out
    )
    assert "from the DPRK on 2019-01-01: not restricted" in out


@pytest.mark.realdata
def test_hs_show_rejects_impossible_codes() -> None:
    code, out = run("hs", "show", "8499.10", "--nomenclature", hs_csv())
    assert code == 2 and "heading 8499 is not in the HS 2022 nomenclature" in out
    code, out = run("hs", "show", "841", "--nomenclature", hs_csv())
    assert code == 2 and "3 digits" in out


@pytest.mark.realdata
def test_hs_search_in_english_and_korean() -> None:
    code, out = run("hs", "search", "vaccine refrigerator", "--nomenclature", hs_csv())
    assert code == 0 and "8418" in out and "3002.41" in out
    code, out = run(
        "hs", "search", "트럭", "--nomenclature", hs_csv(), "--format", "json", "--limit", "3"
    )
    hits = json.loads(out)
    assert code == 0 and hits[0]["code"].startswith("8704")


def test_hs_commands_need_a_nomenclature() -> None:
    code, out = run("hs", "search", "rice")
    assert code == 2 and "run `wgdesk hs fetch` first" in out


def test_hs_fetch_from_a_local_copy_then_search(tmp_path: Path) -> None:
    source = tmp_path / "harmonized-system.csv"
    rows = ["section,hscode,description,parent,level", "II,10,Cereals,TOTAL,2", "II,1006,Rice,10,4"]
    rows += [f"II,10{i:04d},Cereal thing {i},10,6" for i in range(6000)]
    source.write_text("\n".join(rows), encoding="utf-8")
    (tmp_path / "sections.csv").write_text(
        "section,name\nII,Vegetable products\n", encoding="utf-8"
    )
    code, out = run("hs", "fetch", "--from", str(source))
    assert code == 0 and "installed 6002 HS codes" in out
    code, out = run("hs", "search", "rice")
    assert code == 0 and out.startswith("1006")


def test_hs_fetch_failure_exits_2(tmp_path: Path) -> None:
    code, out = run("hs", "fetch", "--from", str(tmp_path / "missing.csv"))
    assert code == 2 and "could not install the nomenclature" in out


def test_rules_list_by_date() -> None:
    code, out = run("rules", "list", "--date", "2016-06-01")
    assert code == 0
    assert "EXP-COAL-2270" in out and "EXP-COAL-01 " not in out and "SUP-IND-01" not in out
    code, out = run("rules", "list", "--lang", "ko")
    assert "금지" in out


def test_docs_rules_md_is_generated_from_the_data() -> None:
    target = ROOT / "docs" / "rules.md"
    code, _ = run("rules", "docs", "--out", str(target), "--check")
    assert code == 0, "docs/rules.md is out of date: run `wgdesk rules docs --out docs/rules.md`"
    text = target.read_text(encoding="utf-8")
    assert "| `SUP-IND-01` | S/RES/2397 (2017) OP7 | **no** |" in text
    assert "| `JV-02` | S/RES/2375 (2017) OP18 | yes |" in text


def test_docs_check_fails_on_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / "rules.md"
    stale.write_text("old\n", encoding="utf-8")
    code, out = run("rules", "docs", "--out", str(stale), "--check")
    assert code == 1 and "out of date" in out
