"""The review engine: verdicts by direction, HS code, date, kind and field; caps; parties."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.rules.conftest import ListedNames, cites, matches_citation
from wgdesk.rules.engine import Review
from wgdesk.rules.model import Verdict
from wgdesk.screening.results import Decision

Reviewer = Callable[..., Review]


def one_item(hs: str, direction: str, description: str = "goods", extra: str = "") -> str:
    """Return a project with a single item."""
    return (
        "title: t\nitems:\n"
        f"  - {{id: x, hs: '{hs}', direction: {direction}, "
        f"description: {json.dumps(description)}{extra}}}\n"
    )


def one_activity(
    kind: str, field: str | None = None, description: str = "work", extra: str = ""
) -> str:
    """Return a project with a single activity."""
    field_part = f", field: '{field}'" if field else ""
    text = json.dumps(description)
    entry = f"{{id: a, kind: {kind}, description: {text}{field_part}{extra}}}"
    return f"title: t\nactivities:\n  - {entry}\n"


def item_finding(review_of: Reviewer, hs: str, direction: str, day: str, **kw: str):  # type: ignore[no-untyped-def]
    return review_of(one_item(hs, direction, **kw), day).items[0].finding


@pytest.mark.parametrize(
    ("hs", "direction", "day", "verdict", "citation"),
    [
        # Supply bans of 2397 OP7 by HS chapter, and nothing before 22 Dec 2017.
        ("8415.10", "to_dprk", "2018-06-01", "exemption_required", "2397:OP7"),
        ("8415.10", "to_dprk", "2017-06-01", "not_restricted", None),
        ("8704.31", "to_dprk", "2019-01-01", "exemption_required", "2397:OP7"),
        ("7308.90", "to_dprk", "2019-01-01", "exemption_required", "2397:OP7"),
        ("8302.41", "to_dprk", "2019-01-01", "exemption_required", "2397:OP7"),
        ("9403.50", "to_dprk", "2019-01-01", "not_restricted", None),
        ("1101.00", "to_dprk", "2019-01-01", "not_restricted", None),
        # Direction matters: HS 84 from the DPRK is 2397 OP6, HS 12 to the DPRK is free.
        ("8415.10", "from_dprk", "2019-01-01", "exemption_required", "2397:OP6"),
        ("1209.91", "to_dprk", "2019-01-01", "not_restricted", None),
        ("1211.20", "from_dprk", "2019-01-01", "exemption_required", "2397:OP6"),
        # Exports by commodity and date.
        ("6109.10", "from_dprk", "2018-01-01", "exemption_required", "2375:OP16"),
        ("6109.10", "from_dprk", "2017-09-10", "not_restricted", None),
        ("7901.11", "from_dprk", "2017-01-01", "exemption_required", "2321:OP28"),
        ("0303.55", "from_dprk", "2017-08-05", "exemption_required", "2371:OP9"),
        ("0303.55", "from_dprk", "2017-08-04", "not_restricted", None),
        ("7801.10", "from_dprk", "2018-01-01", "exemption_required", "2371:OP10"),
        ("7108.12", "from_dprk", "2016-03-02", "exemption_required", "2270:OP30"),
        ("2701.12", "from_dprk", "2016-01-15", "not_restricted", None),
        ("2701.12", "from_dprk", "2016-06-01", "notification_required", "2270:OP29"),
        ("2701.12", "from_dprk", "2017-01-15", "notification_required", "2321:OP26"),
        ("2701.12", "from_dprk", "2017-08-05", "exemption_required", "2371:OP8"),
        ("2701.12", "from_dprk", "2018-08-05", "exemption_required", "2371:OP8"),
        # Arms and WMD items are prohibited in both directions.
        ("9301.90", "to_dprk", "2008-01-01", "prohibited", "1718:OP8"),
        ("9301.90", "from_dprk", "2008-01-01", "prohibited", "1718:OP8"),
        ("2844.20", "to_dprk", "2019-01-01", "prohibited", "1718:OP8"),
        ("9302.00", "to_dprk", "2015-01-01", "notification_required", "1874:OP10"),
        ("9302.00", "to_dprk", "2016-03-02", "prohibited", "2270:OP6"),
        # Fuel.
        ("2710.19", "to_dprk", "2017-06-01", "not_restricted", None),
        ("2710.19", "to_dprk", "2017-10-01", "notification_required", "2375:OP14"),
        ("2710.19", "to_dprk", "2018-01-01", "notification_required", "2397:OP5"),
        ("2709.00", "to_dprk", "2018-01-01", "notification_required", "2397:OP4"),
        ("2709.00", "to_dprk", "2017-10-01", "exemption_required", "2375:OP15"),
    ],
)
def test_goods_are_judged_by_code_direction_and_date(
    review_of: Reviewer, hs: str, direction: str, day: str, verdict: str, citation: str | None
) -> None:
    finding = item_finding(review_of, hs, direction, day)
    assert finding.verdict.value == verdict, cites(finding.rules)
    if citation:
        assert matches_citation(finding.rules, citation), cites(finding.rules)
    else:
        assert finding.rules == []


def test_every_restricted_element_cites_a_rule_with_its_confirmation(review_of: Reviewer) -> None:
    review = review_of(one_item("8602.10", "to_dprk"), "2018-11-30")
    rule = review.items[0].finding.rules[0]
    assert (rule.instrument, rule.paragraph, rule.confirmed) == ("S/RES/2397 (2017)", "OP7", False)
    assert rule.summary.en.startswith("supply of transportation vehicles")


def test_temporary_transfers_still_count_with_a_note(review_of: Reviewer) -> None:
    finding = (
        review_of(one_item("8602.10", "to_dprk", extra=", temporary: true"), "2018-11-30")
        .items[0]
        .finding
    )
    assert finding.verdict is Verdict.EXEMPTION_REQUIRED
    assert any("temporary transfer" in n.en for n in finding.notes)
    assert any("일시 반출" in n.ko for n in finding.notes)
    free = (
        review_of(one_item("9403.50", "to_dprk", extra=", temporary: true"), "2018-11-30")
        .items[0]
        .finding
    )
    assert free.notes == []


def test_the_most_severe_rule_is_cited_first(review_of: Reviewer) -> None:
    # Vacuum pumps for centrifuges: HS 84 (2397 OP7) but the WMD bans come first.
    finding = item_finding(
        review_of,
        "8414.10",
        "to_dprk",
        "2019-01-01",
        description="vacuum pumps for uranium centrifuges",
    )
    assert finding.verdict is Verdict.PROHIBITED
    assert cites(finding.rules)[0] == "1718:OP8(a)(ii)"
    assert "2397:OP7" in cites(finding.rules)


def test_vessels_cite_op7_first_then_the_vessel_bans(review_of: Reviewer) -> None:
    finding = item_finding(review_of, "8901.90", "to_dprk", "2019-01-01", description="cargo ship")
    assert cites(finding.rules) == ["2397:OP7", "2397:OP14", "2321:OP30"]
    used = item_finding(
        review_of, "8901.90", "to_dprk", "2017-01-01", description="used cargo ship"
    )
    assert used.verdict is Verdict.NOT_RESTRICTED  # 2321 OP30 covers new vessels only


def test_aviation_fuel_is_banned_but_the_round_trip_is_not(review_of: Reviewer) -> None:
    jet = item_finding(review_of, "2710.19", "to_dprk", "2016-06-01", description="jet fuel")
    assert jet.verdict is Verdict.EXEMPTION_REQUIRED and matches_citation(jet.rules, "2270:OP31")
    trip = item_finding(
        review_of, "2710.19", "to_dprk", "2016-06-01", description="jet fuel for the return flight"
    )
    assert trip.verdict is Verdict.NOT_RESTRICTED
    assert any("flight to the DPRK and back" in n.en for n in trip.notes)


def test_aircraft_spare_parts_are_carved_out_of_the_vehicle_ban(review_of: Reviewer) -> None:
    parts = item_finding(
        review_of,
        "8807.30",
        "to_dprk",
        "2018-03-01",
        description="spare parts for Air Koryo passenger aircraft",
    )
    assert parts.verdict is Verdict.NOT_RESTRICTED
    other = item_finding(
        review_of, "8807.30", "to_dprk", "2018-03-01", description="spare parts for drones"
    )
    assert other.verdict is Verdict.EXEMPTION_REQUIRED


def test_the_catch_all_spares_food_and_medicine(review_of: Reviewer) -> None:
    uniforms = item_finding(
        review_of,
        "6203.43",
        "to_dprk",
        "2018-01-01",
        description="uniforms for the Korean People's Army",
    )
    assert uniforms.verdict is Verdict.EXEMPTION_REQUIRED and matches_citation(
        uniforms.rules, "2270:OP8"
    )
    rice = item_finding(
        review_of, "1006.30", "to_dprk", "2018-01-01", description="rice for the army"
    )
    assert rice.verdict is Verdict.NOT_RESTRICTED
    assert any("food and medicine are outside the catch-all" in n.en for n in rice.notes)


@pytest.mark.parametrize(
    ("hs", "value", "quantity", "verdict"),
    [
        ("5701.90", 6000, 2, "exemption_required"),  # USD 3,000 a rug
        ("5701.90", 800, 10, "not_restricted"),  # USD 80 a rug
        ("6911.10", 3000, 2, "exemption_required"),  # USD 1,500 a service
        ("6911.10", 800, 20, "not_restricted"),  # USD 40 a set
        ("5701.90", None, 2, "exemption_required"),  # no value: treated as above the threshold
        ("8703.10", 9000, 1, "exemption_required"),  # snowmobile over USD 2,000
    ],
)
def test_luxury_thresholds_use_the_unit_value(
    review_of: Reviewer, hs: str, value: int | None, quantity: int, verdict: str
) -> None:
    extra = f", quantity: {quantity}, unit: pcs" + (
        f", value_usd: {value}" if value is not None else ""
    )
    finding = item_finding(review_of, hs, "to_dprk", "2017-01-15", extra=extra)
    assert finding.verdict.value == verdict


def test_refined_petroleum_caps_convert_tonnes_to_barrels(review_of: Reviewer) -> None:
    review = review_of(
        one_item("2710.19", "to_dprk", description="diesel", extra=", quantity: 1000, unit: t"),
        "2018-06-01",
    )
    finding = review.items[0].finding
    assert finding.verdict is Verdict.NOTIFICATION_REQUIRED
    assert any("7,230 bbl" in n.en and "7.23 bbl/t" in n.en for n in finding.notes)
    owed = review.notifications()
    assert [(rule.id, n.when.en, ids) for rule, n, ids in owed] == [
        ("SUP-FUEL-03", "every 30 days", ["x"])
    ]


@pytest.mark.parametrize(
    ("quantity", "unit", "day", "verdict", "citation"),
    [
        (
            70000,
            "t",
            "2017-10-01",
            "prohibited",
            "2375:OP14",
        ),  # 506,100 bbl > 500,000 (Oct-Dec 2017)
        (60000, "t", "2017-10-01", "notification_required", "2375:OP14"),
        (70000, "t", "2018-10-01", "prohibited", "2397:OP5"),
        (80_000_000, "l", "2018-10-01", "prohibited", "2397:OP5"),  # 503,189 bbl
        (70_000_000, "l", "2018-10-01", "notification_required", "2397:OP5"),
    ],
)
def test_over_the_refined_cap_is_prohibited(
    review_of: Reviewer, quantity: int, unit: str, day: str, verdict: str, citation: str
) -> None:
    extra = f", quantity: {quantity}, unit: {unit}"
    finding = item_finding(review_of, "2710.19", "to_dprk", day, description="diesel", extra=extra)
    assert finding.verdict.value == verdict
    assert matches_citation(finding.rules, citation)


def test_caps_add_up_across_items(review_of: Reviewer) -> None:
    text = """title: t
