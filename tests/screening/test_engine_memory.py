"""The engine's memory contract: a screener is freed by reference counting alone.

Entry points move a built index out of the cyclic collector's sight (``gc.freeze``, see
wgdesk/runtime.py), which is only safe while the index, its caches and the results hold no
reference cycles: a cycle would never be collected and a replaced list version would leak.
The engine itself leaves the collector alone.
"""

from __future__ import annotations

import gc
import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from wgdesk.runtime import BATCH_COLLECTION_THRESHOLD, BATCH_OLDER_THRESHOLD, batch_collection
from wgdesk.screening import Query, Screener
from wgdesk.screening.cache import BoundedCache
from wgdesk.screening.lists import load_path
from wgdesk.screening.terms import person_terms
from wgdesk.screening.text import tokenize

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
NAMES = ["Lee Won Chol", "리원철", "Korea Daesong Bank", "조선대성은행", "Ivan Petrov", "Kim"]


def _used_screener() -> Screener:
    """Build a screener and fill every cache it has (results, terms, key groups)."""
    screener = Screener(list(load_path(FIXTURES / "screening" / "un_screening.xml")))
    for name in NAMES:
        for kind in (None, "person", "organization"):
            screener.screen(name, type=kind, birth_date="1960")
    screener.screen_query(Query(NAMES[0]))  # a cache hit
    return screener


def _tracked(ids: set[int]) -> set[int]:
    """Return which of the objects, by identity, the collector still tracks."""
    return {id(o) for o in gc.get_objects() if id(o) in ids}


def test_a_used_screener_is_freed_without_the_cyclic_collector() -> None:
    screener = _used_screener()
    # By identity, not weak references: the compiled engine's classes (mypyc) take none.
    parts = (screener, screener.index, screener.retriever, screener.cache)
    ids = {id(x) for x in parts}
    was_enabled = gc.isenabled()
    gc.disable()  # only reference counting may free it
    try:
        assert _tracked(ids) == ids  # the check below can see each of them
        del screener, parts
        assert _tracked(ids) == set()
    finally:
        if was_enabled:
            gc.enable()


def test_candidates_are_the_same_with_the_key_caches_warm_or_cold() -> None:
    warm = _used_screener()
    cold = Screener(warm.versions, cache_size=0)
    for name in NAMES:
        groups = cold.analyse(name).key_groups
        assert warm.retriever.candidates(groups) == cold.retriever.candidates(groups)
        assert warm.screen(name) == cold.screen(name)


def test_a_batch_raises_the_collectors_threshold_and_restores_it() -> None:
    before = gc.get_threshold()
    with batch_collection():
        young, older, oldest = gc.get_threshold()
        assert young >= BATCH_COLLECTION_THRESHOLD and older >= BATCH_OLDER_THRESHOLD
        assert oldest == before[2]
        with batch_collection():  # nested or concurrent batches share the setting
            pass
        assert gc.get_threshold()[0] >= BATCH_COLLECTION_THRESHOLD
    assert gc.get_threshold() == before


def _batch(screener: Screener) -> Iterator[object]:
    """Screen the names as an entry point does: inside a batch of the collector."""
    with batch_collection():
        yield from screener.screen_many(Query(name) for name in NAMES)


def test_interleaved_batches_restore_the_thresholds_when_the_last_ends() -> None:
    before = gc.get_threshold()
    screener = Screener(list(load_path(FIXTURES / "screening" / "un_screening.xml")))
    first, second = _batch(screener), _batch(screener)
    next(first), next(second)
    first.close()  # the first batch ends while the second still runs
    assert gc.get_threshold()[0] >= BATCH_COLLECTION_THRESHOLD
    assert len(list(second)) == len(NAMES) - 1
    assert gc.get_threshold() == before


def test_the_engine_leaves_the_collector_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # Spy on the calls rather than compare gc.get_freeze_count(): objects frozen by an
    # earlier test in the same process may be freed meanwhile, and the count then drops.
    calls: list[str] = []
    # (Loading a list pauses the collector and restores it: a scoped pause, not tuning.)
    for name in ("freeze", "unfreeze", "set_threshold"):
        monkeypatch.setattr(gc, name, lambda *args, _name=name, **kw: calls.append(_name))
    before, enabled = gc.get_threshold(), gc.isenabled()
    screener = _used_screener()
    list(screener.screen_many(Query(name) for name in NAMES))
    assert (gc.get_threshold(), gc.isenabled()) == (before, enabled)
    assert calls == []


def test_a_term_pickled_in_another_process_is_found_by_its_equal_here() -> None:
    # Terms keep their hash; string hashes differ between processes, so a pickled term
    # must be rebuilt on loading, or it would miss its equal in every dictionary.
    code = (
        "import pickle, sys\n"
        "from wgdesk.screening.terms import person_terms\n"
        "from wgdesk.screening.text import tokenize\n"
        "sys.stdout.buffer.write(pickle.dumps(person_terms(tokenize('Ri Won Ho'))))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
    loaded = pickle.loads(done.stdout)
    here = person_terms(tokenize("Ri Won Ho"))
    assert loaded == here
    assert {term: i for i, term in enumerate(here)} == {term: i for i, term in enumerate(loaded)}


def test_kept_work_is_forgotten_all_at_once_when_full() -> None:
    kept: BoundedCache[str, int] = BoundedCache(3)
    for i, key in enumerate("abc"):
        assert kept.put(key, i) == i
    assert [kept.get(k) for k in "abc"] == [0, 1, 2]
    assert kept.put("d", 3) == 3
    assert len(kept) == 1 and kept.get("d") == 3 and kept.get("a") is None  # bounded
    assert (kept.hits, kept.misses) == (4, 1)


def test_postings_are_sorted_and_hold_one_object_per_name() -> None:
    index = _used_screener().index
    postings = {id(p): p for p in index.postings.values()}.values()
    assert all(list(p) == sorted(set(p)) for p in postings)  # record order, no repeats
    assert all(0 <= number < len(index.records) for p in postings for number in p)
    # The same name is the same int object in every posting: compiled code would otherwise
    # box a new int for each (7 MB over the real lists).
    objects = {id(number) for p in postings for number in p}
    assert len(objects) == len({number for p in postings for number in p})


def test_the_word_caches_are_empty_once_every_name_is_analysed() -> None:
    # Run on the sources in a process of its own: compiled, the index calls its helpers
    # directly and a spy would never see the call.
    code = (
        "from pathlib import Path\n"
        "from wgdesk.screening import Screener, index\n"
        "from wgdesk.screening.cache import _WORD_CACHES\n"
        "from wgdesk.screening.lists import load_path\n"
        "filled = []\n"
        "groups = index._key_groups\n"
        "def spy(analysed):\n"
        "    filled.append(sum(c.cache_info().currsize for c in _WORD_CACHES))\n"
        "    return groups(analysed)\n"
        "index._key_groups = spy\n"
        f"Screener(list(load_path(Path({str(FIXTURES / 'screening' / 'un_screening.xml')!r}))))\n"
        "print(filled)\n"
    )
    env = {**os.environ, "WGDESK_PURE_PYTHON": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
    # Emptied once every name is analysed, before the postings and records are made,
    # where the build's memory peaks.
    assert done.stdout.decode().split() == ["[0]"]
