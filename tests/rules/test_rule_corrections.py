"""Rule-base corrections from reviewing harder real projects (issue 13, item 7)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.rules.conftest import cites
from wgdesk.rules.engine import Review
from wgdesk.rules.model import Verdict
from wgdesk.rules.project import ProjectError, read_project
from wgdesk.rules.rulebase import RuleBase

ReviewOf = Callable[..., Review]


def _item(review: Review, ident: str) -> list[str]:
    """Return the citations of one item's finding."""
    return cites(next(r for r in review.items if r.item.id == ident).finding.rules)


def _activity(review: Review, ident: str) -> list[str]:
    """Return the citations of one activity's finding."""
    return cites(next(r for r in review.activities if r.activity.id == ident).finding.rules)


def test_a_luxury_annex_item_cites_the_ban_itself_next_to_the_annex(review_of: ReviewOf) -> None:
    """A celadon tea set over USD 100 cites 2321 Annex IV and the ban, 1718 OP8(a)(iii)."""
    review = review_of(
        """
start: 2018-09-18
items:
  - {id: tea, description: celadon porcelain tea set, hs: "6911.10", direction: to_dprk,
     quantity: 1, value_usd: 900}
"""
    )
    cited = _item(review, "tea")
    assert "2321:Annex IV" in cited
    assert "1718:OP8(a)(iii)" in cited
    assert cited.index("1718:OP8(a)(iii)") == cited.index("2321:Annex IV") + 1


@pytest.mark.parametrize(
    ("hs", "description", "annex"),
    [
        ("7113.19", "gold necklace", "2094:OP23"),
        ("9101.11", "luxury wrist watch", "2270:OP39"),
    ],
)
def test_every_luxury_annex_cites_the_ban(
    review_of: ReviewOf, hs: str, description: str, annex: str
) -> None:
    """Each annex that lists luxury goods is cited together with 1718 OP8(a)(iii)."""
    review = review_of(
        f"""
start: 2018-09-18
items:
  - {{id: gift, description: {description}, hs: "{hs}", direction: to_dprk}}
"""
    )
    cited = _item(review, "gift")
    assert annex in cited and "1718:OP8(a)(iii)" in cited


def test_the_ban_is_cited_once_when_two_annexes_list_an_item(review_of: ReviewOf) -> None:
    """An item under the ban's own wording and an annex cites 1718 OP8(a)(iii) only once."""
    review = review_of(
        """
start: 2018-09-18
items:
  - {id: car, description: luxury sedan, hs: "8703.23", direction: to_dprk}
"""
    )
    assert _item(review, "car").count("1718:OP8(a)(iii)") == 1


def test_an_ambulance_is_not_a_luxury_good(review_of: ReviewOf) -> None:
    """An ambulance (HS 8703) is a transport vehicle under 2397 OP7, not a luxury car."""
    review = review_of(
        """
start: 2019-03-01
items:
  - {id: amb, description: ambulance for the county hospital, hs: "8703.23", direction: to_dprk}
  - {id: car, description: passenger car, hs: "8703.23", direction: to_dprk}
"""
    )
    ambulance = _item(review, "amb")
    assert ambulance[0] == "2397:OP7"
    assert not [c for c in ambulance if c in ("2094:OP23", "1718:OP8(a)(iii)")]
    # The same code described as a car stays a luxury good, so the exclusion is by wording.
    assert "2094:OP23" in _item(review, "car")


def test_opening_a_branch_in_the_dprk_cites_2270_op34(
    review_of: ReviewOf, rulebase: RuleBase
) -> None:
    """Financial institutions opening branches in the DPRK: 2270 OP34, still unconfirmed."""
    review = review_of(
        """
start: 2018-10-15
activities:
  - {id: branch, kind: banking, description: opening a branch of a southern bank in Kaesong}
"""
    )
    assert _activity(review, "branch")[0] == "2270:OP34"
    # The reference lists 2270 OP33-35 among the paragraphs no source confirmed.
    assert rulebase.get("FIN-06").confirmed is False


def test_trade_insurance_does_not_cite_the_vessel_insurance_paragraph(
    review_of: ReviewOf,
) -> None:
    """Export-credit or cargo insurance is trade finance (2321 OP32), not vessel insurance."""
    review = review_of(
        """
start: 2018-10-15
activities:
  - {id: credit, kind: financial_support, description: export credit insurance for machinery}
  - {id: cargo, kind: financial_support, description: cargo insurance for the rice shipment}
  - {id: hull, kind: financial_support, description: hull insurance for a DPRK-operated vessel}
"""
    )
    for ident in ("credit", "cargo"):
        assert "2321:OP22" not in _activity(review, ident), ident
    assert "2321:OP22" in _activity(review, "hull")


def test_a_third_party_charter_is_judged_as_neither_direction(review_of: ReviewOf) -> None:
    """A flight chartered by a Southern ministry from a Southern airline is no DPRK charter."""
    text = """
start: 2018-10-04
activities:
  - {id: flight, kind: vessel_charter, description: flight chartered by the Ministry of
     Unification from Korean Air to carry the delegation to Pyongyang%s}
"""
    third = review_of(text % ", direction: third_party")
    unset = review_of(text % "")
    flight = next(r for r in third.activities if r.activity.id == "flight")
    assert flight.activity.direction == "third_party"
    assert flight.finding.verdict is Verdict.NOT_RESTRICTED
    # Without the value both readings are judged, and the to-DPRK reading needs an exemption.
    assert "2321:OP8" in _activity(unset, "flight")


def test_third_party_is_for_activities_only() -> None:
    """Goods cross the border one way or the other, so items refuse third_party."""
    text = 'items: [{id: x, hs: "8602.10", direction: third_party}]'
    with pytest.raises(ProjectError, match="third_party"):
        read_project(text, "yaml", "test.yaml")
