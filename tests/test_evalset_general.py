"""The general-name pair set: the generator's rules, determinism, format, committed files."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.evalset.general import build, forms, pairs, sources, text, validate
from benchmarks.evalset.general.sources import Listed, ListedName
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parent.parent


def person(uid: str, *names: str, programs: tuple[str, ...] = (), countries=()) -> Listed:
    """A listed person with its names, the first primary."""
    listed = [ListedName(n, "primary" if i == 0 else "alias") for i, n in enumerate(names)]
    return Listed(uid, "person", tuple(listed), programs, tuple(countries))


def org(uid: str, *names: str, kind: str = "organization", countries=()) -> Listed:
    """A listed organisation (or vessel) with its names, the first primary."""
    listed = [ListedName(n, "primary" if i == 0 else "alias") for i, n in enumerate(names)]
    return Listed(uid, kind, tuple(listed), (), tuple(countries))


ENTRIES = [
    person("ofac:1", "PUTIN, Vladimir Vladimirovich", "PUTIN, Wladimir", programs=("MAGNIT",)),
    person("ofac:2", "PUTIN, Igor Aleksandrovich"),
    person("ofac:3", "KHALID, Ahmad", "Khaled Ahmed"),
    person("ofac:15", "KHEITI, Amer Tayseer", "KHEITI, Amer Taysir"),
    person("ofac:4", "OMAR, Ahmad"),
    person("ofac:5", "AL-SAADI, Khalid bin Abdullah", "Abu Hamza"),
    person("ofac:6", "LI, Fangwei", countries=("China",)),
    org("ofac:7", "ALPHA TRADING LLC", "ALPHA TRADING L.L.C."),
    org("ofac:8", "BETA TRADING LLC"),
    org("ofac:9", "KUM GANG 3", kind="vessel"),
    org("ofac:10", "KUM GANG 5", kind="vessel"),
    org("ofac:11", "RIM GROUP INVESTMENTS II CORP"),
    org("ofac:12", "RIM GROUP INVESTMENTS III CORP"),
    org("ofac:13", "BREYELLER KALTBAND GMBH", countries=("Germany",)),
    org("ofac:14", "KOREA PUGANG CORPORATION", "KPC"),
    Listed(
        "un:QDi.999",
        "person",
        (
            ListedName("OMAR HASSAN", "primary"),
            ListedName("عمر حسن", "original", "", "OMAR HASSAN"),
        ),
    ),
]


def test_words_fold_accents_and_drop_apostrophes() -> None:
    assert text.words("Groupe Islamique Armé") == ["groupe", "islamique", "arme"]
    assert text.words("AL QA'IDA") == ["al", "qaida"]
    assert text.sound_key("mohammed") == text.sound_key("muhammad")


def test_relation_tells_spelling_order_part_and_unrelated() -> None:
    assert text.relation("Mohammed Tahir Anwari", "MUHAMMAD TAHER ANWARI", "person") == "spelling"
    assert text.relation("DROUKDEL, Abdelmalek", "ABDELMALEK, Droukdel", "person") == "order"
    assert text.relation("Saleh al Shaer", "SALEH MESFER SALEH AL SHAER", "person") == "partial"
    assert text.relation("Abu Hamza", "Khalid bin Abdullah AL-SAADI", "person") == "unrelated"
    assert text.relation("AQIM", "AL-QAIDA IN THE ISLAMIC MAGHREB", "organization") == "unrelated"
    assert text.relation("ALWAYS SMOOTH LIMITED", "ALWAYS SMOOTH LTD", "organization") == "spelling"
    assert text.relation("AL-QAIDA", "Al Qaida", "organization") == "same"
    # A loose respelling counts only beside a word that agrees: former vessel names do not.
    assert text.relation("LANTANA", "SANANDAJ", "vessel") == "unrelated"
    assert text.relation("HAMIEYE, Jamil", "HAMER, Jamil", "person") == "spelling"


def test_legal_forms_are_found_and_rewritten() -> None:
    found = forms.find_form("BREYELLER KALTBAND GMBH")
    assert found is not None and found.group.key == "gmbh"
    long = forms.replace_form("BREYELLER KALTBAND GMBH", found, found.group.forms[-1])
    assert long == "BREYELLER KALTBAND GESELLSCHAFT MIT BESCHRANKTER HAFTUNG"
    russian = forms.find_form("OPEN JOINT STOCK COMPANY NOVA")
    assert russian is not None and russian.group.key == "oao"  # the longest form wins
    assert forms.find_form("CIMEX, S.A.") is None  # "S.A." is Spanish only with a Spanish country
    assert forms.find_form("CIMEX, S.A.", ("Cuba",)) is not None


def test_number_words_and_cyrillic_and_han() -> None:
    assert forms.number_word(17) == "seventeen" and forms.ordinal_word(2) == "second"
    assert forms.ordinal_suffix(22) == "22nd" and forms.ordinal_suffix(11) == "11th"
    assert forms.to_cyrillic("Valeryevich") == "Валерьевич"
    assert forms.to_cyrillic("Sergey") == "Сергей" and forms.to_cyrillic("Zhukov") == "Жуков"
    assert forms.split_pinyin("fangwei") == ["fang", "wei"]
    han = pairs.han_name("LI, Fangwei", random.Random(1))
    assert han is not None and len(han) == 3
    assert [forms.reading_of(c) for c in han] == ["li", "fang", "wei"]
    other = pairs.homophone(han, random.Random(2), [1, 2])
    assert other and other != han and [forms.reading_of(c) for c in other] == ["li", "fang", "wei"]


def test_typos_change_one_letter_or_swap_two() -> None:
    rng = random.Random(3)
    for _ in range(50):
        made = pairs.typo("Aleksandr Lukashenko", rng, transpose=False)
        assert made is not None
        changed, _operation = made
        assert abs(len(changed) - len("Aleksandr Lukashenko")) <= 1 and changed[0] == "A"
        swapped, _ = pairs.typo("Lukashenko", rng, transpose=True) or ("", "")
        assert sorted(swapped) == sorted("Lukashenko") and swapped != "Lukashenko"


def test_generators_make_each_kind_of_pair() -> None:
    made = build.candidates(ENTRIES, seed=5)
    by_category: dict[str, list[pairs.Pair]] = {}
    for pair in made:
        by_category.setdefault(pair.category, []).append(pair)
        assert pair.query != pair.candidate
    assert {p.category for p in made} >= {
        "alias_person_latin",
        "script_arabic",
        "script_cyrillic",
        "script_han",
        "initials",
        "neg_nasab_swap",
        "neg_org_legal_only",
        "neg_vessel_number",
        "neg_number",
        "neg_legal_form",
        "neg_han_homophone",
        "neg_shared_surname",
        "abbrev_dots",
        "alias_unrelated",
    }
    nasab = by_category["neg_nasab_swap"][0]
    assert "Abdullah bin Khalid" in nasab.query and not nasab.label
    assert {p.query for p in by_category["script_arabic"]} == {"عمر حسن"}
    legal_only = by_category["neg_org_legal_only"][0]
    assert {legal_only.query, legal_only.candidate} == {"ALPHA TRADING LLC", "BETA TRADING LLC"}
    real_numbers = {(p.query, p.candidate) for p in by_category["neg_number"]}
    assert ("RIM GROUP INVESTMENTS II CORP", "RIM GROUP INVESTMENTS III CORP") in real_numbers or (
        "RIM GROUP INVESTMENTS III CORP",
        "RIM GROUP INVESTMENTS II CORP",
    ) in real_numbers
    assert any(p.query == "K.P.C." for p in by_category["abbrev_dots"]) or any(
        "L.L.C" in p.query or "LLC" in p.query for p in by_category["abbrev_dots"]
    )
    surnames = by_category["neg_shared_surname"]
    assert all({p.uids[0], p.uids[1]} == {"ofac:1", "ofac:2"} for p in surnames)
    assert all(
        p.label is False for c, ps in by_category.items() if c.startswith("neg_") for p in ps
    )


def test_build_rows_are_valid_and_deterministic() -> None:
    first = build.build(ENTRIES, "dev", seed=5)
    assert first == build.build(ENTRIES, "dev", seed=5)
    assert validate.problems(first) == []
    assert first and all(list(row) == list(build.FIELDS) for row in first)
    for split in ("dev", "test"):  # a split only uses its own entries
        rows = build.build(ENTRIES, split, seed=6)
        for row in rows:
            uids = re.findall(r"(?:un|ofac):[\w.]+", str(row["origin"]))
            assert uids and all(build.split_of(uid) == split for uid in uids)
    assert {build.split_of(e.uid) for e in ENTRIES} == {"dev", "test"}


def test_split_is_by_entry_and_stable() -> None:
    assert build.split_of("un:QDi.096") == build.split_of("un:QDi.096")
    splits = [build.split_of(f"ofac:{n}") for n in range(2000)]
    assert 0.15 < splits.count("test") / len(splits) < 0.25


def test_output_does_not_depend_on_hash_seed() -> None:
    script = (
        "import json; from tests.test_evalset_general import ENTRIES; "
        "from benchmarks.evalset.general import build; "
        "print(json.dumps(build.build(ENTRIES, 'dev', 5), ensure_ascii=False))"
    )
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]


def test_validator_catches_malformed_rows() -> None:
    good = dict(zip(build.FIELDS, ("a", "q", "c", "person", "typo_edit", True, "ofac:1")))
    rows = [
        good,
        dict(good),  # duplicate id
        {**good, "id": "b", "label": "true"},
        {**good, "id": "c", "category": "neg_number"},  # true label in a negative category
        {**good, "id": "d", "type": "ship", "query": " q"},
        {**good, "id": "e", "origin": "somewhere"},
        {"id": "f", "query": "q"},
    ]
    found = validate.problems(rows)
    assert any("duplicate" in p for p in found)
    assert any("not a boolean" in p for p in found)
    assert any("disagrees" in p for p in found)
    assert any("unknown type" in p for p in found) and any("padded" in p for p in found)
    assert any("names no list entry" in p for p in found)
    assert any("fields" in p for p in found)


def test_committed_sets_are_well_formed() -> None:
    for name in build.SETS.values():
        rows = validate.read(ROOT / "benchmarks" / "evalset" / name)
        assert validate.problems(rows) == [], name
        counts = validate.summary(rows)
        assert set(counts) <= {c.name for c in build.CATEGORIES}
    dev = validate.read(ROOT / "benchmarks" / "evalset" / build.SETS["dev"])
    assert len(dev) >= 2000 and sum(1 for r in dev if r["label"] is False) >= 800


@pytest.mark.realdata
@pytest.mark.slow
def test_committed_sets_equal_a_fresh_build() -> None:
    """general-dev.jsonl and general-test.jsonl are exactly what the generator makes."""
    folder = shared_path("data", "sanctions")
    if sources.missing_files(folder):
        pytest.skip("some list files are missing")
    entries = sources.read_all(folder)
    for split, seed in (("dev", build.DEV_SEED), ("test", build.TEST_SEED)):
        rows = build.build(entries, split, seed)
        path = ROOT / "benchmarks" / "evalset" / build.SETS[split]
        committed = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert rows == committed, "regenerate: python -m benchmarks.evalset.general"
