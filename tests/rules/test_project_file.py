"""Project files: the contract's format, its extension, and every kind of bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from wgdesk.rules.hs import Nomenclature
from wgdesk.rules.project import ProjectError, read_project

GOOD = """
title: Joint survey
start: 2018-11-30
end: 2018-12-17
parties:
  - {name: Korea Railroad Corporation, role: implementer, country: KR, type: organization}
items:
  - id: loco
    description: diesel locomotive
    hs: 8602.10
    direction: to_dprk
    quantity: 1
    unit: pcs
    value_usd: 1200000
    temporary: true
    specification: 3,000 hp, standard gauge
activities:
  - {id: jv, kind: joint_venture, description: joint company, field: null}
exemption:
  requester: Republic of Korea
  shipments: 2
"""


def problems_of(
    text: str, fmt: str = "yaml", nomenclature: Nomenclature | None = None
) -> list[str]:
    """Return the rendered problems of a project text (empty when it is valid)."""
    try:
        read_project(text, fmt, "p." + fmt, nomenclature)
    except ProjectError as error:
        return [p.render("p." + fmt) for p in error.problems]
    return []


def test_the_contract_example_reads_into_typed_records() -> None:
    project = read_project(GOOD, "yaml", "p.yaml")
    assert project.start == dt.date(2018, 11, 30)
    item = project.items[0]
    # An unquoted 8602.10 is a float to YAML; the written text keeps its trailing zero.
    assert item.hs.digits == "860210"
    assert (item.quantity, item.unit, item.temporary, item.value_usd) == (1, "pcs", True, 1200000)
    assert item.specification == "3,000 hp, standard gauge"
    assert project.activities[0].kind == "joint_venture"
    assert project.exemption == {"requester": "Republic of Korea", "shipments": 2}


def test_json_projects_keep_number_texts() -> None:
    item = '{"id": "a", "hs": 8415.10, "direction": "to_dprk", "quantity": 2.5}'
    text = '{"title": "x", "items": [' + item + "]}"
    project = read_project(text, "json", "p.json")
    assert project.items[0].hs.digits == "841510"
    assert project.items[0].quantity == 2.5


def test_missing_ids_and_title_get_defaults() -> None:
    project = read_project(
        "items:\n  - {hs: '0808.10', direction: from_dprk}\n", "yaml", "apples.yaml"
    )
    assert project.title == "apples"
    assert project.items[0].id == "item1"


def test_invalid_yaml_is_reported_with_its_line() -> None:
    found = problems_of("title: survey\nitems:\n  - {id: a, hs: '8415'\n")
    assert len(found) == 1
    assert found[0].startswith("p.yaml:4: (top level): not valid YAML")


def test_invalid_json_is_reported_with_its_line() -> None:
    found = problems_of('{"title": "x",\n "items": [}', "json")
    assert found == ["p.json:2: (top level): not valid JSON: Expecting value (column 12)"]


def test_every_problem_is_listed_with_its_location() -> None:
    text = """title: x
items:
  - {id: a, hs: "12a4", direction: to_dprk}
  - {id: b, hs: "8415.10", colour: red}
  - {id: c, hs: "808.10", direction: north}
activities:
  - {id: d, kind: dancing}
  - {id: e, kind: training, feild: physics}
"""
    found = problems_of(text)
    assert found == [
        "p.yaml:3: items[0].hs: '12a4' is not an HS code: only digits, dots and spaces are "
        "allowed (found 'a')",
        "p.yaml:4: items[1].direction: is required",
        "p.yaml:4: items[1].colour: unknown field 'colour' (allowed: id, description, hs, "
        "direction, quantity, unit, value_usd, temporary, specification)",
        "p.yaml:5: items[2].hs: '808.10' has 5 digits; HS codes have 2, 4, 6, 8 or 10; "
        "if a leading zero was dropped, write '0808.10'",
        "p.yaml:5: items[2].direction: 'north' is not one of to_dprk, from_dprk",
        "p.yaml:7: activities[0].kind: 'dancing' is not one of joint_venture, cooperative_entity, "
        "investment, scientific_cooperation, training, financial_support, banking, "
        "worker_employment, vessel_charter, crew_services, ship_to_ship_transfer, "
        "vessel_registration, fishing_rights, humanitarian_assistance, other",
        "p.yaml:8: activities[1].feild: unknown field 'feild'; did you mean 'field'? "
        "(allowed: id, kind, description, field, existing, direction)",
    ]


def test_unknown_top_level_fields_are_rejected() -> None:
    assert problems_of("title: x\nbudget: 10\n") == [
        "p.yaml:2: budget: unknown field 'budget' (allowed: title, summary, start, end, parties, "
        "items, activities, locations, exemption)"
    ]


def test_locations_are_read_and_checked() -> None:
    text = "title: x\nlocations:\n  - {name: Panmun Station, country: KP}\n  - {note: nowhere}\n"
    assert problems_of(text) == ["p.yaml:4: locations[1].name: is required"]
    project = read_project("title: x\nlocations:\n  - {name: Kaesong, country: KP}\n", "yaml")
    assert [(p.name, p.country, p.note) for p in project.locations] == [("Kaesong", "KP", None)]


def test_missing_direction_and_hs_are_reported() -> None:
    found = problems_of("title: x\nitems:\n  - id: a\n    description: cement\n")
    assert found == [
        "p.yaml:3: items[0].hs: is required",
        "p.yaml:3: items[0].direction: is required",
    ]


def test_bad_dates_duplicate_ids_and_keys() -> None:
    text = """title: x