items:
  - {id: a, hs: '2710.19', direction: to_dprk, description: diesel, quantity: 40000, unit: t}
  - {id: b, hs: '2710.12', direction: to_dprk, description: gasoline, quantity: 30000, unit: t}
"""
    review = review_of(text, "2018-03-01")  # 289,200 + 255,000 bbl together exceed 500,000
    assert [r.finding.verdict.value for r in review.items] == ["prohibited", "prohibited"]
    assert any("544,200 bbl exceeds" in n.en for n in review.items[0].finding.notes)


def test_crude_over_the_cap_needs_an_exemption(review_of: Reviewer) -> None:
    finding = item_finding(
        review_of,
        "2709.00",
        "to_dprk",
        "2019-01-01",
        description="crude oil",
        extra=", quantity: 600000, unit: t",
    )
    assert finding.verdict is Verdict.EXEMPTION_REQUIRED  # 4,571,400 bbl > 4,000,000 bbl
    assert matches_citation(finding.rules, "2397:OP4")


def test_an_unconvertible_quantity_is_noted(review_of: Reviewer) -> None:
    finding = item_finding(
        review_of,
        "2710.19",
        "to_dprk",
        "2019-01-01",
        description="diesel",
        extra=", quantity: 40, unit: drums",
    )
    assert finding.verdict is Verdict.NOTIFICATION_REQUIRED
    assert any("could not be converted" in n.en for n in finding.notes)


def test_rajin_transshipment_is_a_notification(review_of: Reviewer) -> None:
    review = review_of(
        one_item("2701.12", "from_dprk", description="Russian coal transshipped through Rajin"),
        "2018-01-01",
    )
    assert review.items[0].finding.verdict is Verdict.NOTIFICATION_REQUIRED
    assert [rule.id for rule, _, _ in review.notifications()] == ["EXM-COAL"]


def test_measures_starting_during_the_project_are_noted(review_of: Reviewer) -> None:
    text = one_item("2701.12", "from_dprk").replace("title: t\n", "title: t\nend: 2017-09-30\n")
    finding = review_of(text, "2017-07-01").items[0].finding
    assert finding.verdict is Verdict.NOTIFICATION_REQUIRED
    assert any("S/RES/2371 (2017) OP8 takes effect on 2017-08-05" in n.en for n in finding.notes)


@pytest.mark.parametrize(
    ("kind", "day", "extra", "verdict", "citation"),
    [
        ("joint_venture", "2017-06-01", "", "not_restricted", None),
        ("joint_venture", "2017-08-20", "", "exemption_required", "2371:OP12"),
        ("joint_venture", "2017-08-20", ", existing: true", "not_restricted", None),
        ("joint_venture", "2017-09-11", ", existing: true", "exemption_required", "2375:OP18"),
        ("cooperative_entity", "2019-01-01", "", "exemption_required", "2375:OP18"),
        ("investment", "2019-01-01", "", "exemption_required", "2375:OP18"),
        ("worker_employment", "2017-01-01", "", "not_restricted", None),
        ("worker_employment", "2017-08-20", "", "exemption_required", "2371:OP11"),
        ("worker_employment", "2018-01-01", "", "exemption_required", "2397:OP8"),
        ("vessel_charter", "2016-06-01", "", "exemption_required", "2270:OP19"),
        ("vessel_charter", "2018-01-01", "", "exemption_required", "2321:OP8"),
        (
            "crew_services",
            "2018-01-01",
            ", direction: from_dprk",
            "exemption_required",
            "2321:OP23",
        ),
        ("crew_services", "2018-01-01", ", direction: to_dprk", "exemption_required", "2321:OP8"),
        ("ship_to_ship_transfer", "2018-01-01", "", "prohibited", "2375:OP11"),
        ("ship_to_ship_transfer", "2017-01-01", "", "not_restricted", None),
        ("vessel_registration", "2018-01-01", "", "exemption_required", "2270:OP20"),
        ("fishing_rights", "2018-01-01", "", "exemption_required", "2397:OP6"),
        ("fishing_rights", "2017-06-01", "", "not_restricted", None),
        ("banking", "2018-01-01", "", "exemption_required", "2270:OP34|2321:OP31|2270:OP33"),
        ("financial_support", "2018-01-01", "", "exemption_required", "2321:OP32"),
        ("financial_support", "2015-01-01", "", "not_restricted", None),
        ("humanitarian_assistance", "2019-01-01", "", "not_restricted", None),
        ("other", "2019-01-01", "", "not_restricted", None),
    ],
)
def test_activities_are_judged_by_kind_and_date(
    review_of: Reviewer, kind: str, day: str, extra: str, verdict: str, citation: str | None
) -> None:
    finding = review_of(one_activity(kind, extra=extra), day).activities[0].finding
    assert finding.verdict.value == verdict, cites(finding.rules)
    if citation:
        assert matches_citation(finding.rules, citation), cites(finding.rules)


def test_the_livelihood_exception_of_2270_op19_is_a_notification(review_of: Reviewer) -> None:
    text = one_activity("vessel_charter", description="charter for livelihood fishing")
    assert (
        review_of(text, "2016-06-01").activities[0].finding.verdict is Verdict.NOTIFICATION_REQUIRED
    )


@pytest.mark.parametrize(
    ("kind", "field", "day", "verdict", "citation"),
    [
        ("scientific_cooperation", "forestry", "2019-01-01", "notification_required", "2321:OP11"),
        ("scientific_cooperation", "forestry", "2016-06-01", "not_restricted", None),
        (
            "scientific_cooperation",
            "nuclear engineering",
            "2019-01-01",
            "exemption_required",
            "2321:OP11",
        ),
        (
            "scientific_cooperation",
            "aerospace engineering",
            "2019-01-01",
            "exemption_required",
            "2321:OP11",
        ),
        ("scientific_cooperation", "public health", "2019-01-01", "not_restricted", None),
        ("scientific_cooperation", "의학", "2019-01-01", "not_restricted", None),
        (
            "scientific_cooperation",
            "military logistics",
            "2019-01-01",
            "prohibited",
            "2270:OP9|1718:OP8",
        ),
        ("training", "advanced physics", "2016-06-01", "prohibited", "2270:OP17"),
        ("training", "nuclear engineering", "2015-06-01", "not_restricted", None),
        ("training", "chemical engineering", "2016-06-01", "not_restricted", None),
        ("training", "chemical engineering", "2017-01-01", "prohibited", "2321:OP10"),
        ("training", "geospatial navigation", "2018-01-01", "prohibited", "2270:OP17"),
        ("training", "agriculture", "2018-01-01", "notification_required", "2321:OP11"),
        ("training", "taekwondo", "2018-01-01", "not_restricted", None),
        ("training", "nursing", "2018-01-01", "not_restricted", None),
        ("training", "police tactics", "2018-01-01", "prohibited", "2270:OP9|1718:OP8"),
    ],
)
def test_training_and_science_are_judged_by_field(
    review_of: Reviewer, kind: str, field: str, day: str, verdict: str, citation: str | None
) -> None:
    finding = review_of(one_activity(kind, field), day).activities[0].finding
    assert finding.verdict.value == verdict, cites(finding.rules)
    if citation:
        assert matches_citation(finding.rules, citation), cites(finding.rules)


def test_science_without_a_field_is_judged_from_its_description(review_of: Reviewer) -> None:
    finding = (
        review_of(
            one_activity("scientific_cooperation", description="joint nuclear engineering seminar"),
            "2019-01-01",
        )
        .activities[0]
        .finding
    )
    assert finding.verdict is Verdict.EXEMPTION_REQUIRED
    assert any("judged from the description" in n.en for n in finding.notes)


def test_non_sensitive_science_owes_an_advance_notification(review_of: Reviewer) -> None:
    review = review_of(one_activity("scientific_cooperation", "forestry"), "2019-01-01")
    [(rule, notification, ids)] = review.notifications()
    assert (rule.id, notification.when.en, ids) == (
        "SVC-SCI-02",
        "in advance of the cooperation",
        ["a"],
    )


def test_a_designated_party_makes_the_project_prohibited(review_of: Reviewer) -> None:
    text = """title: t
