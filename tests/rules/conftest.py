"""Fixtures for the rules engine: the rule base, projects from text, and a screening double."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, shared_path
from wgdesk.rules.engine import Engine, Review
from wgdesk.rules.hs import Nomenclature
from wgdesk.rules.project import Project, read_project
from wgdesk.rules.rulebase import RuleBase, default_rulebase
from wgdesk.screening.model import EntityType
from wgdesk.screening.results import Decision, Match, Query, ScreeningResult

REVIEW_DATA = Path(__file__).resolve().parent.parent / "data" / "review"
UN_MINI = FIXTURES / "lists" / "un_mini.xml"


class ListedNames:
    """A test double for the PartyScreener protocol: decisions looked up in a dict."""

    def __init__(self, decisions: dict[str, Decision]) -> None:
        self.decisions = decisions
        self.calls: list[tuple[str, EntityType | None, str | None]] = []

    def screen(
        self,
        name: str,
        *,
        type: EntityType | None = None,
        birth_date: str | None = None,
        nationality: str | None = None,
        country: str | None = None,
    ) -> ScreeningResult:
        """Return the decision the test set for this name, with one candidate when not clear."""
        self.calls.append((name, type, country))
        decision = self.decisions.get(name, Decision.CLEAR)
        query = Query(name, type, birth_date, nationality, country)
        if decision is Decision.CLEAR:
            return ScreeningResult(query, decision)
        match = Match(
            "un",
            "KPe.999",
            name.upper(),
            name.upper(),
            0.95 if decision is Decision.MATCH else 0.75,
            "test double",
            decision,
            type or EntityType.ORGANIZATION,
        )
        return ScreeningResult(query, decision, (match,))


@pytest.fixture(scope="session")
def rulebase() -> RuleBase:
    """The packaged rule base."""
    return default_rulebase()


@pytest.fixture(scope="session")
def nomenclature() -> Nomenclature:
    """The real HS 2022 nomenclature from the shared folder."""
    return Nomenclature.load(shared_path("data", "hs", "harmonized-system-2022.csv"))


@pytest.fixture
def project_from() -> Callable[[str], Project]:
    """Build a project from YAML text."""
    return lambda text: read_project(text, "yaml", "test.yaml")


@pytest.fixture
def review_of(rulebase: RuleBase) -> Callable[..., Review]:
    """Review YAML text on an optional date with an optional screener."""

    def review(text: str, day: str | None = None, screener: ListedNames | None = None) -> Review:
        project = read_project(text, "yaml", "test.yaml")
        engine = Engine(rulebase, screener)
        return engine.review(project, dt.date.fromisoformat(day) if day else None)

    return review


def cites(rule_list: list) -> list[str]:  # type: ignore[type-arg]
    """Return 'RES:OPn' citations of rules, in order."""
    return [f"{r.resolution}:{r.paragraph}" for r in rule_list]


def matches_citation(rule_list: list, expected: str) -> bool:  # type: ignore[type-arg]
    """True when the first cited rule is one of 'RES:OPn|RES:OPm' (OPn covers OPn(a)...)."""
    if not rule_list:
        return False
    first = rule_list[0]
    for alternative in expected.split("|"):
        resolution, _, paragraph = alternative.partition(":")
        same = first.paragraph == paragraph or first.paragraph.startswith(paragraph + "(")
        if first.resolution == resolution and same:
            return True
    return False