start: 2018-13-01
end: 2018-01-01
items:
  - {id: a, hs: "8415", direction: to_dprk}
  - {id: a, hs: "8415", direction: to_dprk, direction: from_dprk}
"""
    found = problems_of(text)
    assert "p.yaml:6: items[1].direction: duplicate key" in found
    assert "p.yaml:2: start: '2018-13-01' is not a date; write YYYY-MM-DD" in found
    assert "p.yaml:6: items[1].id: id 'a' is already used by items[0]" in found


def test_end_before_start() -> None:
    assert problems_of("title: x\nstart: 2019-01-02\nend: 2019-01-01\n") == [
        "p.yaml:3: end: end (2019-01-01) is before start (2019-01-02)"
    ]


def test_negative_quantities_and_wrong_types() -> None:
    item = "{id: a, hs: '8415', direction: to_dprk, quantity: -1, temporary: maybe}"
    text = f"title: x\nitems:\n  - {item}\n"
    assert problems_of(text) == [
        "p.yaml:3: items[0].quantity: -1 is below the minimum of 0",
        "p.yaml:3: items[0].temporary: expected true or false or null, got a string",
    ]


def test_exemption_block_fields_are_checked() -> None:
    assert problems_of("title: x\nexemption: {donor: me, shipments: 0}\n") == [
        "p.yaml:2: exemption.donor: unknown field 'donor' (allowed: requester, channel, nature, "
        "recipients, selection_criteria, reasons, shipping_route, entry_point, shipping_dates, "
        "shipments, financial_channels, monitoring, duration, contact)",
        "p.yaml:2: exemption.shipments: 0 is below the minimum of 1",
    ]


def test_a_top_level_list_or_empty_file_is_refused() -> None:
    assert problems_of("- a\n- b\n") == [
        "p.yaml:1: (top level): a project file must be a mapping with title, parties, items..."
    ]
    assert problems_of("") == ["p.yaml: (top level): the file is empty"]


def test_json_duplicate_keys_are_refused() -> None:
    assert problems_of('{"title": "x", "title": "y"}', "json") == [
        "p.json: (top level): not valid JSON: duplicate key 'title'"
    ]


def test_alias_bombs_are_stopped() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefgh":
        refs = ", ".join([f"*{chr(ord(level) - 1)}"] * 10)
        bomb += f"{level}: &{level} [{refs}]\n"
    [problem] = problems_of(bomb)
    assert problem.endswith("document is too large or too deeply nested")


@pytest.mark.realdata
def test_headings_missing_from_hs_2022_are_errors_when_it_is_loaded(
    nomenclature: Nomenclature,
) -> None:
    text = "title: x\nitems:\n  - {id: a, hs: '8499.10', direction: to_dprk}\n"
    assert problems_of(text, nomenclature=nomenclature) == [
        "p.yaml:3: items[0].hs: '8499.10': heading 8499 is not in the HS 2022 nomenclature"
    ]
    assert problems_of(text) == []  # without the nomenclature only the structure is checked


@pytest.mark.realdata
def test_old_subheadings_are_noted_not_refused(nomenclature: Nomenclature) -> None:
    project = read_project(
        "title: x\nitems:\n  - {id: a, hs: '8415.99', direction: to_dprk}\n",
        "yaml",
        "p",
        nomenclature,
    )
    assert "8415.99 is not an HS 2022 subheading" in project.notes[0].en
