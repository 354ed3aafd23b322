"""Project reviews end to end: our own set of realistic projects and the shared dev set.

tests/data/review/ holds 40 projects modelled on inter-Korean cooperation and DPRK
trade cases (the 2018-2019 exemptions, liaison office fuel, Kaesong, science, caps,
historic dates) with expected.yaml. Parties are screened with the real Screener over
the small UN list fixture.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import shared_path
from tests.rules.conftest import REVIEW_DATA, UN_MINI, cites, matches_citation
from wgdesk.rules.engine import Engine, Review
from wgdesk.rules.hs import Nomenclature
from wgdesk.rules.model import Verdict
from wgdesk.rules.project import load_project
from wgdesk.rules.vocabulary import ACTIVITY_KINDS
from wgdesk.screening.screener import Screener

SEVERE = {"exemption_required", "prohibited"}


@cache
def engine() -> Engine:
    """An engine screening parties with the real matcher over the UN fixture list."""
    return Engine(screener=Screener.from_lists([UN_MINI]))


def project_file(folder: Path, name: str) -> Path:
    """Return the .yaml or .json file of a project."""
    [path] = [p for p in folder.glob(f"{name}.*") if p.suffix in (".yaml", ".json")]
    return path


def verdict_ok(got: str, want: str) -> bool:
    """Compare a verdict with an expected verdict or class ('severe')."""
    return got in SEVERE if want == "severe" else got == want


def check(review: Review, expected: dict[str, Any]) -> list[str]:
    """Return every difference between a review and its expectation."""
    found = {
        "items": {r.item.id: r.finding for r in review.items},
        "activities": {r.activity.id: r.finding for r in review.activities},
        "parties": {r.party.name: r.finding for r in review.parties},
    }
    wrong = []
    if not verdict_ok(review.verdict.value, expected["verdict"]):
        wrong.append(f"project verdict {review.verdict.value} != {expected['verdict']}")
    for kind, entries in found.items():
        for ident, spec in (expected.get(kind) or {}).items():
            finding = entries[ident]
            if not verdict_ok(finding.verdict.value, spec[0]):
                wrong.append(f"{ident}: {finding.verdict.value} != {spec[0]}")
            if finding.verdict is not Verdict.NOT_RESTRICTED and not finding.rules:
                wrong.append(f"{ident}: restricted but cites no rule")
            if len(spec) > 1 and not matches_citation(finding.rules, spec[1]):
                wrong.append(f"{ident}: cites {cites(finding.rules)}, expected {spec[1]}")
    owed = {rule.id for rule, _, _ in review.notifications()}
    wrong += [
        f"notification {rid} missing"
        for rid in expected.get("notifications", [])
        if rid not in owed
    ]
    return wrong


OWN = yaml.safe_load((REVIEW_DATA / "expected.yaml").read_text(encoding="utf-8"))


def test_our_set_is_large_and_covers_every_area() -> None:
    assert len(OWN) >= 25
    kinds = {
        a.kind for name in OWN for a in load_project(project_file(REVIEW_DATA, name)).activities
    }
    assert kinds == set(ACTIVITY_KINDS)


@pytest.mark.parametrize("name", sorted(OWN))
def test_our_projects(name: str) -> None:
    review = engine().review(load_project(project_file(REVIEW_DATA, name)))
    assert check(review, OWN[name]) == []


def test_every_expected_project_file_is_listed() -> None:
    files = {
        p.stem
        for p in REVIEW_DATA.iterdir()
        if p.suffix in (".yaml", ".json") and p.stem != "expected"
    }
    assert files == set(OWN)


@pytest.mark.realdata
def test_our_projects_use_hs_2022_codes(nomenclature: Nomenclature) -> None:
    for name in OWN:
        project = load_project(project_file(REVIEW_DATA, name), nomenclature)
        assert project.notes == (), name


@pytest.mark.realdata
def test_the_shared_dev_set_gets_every_verdict_class_and_citation() -> None:
    folder = shared_path("eval", "review-dev")
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    assert len(expected) >= 2
    for name, spec in expected.items():
        review = engine().review(load_project(project_file(folder, name)))
        assert check(review, spec) == [], name


@pytest.mark.realdata
def test_a_designated_entity_on_the_real_un_list_makes_the_project_prohibited() -> None:
    un_2025 = shared_path("data", "sanctions", "un_consolidated_2025-04-19.xml")
    text = """title: Coal logistics partnership
start: 2019-03-01
parties:
  - name: Korea Mining Development Trading Corporation
    role: counterpart
    country: KP
    type: organization
  - {name: Korea Railroad Corporation, role: carrier, country: KR, type: organization}
items:
  - {id: flour, hs: '1101.00', direction: to_dprk}
"""
    from wgdesk.rules.project import read_project

    review = Engine(screener=Screener.from_lists([un_2025])).review(read_project(text, "yaml", "p"))
    designated, carrier = review.parties
    assert designated.decision == "match"
    assert designated.result is not None and designated.result.best is not None
    assert designated.result.best.ref.startswith("KPe.")
    assert designated.finding.verdict is Verdict.PROHIBITED
    assert cites(designated.finding.rules)[:2] == ["1718:OP8(d)", "2094:OP27"]
    assert carrier.decision != "match"
    assert review.verdict is Verdict.PROHIBITED