parties:
  - {name: Bad Bank, role: financier, country: KP, type: organization}
  - {name: Good Co, role: supplier, country: KR, type: organization}
  - {name: Perhaps Person, role: driver, type: person}
items:
  - {id: flour, hs: '1101.00', direction: to_dprk}
"""
    screener = ListedNames({"Bad Bank": Decision.MATCH, "Perhaps Person": Decision.REVIEW})
    review = review_of(text, "2019-01-01", screener)
    bad, good, maybe = review.parties
    assert review.verdict is Verdict.PROHIBITED
    assert (
        bad.finding.verdict is Verdict.PROHIBITED and cites(bad.finding.rules)[0] == "1718:OP8(d)"
    )
    assert good.finding.verdict is Verdict.NOT_RESTRICTED
    assert maybe.decision == "review" and maybe.finding.verdict is Verdict.NOT_RESTRICTED
    assert "confirm the identity" in maybe.finding.notes[0].en
    assert "1718:OP8(e)" not in cites(bad.finding.rules)  # the travel ban concerns persons
    assert review.exemption.cannot_be_exempted == ["Bad Bank"]
    assert [c[0] for c in screener.calls] == ["Bad Bank", "Good Co", "Perhaps Person"]


def test_a_designated_person_is_also_under_the_travel_ban(review_of: Reviewer) -> None:
    text = "title: t\nparties:\n  - {name: Choe Hwi, type: person, country: KP}\n"
    review = review_of(text, "2018-02-01", ListedNames({"Choe Hwi": Decision.MATCH}))
    assert "1718:OP8(e)" in cites(review.parties[0].finding.rules)


def test_without_a_screener_parties_are_marked_unscreened(review_of: Reviewer) -> None:
    review = review_of("title: t\nparties:\n  - {name: Somebody}\n", "2019-01-01")
    party = review.parties[0]
    assert party.decision == "unscreened" and party.result is None
    assert party.error == "no sanctions list is loaded"


def test_the_exemption_need_lists_items_activities_routes_and_coverage(review_of: Reviewer) -> None:
    text = """title: t
