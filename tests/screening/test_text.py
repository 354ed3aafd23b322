"""Normalisation: cleaning, folding, tokenising and skeleton keys."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wgdesk.screening.text import clean, fold, skeleton, tokenize


def test_fold_strips_breves_apostrophes_and_case() -> None:
    assert fold("KO CH'O'L-CHAE") == "ko chol-chae"
    assert fold("Pyo’ng") == "pyong"
    assert fold("Chŏng Ch'ŏl") == "chong chol"
    assert fold("Han'gŭl") == "han-gul"  # MR n'g separates syllables
    assert fold("리원호") == "리원호"  # Hangul stays composed


def test_tokenize_reads_surname_comma() -> None:
    tokens = tokenize("RI, Won-ho")
    assert [w.parts for w in tokens.words] == [("ri",), ("won", "ho")]
    assert tokens.comma == 1
    assert tokenize("Ri Won Ho").comma is None


def test_clean_drops_control_characters() -> None:
    assert clean("Kim\x00 Song\u200b\tChol\n") == "Kim Song Chol"


@pytest.mark.parametrize(
    "variants",
    [
        ("Daesong", "Taesong", "Daeseong", "대성"),
        ("Ryonbong", "Yonbong", "Ryonpong"),
        ("Amroggang", "Amrokgang"),
        ("Namchongang", "Namcheonkang"),
        ("Phyongchon", "Pyongcheon"),
        ("Muhammad", "Mohammed", "محمد"),
    ],
)
def test_spelling_variants_share_a_skeleton(variants: tuple[str, ...]) -> None:
    assert len({skeleton(fold(v)) for v in variants}) == 1


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@given(st.text())
def test_clean_leaves_no_control_characters(text: str) -> None:
    cleaned = clean(text)
    assert not any(unicodedata.category(c) in ("Cc", "Cf") for c in cleaned)
    assert cleaned == cleaned.strip()


@given(st.text())
def test_tokenize_and_skeleton_never_fail(text: str) -> None:
    for word in tokenize(text).words:
        assert all(word.parts)
        assert skeleton(word.text) == skeleton(word.text).strip()
