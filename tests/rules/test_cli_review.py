"""`wgdesk review` through the command line (contracts.md §2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import shared_path
from tests.rules.conftest import REVIEW_DATA, UN_MINI
from wgdesk.cli import main

RAILWAY = REVIEW_DATA / "railway_survey_2018.yaml"


def run(*args: str) -> tuple[int, str, str]:
    """Invoke the CLI and return the exit code, stdout and stderr."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_json_report_follows_the_contract() -> None:
    code, out, err = run("review", str(RAILWAY), "--list", str(UN_MINI))
    assert code == 0, err
    report = json.loads(out)
    assert set(report) >= {
        "title",
        "verdict",
        "items",
        "activities",
        "parties",
        "notifications",
        "exemption_request",
    }
    assert report["verdict"] == "exemption_required"
    loco = report["items"][0]
    assert {k: loco[k] for k in ("id", "hs", "direction", "verdict")} == {
        "id": "loco",
        "hs": "860210",
        "direction": "to_dprk",
        "verdict": "exemption_required",
    }
    assert loco["rules"][0] == {
        "id": "SUP-IND-02",
        "instrument": "S/RES/2397 (2017)",
        "paragraph": "OP7",
        "confirmed": False,
        "summary": "supply of transportation vehicles (HS 86 to 89 - rolling stock, road vehicles, "
        "aircraft, vessels) to the DPRK is prohibited",
        "citation": "S/RES/2397 (2017) OP7",
    }
    assert any("temporary transfer" in note for note in loco["notes"])
    survey = report["activities"][0]
    assert (survey["id"], survey["kind"], survey["verdict"]) == (
        "survey",
        "other",
        "not_restricted",
    )
    assert report["parties"][0] == report["parties"][0] | {
        "name": "Korea Railroad Corporation",
        "decision": "clear",
        "matches": [],
    }
    fuel_notice = report["notifications"][0]
    assert {k: fuel_notice[k] for k in ("to", "when", "why", "rule")} == {
        "to": "1718 Committee",
        "when": "every 30 days",
        "why": "refined petroleum supplied",
        "rule": "SUP-FUEL-03",
    }
    need = report["exemption_request"]
    assert need["needed"] is True
    assert need["items"] == ["loco", "coaches", "tankcar", "generator"]
    assert need["activities"] == []
    for entry in report["items"] + report["activities"]:
        if entry["verdict"] != "not_restricted":
            assert entry["rules"] and all(
                {"instrument", "paragraph", "confirmed", "summary"} <= set(r)
                for r in entry["rules"]
            )


def test_korean_report() -> None:
    code, out, _ = run("review", str(RAILWAY), "--list", str(UN_MINI), "--lang", "ko")
    assert code == 0
    report = json.loads(out)
    assert report["items"][0]["rules"][0]["summary"].startswith("운송수단")
    assert report["notifications"][0]["to"] == "1718 위원회"
    code, out, _ = run(
        "review", str(RAILWAY), "--list", str(UN_MINI), "--lang", "ko", "--format", "markdown"
    )
    assert "# 제재 검토: " in out and "## 물품" in out and "면제 필요" in out


def test_markdown_and_html_render_the_same_review(tmp_path: Path) -> None:
    code, md, _ = run("review", str(RAILWAY), "--list", str(UN_MINI), "--format", "markdown")
    assert code == 0
    assert "## Goods" in md and "S/RES/2397 (2017) OP7 (paragraph number unconfirmed)" in md
    assert "| refined petroleum supplied |" in md
    out = tmp_path / "r.html"
    code, _, _ = run(
        "review", str(RAILWAY), "--list", str(UN_MINI), "--format", "html", "--out", str(out)
    )
    page = out.read_text(encoding="utf-8")
    assert code == 0 and page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "http" not in page.split("<body>")[0]  # self-contained
    assert "S/RES/2397 (2017) OP7" in page


def test_html_escapes_what_the_project_says(tmp_path: Path) -> None:
    project = write(
        tmp_path,
        "x.yaml",
        "title: '<script>alert(1)</script>'\nitems:\n"
        "  - {id: '<b>x</b>', hs: '8415', direction: to_dprk, description: '\"&<img>'}\n",
    )
    code, page, _ = run(
        "review", str(project), "--list", str(UN_MINI), "--format", "html", "--date", "2019-01-01"
    )
    assert code == 0
    assert "<script>" not in page and "<img>" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_date_option_overrides_the_start() -> None:
    code, out, _ = run("review", str(RAILWAY), "--list", str(UN_MINI), "--date", "2016-01-01")
    assert code == 0
    report = json.loads(out)
    assert report["date"] == "2016-01-01" and report["verdict"] == "not_restricted"


