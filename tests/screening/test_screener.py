"""The Screener API on the fictional fixtures: decisions, ranking, details and bad input."""

from __future__ import annotations

import time

import pytest

from tests.screening.conftest import OFAC_FIXTURE, UN_FIXTURE
from wgdesk.screening import Decision, Query, Screener, Thresholds
from wgdesk.screening.lists import ListFormatError
from wgdesk.screening.model import EntityType, Entry, ListVersion, Name


def test_korean_spellings_and_hangul_find_the_listed_person(screener: Screener) -> None:
    for name in ("Lee Won-chol", "Wonchol Ri", "리원철", "이원철", "RI, Won Chol", "Yi Weon-cheol"):
        result = screener.screen(name)
        assert result.decision == Decision.MATCH, name
        assert {m.ref for m in result.matches} >= {"KPi.901", "9802"}
    best = screener.screen("Lee Won-chol").best
    assert best is not None and best.source == "un"  # UN first on a tie
    assert "South/North spelling" in best.explanation


def test_different_people_stay_clear(screener: Screener) -> None:
    assert screener.screen("Kim Song Min").decision == Decision.CLEAR
    assert screener.screen("Kim Chol Su").decision == Decision.CLEAR
    result = screener.screen("Kim Song Il")
    assert [m.ref for m in result.matches] == ["KPi.903"]


def test_organisations_by_romanization_and_translation(screener: Screener) -> None:
    assert screener.screen("조선대성은행").best.ref == "KPe.901"  # type: ignore[union-attr]
    assert screener.screen("조선민족보험총회사").best.ref == "KPe.903"  # type: ignore[union-attr]
    assert screener.screen("KNIC").best.ref == "KPe.903"  # type: ignore[union-attr]
    assert screener.screen("Korea Electric Power Corporation").decision == Decision.CLEAR
    assert screener.screen("신한은행").decision == Decision.CLEAR


def test_other_scripts_and_regimes(screener: Screener) -> None:
    assert screener.screen("محمد طاهر أنوري").best.ref == "TAi.901"  # type: ignore[union-attr]
    assert screener.screen("Mohammed Tahir Anwari").decision == Decision.MATCH
    assert screener.screen("Иван Петрович Сидоров").decision == Decision.MATCH
    assert screener.screen("Ivan Petrovich Sidorov").decision == Decision.MATCH


def test_conflicting_birth_date_lowers_a_match_to_review(screener: Screener) -> None:
    assert screener.screen("Ri Won Chol", birth_date="1964-07-17").decision == Decision.MATCH
    result = screener.screen("Ri Won Chol", birth_date="1990-01-01")
    assert result.decision == Decision.REVIEW
    assert "list says 1964-07-17" in result.matches[0].explanation


def test_type_and_country_adjust_the_score(screener: Screener) -> None:
    as_person = screener.screen("Korea Daesong Bank", type="person").best
    as_org = screener.screen("Korea Daesong Bank", type="organization").best
    assert as_person is not None and as_org is not None and as_person.score < as_org.score
    same = screener.screen("Ri Won Chol", nationality="KP").best
    other = screener.screen("Ri Won Chol", nationality="US").best
    assert same is not None and other is not None and same.score > other.score


def test_weak_alias_counts_a_little_less(screener: Screener) -> None:
    result = screener.screen("Haji Mudir")
    assert result.best is not None and result.best.score < 1.0
    assert "weak" in result.best.explanation


def test_thresholds_decide(screener: Screener) -> None:
    strict = Screener.from_lists([UN_FIXTURE], Thresholds(0.99, 0.999))
    assert strict.screen("Lee Won-chol").decision == Decision.CLEAR
    assert screener.thresholds == Thresholds(0.70, 0.88)


@pytest.mark.parametrize("name", ["", "   ", "\x00\x01", "---", "''"])
def test_empty_names_get_an_error(screener: Screener, name: str) -> None:
    result = screener.screen(name)
    assert result.error is not None and result.decision == Decision.CLEAR


def test_huge_name_is_refused_quickly(screener: Screener) -> None:
    started = time.perf_counter()
    result = screener.screen("Kim " * 2500)
    assert result.error is not None and "too long" in result.error
    assert time.perf_counter() - started < 1.0


def test_longest_accepted_name_is_screened_in_time(screener: Screener) -> None:
    started = time.perf_counter()
    result = screener.screen(("Ri Won Chol Kim Song Il " * 30)[:500])
    assert result.error is None
    assert time.perf_counter() - started < 2.0


def test_mixed_scripts_and_control_characters(screener: Screener) -> None:
    assert screener.screen("Ri 원철").decision == Decision.MATCH
    assert screener.screen("Ri\u200b Won\x07 Chol\n").decision == Decision.MATCH


def test_bad_details_are_errors_not_exceptions(screener: Screener) -> None:
    assert "not YYYY" in (screener.screen("Ri Won Chol", birth_date="yesterday").error or "")
    assert "type" in (screener.screen("Ri Won Chol", type="spaceship").error or "")


def test_screen_many_is_lazy_and_ordered(screener: Screener) -> None:
    queries = iter([Query("Kim Song Il", id="a"), Query("", id="b"), Query("KNIC", id="c")])
    results = screener.screen_many(queries)
    first = next(results)
    assert first.query.id == "a"
    assert [r.query.id for r in results] == ["b", "c"]


def test_limit_caps_candidates(screener: Screener) -> None:
    assert len(screener.screen("Korea Daesong Bank", limit=1).matches) == 1


def test_from_lists_rejects_hostile_and_truncated_files() -> None:
    bad = UN_FIXTURE.parent.parent / "lists" / "bad"
    for name in (
        "billion_laughs.xml",
        "truncated.xml",
        "external_entity.xml",
        "sdn_wrong_columns.csv",
    ):
        with pytest.raises(ListFormatError):
            Screener.from_lists([bad / name])


def test_from_store_uses_active_versions() -> None:
    from wgdesk.screening.lists import load_path
    from wgdesk.screening.store import SqliteListStore

    with SqliteListStore.default() as store:
        assert Screener.from_store(store).versions == ()
        for version in load_path(OFAC_FIXTURE):
            store.import_version(version)
    screener = Screener.from_store()
    assert [v.source for v in screener.versions] == ["ofac"]
    assert screener.screen("Daesong Bank").best.ref == "9801"  # type: ignore[union-attr]


def test_a_legal_form_in_parentheses_is_no_alias() -> None:
    # "(PVT)" is the name's legal form, not an acronym the entry is known by: the word
    # Private alone must not match it (PVT is a legal form, and one alone never matches).
    name = "ZIDCO HOLDINGS (PVT) LTD"
    entry = Entry("ofac", "10611", EntityType.ORGANIZATION, name, (Name(name),))
    screener = Screener([ListVersion("ofac", "t", "0", "t", (entry,))], Thresholds(0.70, 0.88))
    assert screener.screen("Private").decision == Decision.CLEAR
    assert screener.screen("PVT").decision == Decision.CLEAR
    assert screener.screen("Zidco Holdings Private Limited").decision == Decision.MATCH
