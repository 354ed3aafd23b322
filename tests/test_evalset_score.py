"""The evaluation scorer applies shared/eval/README.md's rules exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.evalset import score
from benchmarks.evalset.score import Result

QUERIES = [
    {"id": "q1", "name": "Lee Won-ho", "category": "lat", "expect": "KPi.033"},
    {"id": "q2", "name": "Wonho Ri", "category": "lat", "expect": "KPi.033"},
    {"id": "q3", "name": "리원호", "category": "hangul", "expect": "KPi.033"},
    {"id": "q4", "name": "Kim Song Min", "category": "neg", "expect": None},
    {"id": "q5", "name": "Ban Ki-moon", "category": "neg", "expect": None},
]


def row(qid: str, decision: str, *refs: str) -> dict[str, object]:
    """An output line of `wgdesk screen --format jsonl`."""
    matches = [
        {"source": "un", "ref": r, "name": r, "score": 0.9 - i / 10} for i, r in enumerate(refs)
    ]
    return {"id": qid, "name": qid, "decision": decision, "matches": matches}


@pytest.mark.parametrize(
    ("expect", "result", "ok"),
    [
        ("KPi.033", Result("match", "KPi.033"), True),
        (
            "KPi.033",
            Result("review", "KPi.033"),
            True,
        ),  # review counts: the README says "not clear"
        ("KPi.033", Result("clear", "KPi.033"), False),  # right candidate, but cleared
        ("KPi.033", Result("match", "KPi.052"), False),  # flagged, but the wrong entry ranks first
        ("KPi.033", Result("review"), False),  # no candidate at all
        (None, Result("clear"), True),
        (None, Result("clear", "KPi.030"), True),  # a low candidate is not an alert
        (None, Result("review", "KPi.030"), False),
        (None, Result("match", "KPi.030"), False),
    ],
)
def test_judge_applies_the_readme_rules(expect: str | None, result: Result, ok: bool) -> None:
    assert score.judge(expect, result) is ok


def test_best_ranked_match_is_the_first_one() -> None:
    result = Result.from_json(row("q1", "review", "KPi.052", "KPi.033"))
    assert result.best_ref == "KPi.052"
    assert score.judge("KPi.033", result) is False


def test_errors_and_missing_results_count_as_clear() -> None:
    results = score.load_results(
        [{"id": "q1", "error": "empty name"}, row("q4", "match", "KPi.030")]
    )
    outcomes = {o.id: o for o in score.score(QUERIES, results)}
    assert outcomes["q1"].result.error == "empty name" and not outcomes["q1"].ok
    assert outcomes["q2"].result.error == "no result" and not outcomes["q2"].ok
    assert not outcomes["q4"].ok  # false alert
    assert outcomes["q5"].ok  # no result for an unlisted name: not an alert


def test_rates_per_category() -> None:
    results = score.load_results(
        [
            row("q1", "match", "KPi.033"),
            row("q2", "clear", "KPi.033"),
            row("q3", "review", "KPi.033"),
            row("q4", "review", "KPi.030"),
            row("q5", "clear"),
        ]
    )
    groups = score.by_category(score.score(QUERIES, results))
    assert list(groups) == ["lat", "hangul", "neg"]
    assert groups["lat"].rate == pytest.approx(0.5)  # found share
    assert groups["hangul"].rate == pytest.approx(1.0)
    assert groups["neg"].rate == pytest.approx(0.5)  # false-alert share
    assert [o.id for o in groups["lat"].failures] == ["q2"]


def test_report_and_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    queries = tmp_path / "q.jsonl"
    results = tmp_path / "r.jsonl"
    queries.write_text(
        "".join(json.dumps(q, ensure_ascii=False) + "\n" for q in QUERIES), encoding="utf-8"
    )
    lines = [
        row("q1", "match", "KPi.033"),
        row("q2", "review", "KPi.024"),
        row("q4", "match", "KPi.030"),
    ]
    results.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    assert score.main([str(queries), str(results)]) == 0
    out = capsys.readouterr().out
    assert "lat" in out and "found  50.0%" in out
    assert "false alerts  50.0%" in out
    assert "'Wonho Ri': want KPi.033; got review, best KPi.024" in out
    assert "'리원호': want KPi.033; got error: no result" in out