def test_a_designated_party_from_the_list_file(tmp_path: Path) -> None:
    project = write(
        tmp_path,
        "p.yaml",
        "title: t\nstart: 2019-01-01\nparties:\n"
        "  - {name: Korea Fictional Trading Corporation, type: organization, country: KP}\n",
    )
    code, out, _ = run("review", str(project), "--list", str(UN_MINI))
    report = json.loads(out)
    assert code == 0 and report["verdict"] == "prohibited"
    party = report["parties"][0]
    assert party["decision"] == "match" and party["matches"][0]["ref"] == "KPe.901"
    # The operative paragraph alone, with the sub-paragraph and full citation beside it.
    cited = party["rules"][0]
    assert (cited["paragraph"], cited["subparagraph"]) == ("OP8", "(d)")
    assert cited["citation"] == "S/RES/1718 (2006) OP8(d)"


def test_without_lists_parties_are_reported_unscreened() -> None:
    code, out, err = run("review", str(RAILWAY))
    assert code == 0
    assert "parties are not screened" in err
    party = json.loads(out)["parties"][0]
    assert party["decision"] is None and "no sanctions list is loaded" in party["error"]


@pytest.mark.parametrize(
    ("text", "suffix", "fragment"),
    [
        ("title: [unclosed\n", ".yaml", "not valid YAML"),
        ('{"title": "x",}', ".json", "not valid JSON"),
        ("title: x\nbudget: 1\n", ".yaml", "budget: unknown field 'budget'"),
        (
            "title: x\nactivities:\n  - {id: a, kind: dancing}\n",
            ".yaml",
            "activities[0].kind: 'dancing' is not one of",
        ),
        (
            "title: x\nitems:\n  - {id: a, hs: '84x5', direction: to_dprk}\n",
            ".yaml",
            "items[0].hs: '84x5' is not an HS code",
        ),
        ("title: x\nitems:\n  - {id: a, hs: '8415'}\n", ".yaml", "items[0].direction: is required"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, text: str, suffix: str, fragment: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    project = write(work, "bad" + suffix, text)
    out = work / "report.json"
    code, stdout, err = run("review", str(project), "--out", str(out))
    assert code == 2
    assert fragment in err and stdout == ""
    assert not out.exists()
    assert list(work.iterdir()) == [project]


def test_all_problems_are_listed_with_lines(tmp_path: Path) -> None:
    project = write(
        tmp_path,
        "bad.yaml",
        "title: x\nitems:\n  - {id: a, hs: '84x5', direction: to_dprk}\n  - {id: b, hs: '8415'}\n"
        "activities:\n  - {id: c, kind: dancing}\n",
    )
    code, _, err = run("review", str(project))
    assert code == 2
    assert "has 3 problems" in err
    assert f"{project}:3: items[0].hs" in err
    assert f"{project}:4: items[1].direction: is required" in err
    assert f"{project}:6: activities[0].kind" in err


def test_missing_or_wrongly_named_files_exit_2(tmp_path: Path) -> None:
    code, _, err = run("review", str(tmp_path / "nope.yaml"))
    assert code == 2 and "cannot read the file" in err
    other = write(tmp_path, "p.txt", "title: x\n")
    code, _, err = run("review", str(other))
    assert code == 2 and ".yaml, .yml or .json" in err


def test_unreadable_lists_exit_2(tmp_path: Path) -> None:
    broken = write(tmp_path, "list.xml", "<CONSOLIDATED_LIST><broken")
    code, _, err = run("review", str(RAILWAY), "--list", str(broken))
    assert code == 2 and "cannot read the lists" in err


@pytest.mark.realdata
def test_dev_projects_through_the_cli() -> None:
    folder = shared_path("eval", "review-dev")
    code, out, _ = run("review", str(folder / "northern_goods.yaml"), "--list", str(UN_MINI))
    report = json.loads(out)
    assert code == 0 and report["verdict"] == "exemption_required"
    first = {
        i["id"]: f"{i['rules'][0]['instrument']} {i['rules'][0]['paragraph']}"
        for i in report["items"]
    }
    assert first == {
        "tshirts": "S/RES/2375 (2017) OP16",
        "apples": "S/RES/2397 (2017) OP6",
        "ginseng": "S/RES/2397 (2017) OP6",
        "zinc": "S/RES/2321 (2016) OP28",
    }
