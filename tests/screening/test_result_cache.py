"""The screener's result cache: repeated queries are answered again, correctly."""

from __future__ import annotations

import copy
import threading
from pathlib import Path

import pytest

from wgdesk.screening import Query, Screener, Thresholds
from wgdesk.screening.cache import BoundedCache
from wgdesk.screening.lists import load_path

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture(scope="module")
def screener() -> Screener:
    """A screener over the small UN fixture list."""
    return Screener(list(load_path(FIXTURES / "screening" / "un_screening.xml")))


def test_repeat_is_answered_from_the_cache_with_the_same_result(screener: Screener) -> None:
    first = screener.screen_query(Query("Lee Won Chol"))
    hits = screener.cache.hits
    again = screener.screen_query(Query("Lee Won Chol"))
    assert screener.cache.hits == hits + 1
    assert again == first


def test_a_repeat_keeps_the_callers_own_id(screener: Screener) -> None:
    screener.screen_query(Query("Lee Won Chol", id="row-1"))
    second = screener.screen_query(Query("Lee Won Chol", id="row-2"))
    assert second.query.id == "row-2"
    assert second.matches == screener.screen_query(Query("Lee Won Chol", id="row-1")).matches


def test_other_details_are_another_query(screener: Screener) -> None:
    plain = screener.screen_query(Query("Lee Won Chol"))
    dated = screener.screen_query(Query("Lee Won Chol", birth_date="1900-01-01"))
    assert dated.query.birth_date == "1900-01-01"
    assert plain.best is not None and dated.best is not None
    assert dated.best.score != plain.best.score


def test_a_copy_with_other_thresholds_does_not_reuse_results(screener: Screener) -> None:
    strict = copy.copy(screener)
    strict.thresholds = Thresholds(review=0.99, match=0.999)
    screener.screen_query(Query("Lee Won Chol"))
    assert screener.screen_query(Query("Lee Won Chol")).matches
    assert strict.screen_query(Query("Lee Won Chol")).matches == ()


def test_an_unhashable_name_is_screened_without_the_cache(screener: Screener) -> None:
    result = screener.screen_query(Query(["Ri"]))  # type: ignore[arg-type]
    assert result.error == "empty name"


def test_the_cache_is_bounded_and_keeps_the_newest() -> None:
    cache: BoundedCache[object, object] = BoundedCache(2)
    results = {}
    for name in ("a", "b", "c"):
        key = (Query(name), 10, Thresholds(0.7, 0.9), 10)
        results[name] = key
        cache.put(key, object())
        assert len(cache) <= 2
    assert cache.get(results["a"]) is None
    assert cache.get(results["c"]) is not None


def test_a_zero_size_cache_keeps_nothing() -> None:
    cache: BoundedCache[object, object] = BoundedCache(0)
    key = (Query("a"), 10, Thresholds(0.7, 0.9), 10)
    cache.put(key, object())
    assert cache.get(key) is None


def test_threads_share_the_cache_safely(screener: Screener) -> None:
    names = [f"Lee Won Chol {i % 7}" for i in range(200)]
    expected = {n: screener.screen_query(Query(n)).decision for n in set(names)}
    failures: list[str] = []

    def work() -> None:
        for name in names:
            if screener.screen_query(Query(name)).decision != expected[name]:
                failures.append(name)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
