"""Behaviours added for organisations and aliases: assimilation, glossary, weights, rules."""

from __future__ import annotations

import pytest

from wgdesk.screening.analyse import given_name_alias
from wgdesk.screening.compare.korean import korean_name_match
from wgdesk.screening.compare.terms import align
from wgdesk.screening.index import ScreeningIndex
from wgdesk.screening.korean.names import read_korean_name
from wgdesk.screening.korean.readings import any_sequences_agree, join_segmentations
from wgdesk.screening.korean.romanize import romanizations
from wgdesk.screening.model import EntityType, Entry, ListVersion, Name
from wgdesk.screening.terms import Role, org_terms, term_set
from wgdesk.screening.text import Token, tokenize


def agree(a: tuple[str, ...], b: tuple[str, ...], assimilate: bool = True) -> bool:
    return any_sequences_agree(
        join_segmentations(a, assimilate=assimilate), join_segmentations(b, assimilate=assimilate)
    )


def test_nasal_assimilation_joins_place_name_spellings_only() -> None:
    for spelling in ("amroggang", "amnokkang", "aprokgang", "ablokgang"):
        assert agree(("압록강",), (spelling,)), spelling
    assert agree(("aprokgang",), ("amroggang",))
    # Personal names are written letter by letter: Sok Min is not Song Min.
    assert not agree(("sok", "min"), ("song", "min"), assimilate=False)
    names = (
        read_korean_name(tokenize("Choe Song Min")),
        read_korean_name(tokenize("CH'OE SO'K MIN")),
    )
    result = korean_name_match(*names)
    assert result is not None and result.score < 0.70


def test_romanizations_of_hangul_words() -> None:
    assert {"unsan"} <= romanizations("운산")
    assert {"daeseong", "taesong"} <= romanizations("대성")
    assert "ryonbong" in romanizations("련봉") and "yeonbong" in romanizations("련봉")
    assert romanizations("abc") == frozenset()


def test_glossary_is_read_as_written_before_the_north_spelling() -> None:
    trade = org_terms(tokenize("무역"))[0]
    forces = org_terms(tokenize("무력"))[0]
    assert ("trade",) in trade.translations and ("armed", "force") in forces.translations
    united = org_terms(tokenize("련합"))[0]  # the North's spelling of 연합
    assert ("united",) in united.translations


def test_numbers_and_ordinals_in_hangul_names() -> None:
    office = org_terms(tokenize("39호실"))
    assert [t.key for t in office] == ["39", "호실"]
    assert office[0].role == Role.NUMBER  # the 39 of OFFICE 39
    second = org_terms(tokenize("제2경제위원회"))[0]
    assert (second.key, second.role, second.shown) == ("2", Role.NUMBER, "제2")
    assert org_terms(tokenize("Second Economic Committee"))[0].key == "2"


def test_short_legal_form_opening_a_name_is_a_word() -> None:
    assert org_terms(tokenize("AB LOG GANG BANK"))[0].role == Role.WORD
    assert org_terms(tokenize("Volvo AB"))[-1].role == Role.LEGAL


def _score(query: str, listed: str) -> float:
    index = ScreeningIndex(
        [
            ListVersion(
                "un",
                "test",
                "0",
                "test",
                tuple(
                    Entry("un", f"KPe.{i}", EntityType.ORGANIZATION, n, (Name(n),), ("DPRK",))
                    for i, n in enumerate((listed, "KOREA SAMIL TRADING", "HANA UNITED BANK"))
                ),
            )
        ]
    )
    q = term_set(org_terms(tokenize(query)))
    record = next(i for i, r in enumerate(index.records) if r.value == listed)
    found = align(
        q, index.query_weights(q.terms), index.records[record].terms, index.records[record].weights
    )
    return 0.0 if found is None else found.score


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Bank of Korea", "KOREA TRADING BANK"),  # generic words only, and Trading is missing
        ("Korea Development Bank", "KOREA UNITED DEVELOPMENT BANK"),
        ("Korea National Oil Corporation", "KOREAN NATIONAL INSURANCE COMPANY"),  # substitution
    ],
)
def test_generic_or_substituted_organisations_stay_below_review(query: str, listed: str) -> None:
    assert _score(query, listed) < 0.70


def test_exact_spelling_beats_a_variant_when_only_korea_differs() -> None:
    assert _score("TAESONG TRADING CO", "KOREA TAESONG TRADING COMPANY") > _score(
        "TAESONG TRADING CO", "DAESONG TRADING COMPANY"
    )


def test_given_name_only_alias_inherits_the_entry_surname() -> None:
    family = read_korean_name(tokenize("KIM YONG CHOL"))
    alias = given_name_alias(Token(("young", "chul")), family)
    assert alias and alias[0].surname == family[0].surname
    other = korean_name_match(read_korean_name(tokenize("Pak Yong Chol")), alias)
    same = korean_name_match(read_korean_name(tokenize("Kim Young-chul")), alias)
    assert other is not None and other.score < 0.70
    assert same is not None and same.score >= 0.88
