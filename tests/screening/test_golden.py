"""The golden files still hold: every answer of the engine is the one committed.

A change to the engine that changes an answer fails here; run
``python benchmarks/screening_golden.py --check`` to read the differences and, once each
is one you meant, ``python benchmarks/screening_golden.py`` to rewrite the files.
"""

from __future__ import annotations

import pytest

from benchmarks import screening_golden as golden


def _sets(prefix: str) -> list[golden.GoldenSet]:
    return [g for g in golden.golden_sets() if g.name.startswith(prefix)]


def _check(golden_set: golden.GoldenSet) -> None:
    path = golden.GOLDEN / f"{golden_set.name}.jsonl"
    old = path.read_text(encoding="utf-8").splitlines()
    new = golden.build(golden_set)
    assert len(new) == len(old), f"{path.name}: {len(new)} queries, {len(old)} in the file"
    differ = golden.differences(old, new)
    assert not differ, f"{path.name}: {len(differ)} answers differ, first {differ[:5]}"


@pytest.mark.slow
def test_the_fixture_golden_file_holds() -> None:
    (fixture,) = _sets("fixture")
    _check(fixture)


@pytest.mark.realdata
@pytest.mark.slow
@pytest.mark.parametrize("name", ["real-un", "real-un-ofac"])
def test_the_real_golden_files_hold(name: str) -> None:
    found = _sets(name)
    if not found or found[0].name != name:
        pytest.skip("the real lists are not in the shared folder")
    _check(found[0])
