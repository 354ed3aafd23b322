"""Explanations are data rendered in English or Korean; the English text is the contract's."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import pytest

from benchmarks import screening_golden as golden
from wgdesk.screening import Screener
from wgdesk.screening.compare.entity import (
    birth_date_match,
    country_match,
    parse_birth_date,
    type_match,
)
from wgdesk.screening.compare.korean import korean_name_match
from wgdesk.screening.korean.names import read_korean_name
from wgdesk.screening.model import BirthDate, EntityType
from wgdesk.screening.reasons import Reason, from_json, reason
from wgdesk.screening.render import EN, KO, LANGUAGES, render, render_match, render_one
from wgdesk.screening.results import RuleResult
from wgdesk.screening.text import tokenize

# Parameters that are codes the Korean text translates, not data shown as written.
CODE_PARAMS = {("word_pair", "how"), ("factor", "factor"), ("type_conflict", "query")}
CODE_PARAMS |= {("type_conflict", "listed")}
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def test_every_reason_has_an_english_and_a_korean_sentence() -> None:
    assert set(EN) == set(KO)


def test_an_unknown_language_or_code_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="'fr'"):
        render_one(reason("no_words_agree"), "fr")
    with pytest.raises(KeyError, match="'no_such_reason'"):
        render_one(reason("no_such_reason"), "ko")
    assert LANGUAGES == ("en", "ko")


def _korean(query: str, listed: str) -> RuleResult:
    found = korean_name_match(read_korean_name(tokenize(query)), read_korean_name(tokenize(listed)))
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("query", "listed", "english", "korean"),
    [
        (
            "Lee Won-ho",
            "RI WON HO",
            "surname Lee = Ri (initial ㄹ, South/North spelling of 李); given name Won-Ho = Won Ho",
            "성 Lee = Ri (두음 ㄹ, 李의 남북한 표기 차이); 이름 Won-Ho = Won Ho",
        ),
        (
            "Kim Song Il",
            "Pak Song Chol",
            "surname Kim ≠ Pak (different surnames); "
            "given name Song Il ≠ Song Chol (syllable 2 differ)",
            "성 Kim ≠ Pak (다른 성); 이름 Song Il ≠ Song Chol (2번째 음절이 다름)",
        ),
        (
            "Kim Song",
            "Kim Song Chol",
            "surname Kim = Kim; given name Song vs Song Chol: one syllable missing",
            "성 Kim = Kim; 이름 Song 대 Song Chol: 한 음절 누락",
        ),
    ],
)
def test_korean_names_read_in_both_languages(
    query: str, listed: str, english: str, korean: str
) -> None:
    found = _korean(query, listed)
    assert found.detail == english
    assert render(found.reasons, "ko") == korean


def test_dates_countries_and_kinds_read_in_korean() -> None:
    listed = (BirthDate(dt.date(1964, 7, 17), dt.date(1964, 7, 17), "1964-07-17"),)
    results = [
        birth_date_match(parse_birth_date("1990-01-01"), listed),
        birth_date_match(parse_birth_date("1964-07-17"), listed),
        birth_date_match(parse_birth_date("1964"), listed),
        country_match(("US",), ("KP",)),
        country_match(("North Korea",), ("KP",)),
        type_match(EntityType.ORGANIZATION, EntityType.PERSON),
    ]
    assert [render(r.reasons, "ko") for r in results if r is not None] == [
        "생년월일 1990-01-01, 명단에는 1964-07-17",
        "생년월일 1964-07-17 일치",
        "생년월일 1964, 명단의 1964-07-17에 부합",
        "국가 US, 명단에는 KP",
        "국가 KP 일치",
        "조회 대상은 단체, 명단 항목은 개인",
    ]
    assert [r.detail for r in results if r is not None] == [
        "born 1990-01-01, list says 1964-07-17",
        "same date of birth 1964-07-17",
        "birth date 1964 fits 1964-07-17",
        "country US, list says KP",
        "country KP agrees",
        "the query is a organization, the entry a person",
    ]


def test_screening_details_read_in_korean(screener: Screener) -> None:
    born = screener.screen("Ri Won Chol", birth_date="1990-01-01").best
    country = screener.screen("Ri Won Chol", nationality="US").best
    kind = screener.screen("Ri Won Chol", type=EntityType.ORGANIZATION).best
    assert born is not None and country is not None and kind is not None
    assert "생년월일 1990-01-01, 명단에는 " in render_match(born.evidence, "ko")
    assert "국가 US, 명단에는 KP" in render_match(country.evidence, "ko")
    assert "조회 대상은 단체, 명단 항목은 개인" in render_match(kind.evidence, "ko")


def _shown_data(found: Reason) -> Iterator[str]:
    """Yield the parameters a sentence shows as written (names, dates, country codes)."""
    for key, value in found.params:
        if (found.code, key) in CODE_PARAMS:
            continue
        if isinstance(value, str):
            yield value
        elif isinstance(value, tuple):
            for item in value:
                if isinstance(item, Reason):
                    yield from _shown_data(item)
                else:
                    yield item


def _korean_words_only(found: Reason) -> str:
    """Return a reason's Korean sentence with the data it shows taken out."""
    text = render_one(found, "ko")
    for data in sorted(_shown_data(found), key=len, reverse=True):
        text = text.replace(data, " ") if data else text
    return text


@pytest.mark.slow
def test_every_fixture_explanation_renders_and_round_trips(screener: Screener) -> None:
    """Over the golden queries (typed too) and with details: English as before, Korean clean."""
    seen: set[str] = set()
    queries = list(golden.queries(golden.golden_sets()[0].sources, typed=True))
    details = [
        {"birth_date": "1964-07-17"},
        {"birth_date": "1990"},
        {"nationality": "KP"},
        {"nationality": "US"},
    ]
    for number, query in enumerate(queries):
        extra = details[number % len(details)] if number % 7 == 0 else {}
        result = screener.screen(query.name, type=query.type, **extra)
        for match in result.matches:
            assert render_match(match.evidence, "en") == match.explanation
            for rule in match.evidence:
                assert rule.detail == render(rule.reasons)
                for found in rule.reasons:
                    seen.add(found.code)
                    assert from_json(json.loads(json.dumps(found.as_json()))) == found
                    leftover = LATIN_WORD.findall(_korean_words_only(found))
                    assert not leftover, (found, render_one(found, "ko"))
    assert {"words_agree", "surname_north_south", "only_in_query", "only_in_list"} <= seen