items:
  - {id: van, hs: '8704.31', direction: to_dprk, temporary: true}
  - {id: flour, hs: '1101.00', direction: to_dprk}
activities:
  - {id: jv, kind: joint_venture}
"""
    need = review_of(text, "2019-01-01").exemption
    assert need.needed and need.items == ["van"] and need.activities == ["jv"]
    assert {r.id for r in need.routes} == {"EXM-GEN-01C", "EXM-JV", "EXM-GEN-01"}
    assert need.paragraphs == [
        "S/RES/2397 (2017) OP7",
        "S/RES/2375 (2017) OP18",
        "S/RES/2371 (2017) OP12",
    ]
    covered = " ".join(c.en for c in need.must_cover)
    assert "criteria used to select beneficiaries" in covered
    assert "items van go in temporarily" in covered
    assert "non-commercial public-utility infrastructure" in covered


def test_the_project_verdict_is_the_most_severe(review_of: Reviewer) -> None:
    text = """title: t
items:
  - {id: a, hs: '1101.00', direction: to_dprk}
  - {id: b, hs: '2710.19', direction: to_dprk}
"""
    assert review_of(text, "2019-01-01").verdict is Verdict.NOTIFICATION_REQUIRED
    text += "  - {id: c, hs: '9301.90', direction: to_dprk}\n"
    assert review_of(text, "2019-01-01").verdict is Verdict.PROHIBITED


def test_the_default_date_is_the_project_start(review_of: Reviewer) -> None:
    text = one_item("8415.10", "to_dprk").replace("title: t\n", "title: t\nstart: 2016-01-01\n")
    assert review_of(text).day.isoformat() == "2016-01-01"
    assert review_of(text).items[0].finding.verdict is Verdict.NOT_RESTRICTED


@pytest.mark.parametrize(
    ("hs", "description"),
    [
        ("9031.80", "detectors for unexploded munitions and landmines"),
        ("2523.29", "cement for flood defence walls"),
        ("1101.00", "vitamin-enriched wheat flour"),
        ("3004.90", "medicines for the army hospital"),
        ("9018.90", "surgical instruments for a police clinic"),
    ],
)
def test_wording_that_only_sounds_sensitive_does_not_restrict(
    review_of: Reviewer, hs: str, description: str
) -> None:
    finding = item_finding(review_of, hs, "to_dprk", "2019-01-01", description=description)
    assert finding.verdict is Verdict.NOT_RESTRICTED, cites(finding.rules)


@pytest.mark.parametrize(
    "description",
    [
        "restoration of a historic monument in Kaesong",
        "employment of local guides for the tour",
        "clearance of mines and munitions before the excavation",
        "joint inspection of the military demarcation line",
    ],
)
def test_activity_wording_that_only_sounds_sensitive(review_of: Reviewer, description: str) -> None:
    finding = (
        review_of(one_activity("other", description=description), "2019-01-01")
        .activities[0]
        .finding
    )
    assert finding.verdict is Verdict.NOT_RESTRICTED, cites(finding.rules)


def test_a_coarse_code_gets_every_measure_it_may_fall_under(review_of: Reviewer) -> None:
    finding = item_finding(review_of, "27", "from_dprk", "2019-01-01", description="minerals")
    assert finding.verdict is Verdict.EXEMPTION_REQUIRED
    assert matches_citation(finding.rules, "2371:OP8")
    assert any("only to the chapter or heading level" in n.en for n in finding.notes)
    assert (
        item_finding(review_of, "27", "to_dprk", "2019-01-01").verdict
        is Verdict.NOTIFICATION_REQUIRED
    )
