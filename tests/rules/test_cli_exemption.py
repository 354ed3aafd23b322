"""`wgdesk exemption`: the request draft (.docx or .md) and its XLSX Annex II."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from openpyxl import load_workbook

from tests.rules.conftest import REVIEW_DATA, UN_MINI
from wgdesk.cli import main

FILLED = """title: Solar vaccine refrigerators for county hospitals
summary: Cold chain for routine immunisation in four counties.
start: 2020-03-01
end: 2020-08-31
parties:
  - {name: Korea Health Foundation, role: supplier, country: KR, type: organization}
  - {name: Ministry of Public Health, role: end user, country: KP, type: organization}
items:
  - id: fridges
    description: solar direct-drive vaccine refrigerators
    hs: "8418.50"
    direction: to_dprk
    quantity: 40
    unit: pcs
    value_usd: 200000
    specification: WHO PQS E003, 100 litres, solar direct drive
  - {id: vaccines, description: measles-rubella vaccine, hs: "3002.41", direction: to_dprk,
     quantity: 100000, unit: doses}
exemption:
  requester: Republic of Korea
  channel: Permanent Mission of the Republic of Korea to the United Nations
  nature: Keeping vaccines at the right temperature in county hospitals.
  recipients: four county hospitals in South Hwanghae province
  selection_criteria: counties with the lowest immunisation coverage
  shipping_route: Incheon to Nampo by sea
  entry_point: Nampo port
  shipping_dates: May 2020
  shipments: 1
  financial_channels: paid by the donor to the supplier in Seoul; no payment to the DPRK
  monitoring: installation checked by the donor's engineers on site
  duration: six months
  contact: Ms Kim, Ministry of Unification, +82 2 0000 0000
