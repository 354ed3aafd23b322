"""Reading sets: which Hangul syllables a Latin spelling may stand for."""

from __future__ import annotations

from functools import cache
from importlib import resources

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from wgdesk.screening.korean.hangul import (
    FINALS,
    INITIALS,
    MEDIALS,
    decompose,
    final_class,
    normalize_syllable,
)
from wgdesk.screening.korean.names import read_korean_name, surname_keys
from wgdesk.screening.korean.readings import (
    fewest_syllables,
    join_segmentations,
    segmentations,
    sequences_agree,
    syllable_readings,
)
from wgdesk.screening.korean.tables import fold_spelling, glossary, letters, surnames
from wgdesk.screening.text import tokenize


@cache
def _official(system: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Return the first spelling of every jamo in one official system."""
    data = yaml.safe_load(
        resources.files("wgdesk.screening.korean")
        .joinpath("data")
        .joinpath("romanization.yaml")
        .read_text("utf-8")
    )
    return tuple(
        {j: fold_spelling(v[system][0]) for j, v in data[slot].items()}  # type: ignore[misc]
        for slot in ("initials", "medials", "finals")
    )


@pytest.mark.parametrize("system", ["rr", "mr", "dprk"])
@settings(max_examples=400)
@given(code=st.integers(0xAC00, 0xD7A3))
def test_every_syllable_reads_back_from_each_system(system: str, code: int) -> None:
    # Spell a syllable letter by letter in a system; its reading set holds the syllable.
    initials, medials, finals = _official(system)
    initial, medial, final = decompose(chr(code))
    head = FINALS[final_class(final)]
    spelling = initials[INITIALS[initial]] + medials[MEDIALS[medial]] + finals[head]
    assert normalize_syllable(chr(code)) in syllable_readings(spelling)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("song", "sung"),
        ("chol", "cheol"),
        ("chol", "chul"),
        ("kyong", "gyeong"),
        ("kyong", "kyung"),
        ("jong", "jeong"),
        ("jong", "chung"),
        ("hyok", "hyuk"),
        ("hui", "hee"),
        ("u", "woo"),
        ("ri", "yi"),
        ("ryong", "yong"),
        ("shik", "sik"),
        ("choe", "choi"),
        ("pong", "bong"),
        ("thaek", "taek"),
        ("phyong", "pyeong"),
        ("kum", "geum"),
        ("un", "eun"),
    ],
)
def test_variant_spellings_share_a_reading(a: str, b: str) -> None:
    assert syllable_readings(a) & syllable_readings(b)


@pytest.mark.parametrize(
    ("a", "b"), [("il", "chol"), ("ho", "hyok"), ("min", "chol"), ("su", "gil")]
)
def test_different_syllables_do_not_share_a_reading(a: str, b: str) -> None:
    assert not syllable_readings(a) & syllable_readings(b)


def test_joined_given_names_are_cut_into_syllables() -> None:
    assert any(len(cut) == 2 for cut in segmentations("wonho"))
    assert any(
        sequences_agree(cut, segmentations("won")[0] + segmentations("ho")[0])
        for cut in segmentations("wonho")
    )
    # Ambiguous cuts are all kept: sun-gil and sung-il.
    assert {len(c) for c in segmentations("sungil")} == {2}
    assert len(segmentations("sungil")) == 2
    assert segmentations("xyz") == ()


def test_surnames_are_found_by_table_and_by_reading() -> None:
    lee = surname_keys("lee")
    assert (
        lee
        == surname_keys("ri")
        == surname_keys("yi")
        == surname_keys("rhee")
        == surname_keys("리")
        == surname_keys("이")
    )
    assert surname_keys("park") == surname_keys("pak") == surname_keys("박")
    assert surname_keys("namgung") and len(next(iter(surname_keys("namgung")))) == 2
    assert surname_keys("smith") == frozenset()


def test_name_readings_cover_orders_and_commas() -> None:
    assert len(read_korean_name(tokenize("Kim Song Chol"))) == 1  # "Chol" is no surname
    assert len(read_korean_name(tokenize("RI, Won Ho"))) == 1  # the comma fixes the order
    assert len(read_korean_name(tokenize("Ri Won Ho"))) == 2  # Ho may be a surname (허)
    assert read_korean_name(tokenize("리원호"))[0].given_text == "원호"
    assert read_korean_name(tokenize("John Smith")) == ()


def test_data_tables_load() -> None:
    tables = letters()
    assert tables.initials["ch"] >= {INITIALS.index("ㅈ"), INITIALS.index("ㅊ")}
    assert len(surnames().surnames) > 90
    assert glossary()["은행"].english[0] == "Bank"


@pytest.mark.parametrize(
    ("word", "fewest"),
    [
        ("jindong", 2),
        ("kimjongun", 3),
        ("pyongyang", 2),
        ("meshedani", 4),  # me-she-da-ni: a word, not a name's syllables
        ("hekmatyar", None),  # no cut into Korean syllables at all
        ("kim-jong", None),  # a hyphen is no letter: parts are counted one by one
    ],
)
def test_fewest_syllables_counts_the_shortest_cut(word: str, fewest: int | None) -> None:
    assert fewest_syllables(word) == fewest
    cuts = join_segmentations((word,))
    # The same answer as the readings' own cuts, without building them.
    assert fewest == (min(len(cut) for cut in cuts) if cuts else None)
