"""The evaluation-set generator: its romanization model, determinism and output format."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.evalset import generate, korean, orgs, validate
from benchmarks.evalset.names import Surnames, cluster, parse_person
from benchmarks.evalset.unxml import read_un_list
from tests.conftest import FIXTURES, shared_path

ROOT = Path(__file__).resolve().parent.parent
SMALL_LIST = FIXTURES / "evalset" / "un_small.xml"
SMALL_SURNAMES = FIXTURES / "evalset" / "surnames.tsv"


@pytest.fixture(scope="module")
def surnames() -> Surnames:
    return Surnames.load(SMALL_SURNAMES)


def test_hangul_syllable_arithmetic_round_trips() -> None:
    assert korean.compose("ㄹ", "ㅣ") == "리"
    assert korean.decompose("철") == ("ㅊ", "ㅓ", "ㄹ")
    assert all(korean.compose(*korean.decompose(s)) == s for s in "원호영철룡")


def test_un_apostrophes_become_breves_and_aspiration() -> None:
    assert korean.canonical_marks("CH'O'L") == "ch'ŏl"
    assert korean.canonical_marks("KY'ONG") == "kyŏng"  # the UN's misplaced breve
    assert korean.canonical_marks("Myo’ng") == "myŏng"
    assert korean.render("ch'ŏl", "ascii") == "ch'o'l"
    assert korean.render("ch'ŏl", "plain") == "chol"


def test_readings_rank_systematic_above_folk_spellings() -> None:
    assert korean.readings("chol")["철"] == 2  # DPRK chŏl / MR ch'ŏl without marks
    assert korean.readings("chul")["철"] == 1  # folk only
    marked = korean.readings("ch'ŏl")  # the apostrophe says aspirated: 철 rather than 절
    assert marked["철"] == 2 and marked.get("절", 0) < 2
    assert "yŏng" in {korean.systematic(s, "mr") for s in ("영",)}
    assert "cheol" in korean.folk_spellings("철") or korean.systematic("철", "rr") == "cheol"


def test_aliases_settle_an_ambiguous_syllable(surnames: Surnames) -> None:
    names = [parse_person(n, surnames) for n in ("KIM YONG CHOL", "Kim Young-Chol")]
    alone = cluster("KPi.902", [n for n in names[:1] if n])
    pooled = cluster("KPi.902", [n for n in names if n])
    assert alone[0].hangul_readings() == ["영철", "용철"]  # YONG alone could be either
    assert pooled[0].hangul_readings() == ["영철"]  # "Young" says 영


def test_name_orders_and_non_korean_names(surnames: Surnames) -> None:
    comma = parse_person("RI, Won Ho", surnames)
    last = parse_person("Won-ho Lee", surnames)
    assert comma and last and comma.surname.north == last.surname.north == "리"
    assert parse_person("John Example", surnames) is None
    assert parse_person("Li Cheng He", surnames) is None  # Chinese reading, not a Korean name


def test_organisation_names_translate_in_korean_order() -> None:
    bank = orgs.parse_org("KOREA DAESONG BANK")
    ministry = orgs.parse_org("MINISTRY OF ATOMIC ENERGY INDUSTRY")
    assert bank and ministry
    assert [p.kind for p in bank] == ["country", "korean", "term"]
    assert orgs.hangul_variants(bank, generate.random.Random(0))[0] == "조선대성은행"
    assert orgs.hangul_variants(ministry, generate.random.Random(0)) == ["원자력공업성"]
    assert orgs.initial_law("련봉") == "연봉" and orgs.initial_law("로동당") == "노동당"


def test_build_is_deterministic_and_valid(surnames: Surnames) -> None:
    records = read_un_list(SMALL_LIST)
    first = generate.build(records, surnames, seed=5)
    assert first == generate.build(records, surnames, seed=5)
    assert first != generate.build(records, surnames, seed=6)
    refs = {r.ref: r.kind for r in records}
    assert validate.problems(first, refs) == []
    by_category = {c: [r for r in first if r["category"] == c] for c in generate.CATEGORIES}
    assert all(by_category.values()), {c: len(v) for c, v in by_category.items()}
    assert {r["expect"] for r in by_category["hangul"]} >= {"KPi.901", "KPi.902"}
    assert {"리원호", "이원호", "김영철"} <= {str(r["name"]) for r in by_category["hangul"]}
    assert "조선대성은행" in {r["name"] for r in by_category["ent_hangul"]}
    assert not any(r["expect"] and r["expect"].startswith("TA") for r in first)  # DPRK only


def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    outputs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"gen-{hash_seed}.jsonl"
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        cmd = [
            sys.executable,
            str(ROOT / "benchmarks" / "evalset" / "generate.py"),
            "--list",
            str(SMALL_LIST),
            "--surnames",
            str(SMALL_SURNAMES),
            "--out",
            str(out),
        ]
        subprocess.run(cmd, check=True, env=env, capture_output=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    first = json.loads(outputs[0].decode().splitlines()[0])
    assert list(first) == ["id", "name", "category", "expect"]


def test_validator_catches_malformed_records() -> None:
    rows = [
        {"id": "a", "name": "Kim", "category": "lat", "expect": "KPi.001"},
        {"id": "a", "name": "Kim", "category": "neg", "expect": "KPi.001"},
        {"id": "b", "name": " x", "category": "other", "expect": None},
        {"id": "c", "name": "y", "category": "ent", "expect": "KPi.001"},
        {"name": "z"},
    ]
    found = validate.problems(rows, {"KPi.001": "person"})
    assert any("duplicate id" in p for p in found)
    assert any("duplicate name" in p for p in found)
    assert any("neg query expects" in p for p in found)
    assert any("unknown category" in p for p in found)
    assert any("not a listed entity" in p for p in found)
    assert any("fields" in p for p in found)


@pytest.mark.realdata
def test_committed_sets_match_the_real_list() -> None:
    """names-gen.jsonl is exactly what the generator makes from the real list and seed."""
    un = shared_path("data", "sanctions", "un_consolidated_2025-04-19.xml")
    tsv = shared_path("reference", "korean-surnames.tsv")
    records = read_un_list(un)
    rows = generate.build(records, Surnames.load(tsv), generate.DEFAULT_SEED)
    committed_path = ROOT / "benchmarks" / "evalset" / "names-gen.jsonl"
    committed = [
        json.loads(line) for line in committed_path.read_text(encoding="utf-8").splitlines()
    ]
    assert rows == committed, "regenerate: python -m benchmarks.evalset.generate"
    refs = validate.list_refs(un)
    hand_path = ROOT / "benchmarks" / "evalset" / "names-hand.jsonl"
    hand = [json.loads(line) for line in hand_path.read_text(encoding="utf-8").splitlines()]
    assert validate.problems(committed, refs) == []
    assert validate.problems(hand, refs) == []
    counts = {c: sum(1 for r in rows if r["category"] == c) for c in generate.CATEGORIES}
    assert counts["lat"] >= 500 and counts["neg"] >= 500 and counts["ent"] >= 300