"""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout + result.stderr


def draft(project: Path | str, out: Path, *extra: str) -> tuple[int, str]:
    """Draft a request for a project, screening parties against the UN fixture list."""
    return run("exemption", str(project), "--out", str(out), "--list", str(UN_MINI), *extra)


def docx_text(path: Path) -> str:
    """Return every paragraph and table cell of a Word file, joined."""
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


def test_docx_request_has_every_element_and_marks_what_is_missing(work: Path) -> None:
    out = work / "request.docx"
    code, output = draft(str(REVIEW_DATA / "railway_survey_2018.yaml"), out)
    assert code == 0, output
    document = Document(str(out))
    headings = [
        p.text
        for p in document.paragraphs
        if p.style is not None and p.style.name.startswith("Heading")
    ]
    assert headings == [
        "Request for an exemption: Joint survey of the Gyeongui and Donghae railway lines",
        "1. Nature of the assistance",
        "2. Recipients and how they were chosen",
        "3. Why an exemption is needed",
        "4. Goods and services to be provided",
        "5. Parties to the transfer",
        "6. Shipping routes and dates",
        "7. Financial transactions and banking channels",
        "8. Measures against diversion",
        "9. Duration",
        "10. Contact point",
    ]
    text = docx_text(out)
    assert "S/RES/2397 (2017) OP7" in text and "S/RES/2397 (2017) OP25" in text
    assert "[TO BE COMPLETED: requesting State or organisation]" in text
    assert "[TO BE COMPLETED: specification (model, capacity, dimensions)]" in text
    assert "2018-11-30 to 2018-12-17 (project dates)" in text
    assert "8602.10" in text and "yes, to be brought back" in text
    items_table = document.tables[0]
    assert [c.text for c in items_table.rows[0].cells][:5] == [
        "No.",
        "ID",
        "Description",
        "Specification",
        "HS code",
    ]
    assert len(items_table.rows) == 1 + 7
    highlighted = [
        r for p in document.paragraphs for r in p.runs if r.font.highlight_color is not None
    ]
    assert highlighted and all(r.text.startswith("[TO BE COMPLETED") for r in highlighted)


def test_the_annex_workbook_lists_items_and_parties(work: Path) -> None:
    out = work / "request.docx"
    draft(str(REVIEW_DATA / "railway_survey_2018.yaml"), out)
    annex = work / "request-annex-II.xlsx"
    workbook = load_workbook(annex)
    assert workbook.sheetnames == ["Annex II - items", "Parties"]
    rows = list(workbook["Annex II - items"].iter_rows(values_only=True))
    assert rows[0][:5] == ("No.", "ID", "Description", "Specification", "HS code")
    assert rows[1][1:5] == (
        "loco",
        "diesel locomotive hauling the survey train",
        "[TO BE COMPLETED: specification (model, capacity, dimensions)]",
        "8602.10",
    )
    assert rows[1][7] == "2,500,000" and rows[1][9] == "S/RES/2397 (2017) OP7"
    parties = list(workbook["Parties"].iter_rows(values_only=True))
    assert parties[1] == (
        "Korea Railroad Corporation",
        "implementer",
        "KR",
        "organization",
        "clear",
    )


def test_fields_from_the_exemption_block_are_used_not_invented(work: Path) -> None:
    project = work / "fridges.yaml"
    project.write_text(FILLED, encoding="utf-8")
    out = work / "request.md"
    code, output = run("exemption", str(project), "--out", str(out), "--list", str(UN_MINI))
    assert code == 0, output
    text = out.read_text(encoding="utf-8")
    for given in (
        "Republic of Korea",
        "Nampo port",
        "counties with the lowest immunisation coverage",
        "WHO PQS E003, 100 litres, solar direct drive",
        "Ms Kim",
        "six months",
        "200,000",
    ):
        assert given in text
    # What the file does not give stays marked.
    assert (
        "**\\[TO BE COMPLETED: official letterhead of the requesting State or organisation\\]**"
        in text
    )
    assert "**\\[TO BE COMPLETED: name the shipper, financial institution, consignee\\]**" in text
    assert "**\\[TO BE COMPLETED: value\\]**" in text  # the vaccines have no value
    assert (work / "request-annex-II.xlsx").exists()


def test_prohibited_elements_are_left_out_of_the_request(work: Path) -> None:
    out = work / "r.md"
    code, _ = draft(str(REVIEW_DATA / "maritime_2018.yaml"), out)
    assert code == 0
    assert "Not included: sts fall under measures without an exemption route" in out.read_text(
        encoding="utf-8"
    )


def test_no_request_is_written_when_none_is_needed(work: Path) -> None:
    out = work / "r.docx"
    code, output = draft(str(REVIEW_DATA / "pest_control_2018.yaml"), out)
    assert code == 0 and "no exemption is needed" in output
    assert list(work.iterdir()) == []
    code, _ = draft(str(REVIEW_DATA / "pest_control_2018.yaml"), out, "--force")
    assert code == 0 and out.exists()


def test_bad_input_writes_no_partial_files(work: Path) -> None:
    project = work / "bad.yaml"
    project.write_text(
        "title: x\nitems:\n  - {id: a, hs: '8a', direction: to_dprk}\n", encoding="utf-8"
    )
    code, output = run("exemption", str(project), "--out", str(work / "r.docx"))
    assert code == 2 and "items[0].hs" in output
    assert list(work.iterdir()) == [project]


def test_the_output_must_be_docx_or_md(work: Path) -> None:
    code, output = run(
        "exemption", str(REVIEW_DATA / "tamiflu_2019.yaml"), "--out", str(work / "r.pdf")
    )
    assert code == 2 and ".docx or .md" in output


def _latin_phrases(text: str, data: str) -> list[str]:
    """Runs of two Latin words or more that the project file (data) does not hold."""
    import re

    runs = re.findall(r"[A-Za-z]+(?:[ -][A-Za-z]+)+", text)
    return [r for r in runs if r not in data and not r.startswith(("HS", "Annex"))]


def test_the_korean_working_copy_says_the_same_in_korean(work: Path) -> None:
    english, korean = work / "request.md", work / "request-ko.md"
    railway = REVIEW_DATA / "railway_survey_2018.yaml"
    assert draft(str(railway), english)[0] == 0
    assert draft(str(railway), korean, "--lang", "ko")[0] == 0
    en, ko = english.read_text("utf-8"), korean.read_text("utf-8")
    # The same draft: the same sections, tables and rows, in the other language.
    assert en.count("\n## ") == ko.count("\n## ") == 10 and en.count("|") == ko.count("|")
    assert "# 제재 면제 신청: " in ko and "## 3\\. 면제가 필요한 이유" in ko and "작성 필요" in ko
    assert "TO BE COMPLETED" not in ko and "S/RES/2397 (2017) OP7" in ko  # citations as written
    # No English sentence is left: only the project's own words (names, descriptions).
    assert _latin_phrases(ko, railway.read_text("utf-8")) == []
    workbook = load_workbook(work / "request-ko-annex-II.xlsx")
    assert workbook.sheetnames == ["부속서 II - 물품", "당사자"]
    assert next(workbook["당사자"].iter_rows(values_only=True))[:2] == ("이름", "역할")
    # The copy for the Committee is unchanged by the Korean one.
    assert "# Request for an exemption: " in en and "[TO BE COMPLETED" in en
    assert run("exemption", str(railway), "--out", str(korean), "--lang", "fr")[0] == 2
