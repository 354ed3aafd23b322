"""`wgdesk screen` against the contract (docs/contracts.md §1), in-process with CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.screening.conftest import OFAC_FIXTURE, UN_FIXTURE
from wgdesk.cli import main

LIST = ["--list", str(UN_FIXTURE)]
BAD = UN_FIXTURE.parent.parent / "lists" / "bad"
CONTRACT_FIELDS = {"id", "name", "decision", "matches"}
MATCH_FIELDS = {"source", "ref", "name", "matched_name", "score", "explanation"}


def run(args: list[str], stdin: bytes | str | None = None) -> Result:
    return CliRunner().invoke(main, ["screen", *args], input=stdin)


def jsonl(result: Result) -> list[dict[str, object]]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_names_as_arguments_jsonl_follows_the_contract() -> None:
    result = run([*LIST, "--format", "jsonl", "Lee Won-chol", "Kim Song Min"])
    assert result.exit_code == 0, result.output
    first, second = jsonl(result)
    assert set(first) == CONTRACT_FIELDS and set(second) == CONTRACT_FIELDS
    assert first["name"] == "Lee Won-chol" and first["decision"] == "match" and first["id"] is None
    match = first["matches"][0]  # type: ignore[index]
    assert set(match) == MATCH_FIELDS
    assert (match["source"], match["ref"], match["name"]) == ("un", "KPi.901", "RI WON CHOL")
    assert 0.0 <= match["score"] <= 1.0
    assert "surname Lee = Ri" in match["explanation"]
    assert second["decision"] == "clear" and second["matches"] == []


def test_lang_ko_adds_korean_and_keeps_the_english_explanation() -> None:
    english = jsonl(run([*LIST, "--format", "jsonl", "Lee Won-chol"]))[0]
    result = run([*LIST, "--format", "jsonl", "--lang", "ko", "--reasons", "Lee Won-chol"])
    assert result.exit_code == 0, result.output
    korean = jsonl(result)[0]
    top, plain = korean["matches"][0], english["matches"][0]  # type: ignore[index]
    assert top["explanation"] == plain["explanation"]
    assert top["explanation_ko"].startswith("성 Lee = Ri (두음 ㄹ, 李의 남북한 표기 차이)")
    assert [r["code"] for r in top["reasons"]][:2] == ["surname_north_south", "given_same"]
    assert set(plain) == MATCH_FIELDS  # without --lang and --reasons, the contract as it was
    table = run([*LIST, "--lang", "ko", "Lee Won-chol"])
    assert "성 Lee = Ri" in table.stdout and "surname Lee" not in table.stdout
    rows = list(
        csv.DictReader(
            io.StringIO(run([*LIST, "--format", "csv", "--lang", "ko", "Lee Won-chol"]).stdout)
        )
    )
    assert rows[0]["explanation"] == plain["explanation"]
    assert rows[0]["explanation_ko"] == top["explanation_ko"]
    assert run([*LIST, "--lang", "fr", "Kim"]).exit_code == 2


def test_jsonl_input_keeps_order_ids_and_reports_bad_records(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": "q1", "name": "Lee Won-chol", "type": "person", '
        b'"birth_date": "1964", "nationality": "KP"}\n'
        b'{"id": "q2"}\n'
        b"\n"
        b"not json\n"
        b'{"id": "q3", "name": "\xff\xfe broken"}\n'
        b'{"id": 4, "name": "KNIC", "type": "ship"}\n'
        + '{"id": "q5", "name": "조선대성은행"}\n'.encode()
    )
    result = run([*LIST, "--format", "jsonl", "--input", str(path)])
    assert result.exit_code == 0, result.output
    out = jsonl(result)
    assert [o.get("id") for o in out] == ["q1", "q2", None, None, "4", "q5"]
    assert out[0]["decision"] == "match"
    assert "no name" in str(out[1]["error"])
    assert "not valid JSON" in str(out[2]["error"]) and "line 4" in str(out[2]["error"])
    assert "not valid UTF-8" in str(out[3]["error"])
    assert "type 'ship'" in str(out[4]["error"])
    assert out[5]["name"] == "조선대성은행" and out[5]["matches"][0]["ref"] == "KPe.901"  # type: ignore[index]


def test_csv_input_and_csv_output_are_formula_safe(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        '\ufeffid,name,type\nr1,"RI, Won Chol",person\nr2,=HYPERLINK("x"),\nr3,,\n',
        encoding="utf-8",
    )
    result = run([*LIST, "--format", "csv", "--input", str(path)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["id"] == "r1" and rows[0]["decision"] == "match" and rows[0]["ref"] == "KPi.901"
    formula = next(r for r in rows if r["id"] == "r2")
    assert formula["name"].startswith("'=")
    assert "no name" in next(r for r in rows if r["id"] == "r3")["error"]


def test_csv_without_name_column_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("who\nKim\n", encoding="utf-8")
    out = jsonl(run([*LIST, "--format", "jsonl", "--input", str(path)]))
    assert len(out) == 1 and "no 'name' column" in str(out[0]["error"])


def test_txt_input_and_undecodable_lines(tmp_path: Path) -> None:
    path = tmp_path / "names.txt"
    # Line 3 is EUC-KR, not UTF-8: only that record fails.
    path.write_bytes(b"Kim Song Il\n\n" + "가 bad\n".encode("euc-kr") + "리원철\r\n".encode())
    out = jsonl(run([*LIST, "--format", "jsonl", "--input", str(path)]))
    assert [o["name"] for o in out] == ["Kim Song Il", None, "리원철"]
    assert out[0]["matches"][0]["ref"] == "KPi.903"  # type: ignore[index]
    assert "line 3" in str(out[1]["error"])
    assert out[2]["decision"] == "match"


def test_stdin_is_json_lines() -> None:
    result = run(
        [*LIST, "--format", "jsonl", "--input", "-"], stdin='{"id": "s", "name": "Kim Song Chol"}\n'
    )
    assert result.exit_code == 0
    assert jsonl(result)[0]["matches"][0]["ref"] == "KPi.902"  # type: ignore[index]


def test_table_format_is_for_people() -> None:
    result = run([*LIST, "Lee Won-chol", "Kim Song Min"])
    assert result.exit_code == 0
    assert "MATCH" in result.stdout and "KPi.901" in result.stdout and "clear" in result.stdout
    assert "screening against" in result.stderr and "screening against" not in result.stdout


def test_several_lists_and_folders() -> None:
    result = run(
        ["--list", str(UN_FIXTURE), "--list", str(OFAC_FIXTURE), "--format", "jsonl", "Ri Won Chol"]
    )
    sources = [m["source"] for m in jsonl(result)[0]["matches"]]  # type: ignore[union-attr]
    assert sources == ["un", "ofac"]


def test_limit_and_thresholds() -> None:
    out = jsonl(run([*LIST, "--format", "jsonl", "--limit", "1", "Korea Daesong Bank"]))
    assert len(out[0]["matches"]) == 1  # type: ignore[arg-type]
    strict = jsonl(
        run(
            [
                *LIST,
                "--format",
                "jsonl",
                "--review-threshold",
                "0.995",
                "--match-threshold",
                "0.999",
                "Lee Won-chol",
            ]
        )
    )
    assert strict[0]["decision"] == "clear"


def test_fail_on_match_exits_3_only_on_a_match() -> None:
    assert run([*LIST, "--fail-on-match", "Ri Won Chol"]).exit_code == 3
    assert run([*LIST, "--fail-on-match", "Kim Song Min"]).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--format", "xml", "Kim"],
        ["--limit", "0", "Kim"],
        ["--review-threshold", "1.5", "Kim"],
        ["--review-threshold", "0.9", "--match-threshold", "0.8", "Kim"],
        ["--input", "names.docx"],
        ["--input", "/no/such/file.txt"],
    ],
)
def test_bad_arguments_exit_2(args: list[str]) -> None:
    result = run([*LIST, *args])
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("billion_laughs.xml", "billion_laughs.xml"),
        ("external_entity.xml", "external_entity.xml"),
        ("truncated.xml", "truncated.xml"),
        ("sdn_wrong_columns.csv", "sdn_wrong_columns.csv"),
    ],
)
def test_hostile_or_malformed_lists_exit_2_with_a_clear_message(name: str, message: str) -> None:
    result = run(["--list", str(BAD / name), "Kim"])
    assert result.exit_code == 2
    assert "cannot read the lists" in result.output and message in result.output
    assert "Traceback" not in result.output


def test_empty_store_says_how_to_load_lists() -> None:
    result = run(["Kim Song Chol"])
    assert result.exit_code == 2
    assert "wgdesk lists fetch" in result.output and "wgdesk lists load PATH" in result.output


def test_progress_bar_never_writes_to_stdout(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    path.write_text("Kim Song Il\n" * 50, encoding="utf-8")
    result = run([*LIST, "--format", "jsonl", "--progress", "--input", str(path)])
    assert result.exit_code == 0
    assert len(jsonl(result)) == 50  # stdout holds only the results
    assert "screening" in result.stderr


def test_huge_and_control_character_names_are_per_record() -> None:
    out = jsonl(run([*LIST, "--format", "jsonl", "Kim " * 3000, "Ri\x07 Won Chol"]))
    assert "too long" in str(out[0]["error"])
    assert out[1]["decision"] == "match"
