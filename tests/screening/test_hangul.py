"""Hangul syllable arithmetic and South normalisation."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wgdesk.screening.korean.hangul import (
    compose,
    decompose,
    has_hangul,
    is_syllable,
    jamo,
    normalize_syllable,
)

syllables = st.integers(0xAC00, 0xD7A3).map(chr)


@given(syllables)
def test_decompose_then_compose_is_identity(char: str) -> None:
    assert compose(*decompose(char)) == char


def test_jamo_of_known_syllables() -> None:
    assert jamo("원") == "ㅇㅝㄴ"
    assert jamo("리") == "ㄹㅣ"
    assert jamo("쌍") == "ㅆㅏㅇ"


@pytest.mark.parametrize(
    ("north", "south"),
    [
        ("리", "이"),
        ("류", "유"),
        ("로", "노"),
        ("림", "임"),
        ("량", "양"),
        ("라", "나"),
        ("려", "여"),
        ("렴", "염"),
        ("룡", "용"),
        ("륙", "육"),
        ("녀", "여"),
        ("례", "예"),
    ],
)
def test_initial_sound_law_unifies_north_and_south(north: str, south: str) -> None:
    assert normalize_syllable(north) == normalize_syllable(south)


def test_final_consonants_compare_by_sound_class() -> None:
    # 옷 and 옫 both end in a t-sound; 닭 and 닥 in a k-sound.
    assert normalize_syllable("옷") == normalize_syllable("옫")
    assert normalize_syllable("닭") == normalize_syllable("닥")
    assert normalize_syllable("박") != normalize_syllable("반")


def test_non_syllables_are_rejected() -> None:
    assert not is_syllable("a")
    assert not is_syllable("ㄱ")
    assert has_hangul("Kim 정은") and not has_hangul("Kim")
    with pytest.raises(ValueError, match="not a Hangul syllable"):
        decompose("x")
