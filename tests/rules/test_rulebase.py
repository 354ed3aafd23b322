"""The rule base: every record loads and validates, and it covers the whole reference."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import shared_path
from wgdesk.rules.model import EFFECTS
from wgdesk.rules.rulebase import RuleBase, RuleBaseError, load_rulebase, measure_files

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def test_every_record_loads_and_validates(rulebase: RuleBase) -> None:
    assert len(rulebase) >= 100
    assert {a.name for a in rulebase.areas} == {
        "exports",
        "supply",
        "services",
        "joint_ventures",
        "finance",
        "maritime",
        "targeted",
        "exemptions",
        "procedure",
    }
    for rule in rulebase:
        assert rule.effect in EFFECTS
        assert rule.summary.en and HANGUL.search(rule.summary.ko), rule.id
        assert rule.in_force_from >= rule.adopted, rule.id
        assert re.fullmatch(r"S/RES/\d{4} \(\d{4}\)", rule.instrument), rule.id


def test_each_area_is_a_file(rulebase: RuleBase) -> None:
    assert len(measure_files()) == len(rulebase.areas)


def test_superseded_records_point_forward_in_time(rulebase: RuleBase) -> None:
    for rule in rulebase:
        if rule.superseded_by:
            successor = rulebase.get(rule.superseded_by)
            assert rule.in_force_until is not None
            assert successor.in_force_from <= rule.in_force_until.replace(
                year=rule.in_force_until.year + 1
            )
            assert successor.adopted >= rule.adopted, rule.id


def test_scoped_bans_say_how_an_exemption_is_obtained(rulebase: RuleBase) -> None:
    # Every ban that can end in exemption_required names its route (or the general power).
    for rule in rulebase:
        if rule.effect == "exemption_required":
            assert rule.exemption_via, rule.id
            assert all(ref in rulebase.by_id for ref in rule.exemption_via)


def test_hs_scopes_say_who_named_them(rulebase: RuleBase) -> None:
    named = {r.id for r in rulebase for m in r.scope.items if m.hs_source == "resolution"}
    # Only 2397 OP6 and OP7 name HS chapters in the resolution text (reference §8.9).
    assert {rulebase.get(i).citation for i in named} == {
        "S/RES/2397 (2017) OP6",
        "S/RES/2397 (2017) OP7",
    }


@pytest.mark.parametrize(
    ("rule_id", "confirmed"),
    [
        ("SUP-IND-01", False),  # 2397 OP7: §9 found no source
        ("SUP-FUEL-03", True),  # 2397 OP5
        ("EXP-COAL-01", True),  # 2371 OP8 via 2375 OP18's cross-reference
        ("JV-01", True),  # 2371 OP12 confirmed in §9 although P in §4.2
        ("JV-02", True),  # 2375 OP18
        ("SVC-SCI-01", False),  # 2321 OP11: C in §4.1 but §9 found no source, and §9 wins
        ("SVC-WRK-02", True),  # 2375 OP17: §9
        ("SUP-WMD-02", True),  # 2094 OP22 (the earlier OP20 was wrong)
        ("EXP-TEX-01", False),
        ("EXP-MIN-02", False),
        ("TFS-03", False),  # 2270 OP32: only partly
        ("EXP-COAL-HIST", True),  # 2321 OP26: §9
        ("MAR-07", True),  # 1874 OP17: §9
    ],
)
def test_confirmation_follows_the_reference_with_its_second_pass(
    rulebase: RuleBase, rule_id: str, confirmed: bool
) -> None:
    assert rulebase.get(rule_id).confirmed is confirmed


def test_the_catch_all_is_2094_op22_not_op20(rulebase: RuleBase) -> None:
    assert rulebase.get("SUP-WMD-02").paragraph == "OP22"


@pytest.mark.realdata
def test_every_measure_of_the_reference_has_a_record(rulebase: RuleBase) -> None:
    reference = shared_path("reference", "dprk-un-measures.md").read_text(encoding="utf-8")
    reference_ids = set(
        re.findall(r"^\| ((?:EXP|SUP|SVC|JV|FIN|MAR|TFS|EXM)-[A-Z0-9-]+) \|", reference, re.M)
    )
    assert len(reference_ids) > 60
    ours = set(rulebase.by_id)
    missing = sorted(
        i for i in reference_ids if i not in ours and not any(o.startswith(i + "-") for o in ours)
    )
    assert missing == []


@pytest.mark.realdata
def test_every_paragraph_of_the_second_pass_is_cited(rulebase: RuleBase) -> None:
    reference = shared_path("reference", "dprk-un-measures.md").read_text(encoding="utf-8")
    section9 = reference.split("## 9.")[1]
    cited = {(r.resolution, r.paragraph.split("(")[0]) for r in rulebase}
    rows = re.findall(r"^\| \**(\d{4}) (OP[\d, OP–-]+)", section9, re.M)
    assert len(rows) >= 30
    missing = []
    for res, ops in rows:
        for number in re.findall(r"\d+", ops.replace("–", "-")):
            if (res, f"OP{number}") not in cited:
                missing.append(f"{res} OP{number}")
    # Ranges written "OP6–7" or "OP33–35" only name their ends; what remains must be cited.
    assert missing == []


HEADER = "area: test\ntitle: {en: Test, ko: 시험}\nrules:\n"


def _broken_file(tmp_path: Path, body: str, header: str = HEADER) -> Path:
    """Write a measures file: the area header, then the given record lines."""
    path = tmp_path / "broken.yaml"
    path.write_text(header + body, encoding="utf-8")
    return path


def test_malformed_records_are_reported_all_at_once(tmp_path: Path) -> None:
    path = _broken_file(
        tmp_path,
        """  - id: BAD-01
    instrument: UNSCR 2397
    paragraph: para 7
    adopted: 2017-12-22
    confirmed: maybe
    status: x
    direction: sideways
    type: ban
    effect: exemption_required
    summary: {en: something, ko: english only}
    in_force_from: 2017-12-22
    scope:
      items:
        - hs: ["8499a"]
          hs_source: resolution
    superseded_by: NOWHERE-01
""",
    )
    with pytest.raises(RuleBaseError) as error:
        load_rulebase([path])  # type: ignore[list-item]
    text = str(error.value)
    for fragment in (
        "rules[0].instrument",
        "rules[0].paragraph",
        "rules[0].confirmed",
        "rules[0].direction",
        "rules[0].summary.ko",
        "rules[0].scope.items[0].hs[0]",
    ):
        assert fragment in text


def test_cross_references_are_checked(tmp_path: Path) -> None:
    path = _broken_file(
        tmp_path,
        """  - id: BAD-01
    instrument: S/RES/2397 (2017)
    paragraph: OP7
    adopted: 2017-12-22
    confirmed: false
    status: test
    direction: supply_to_dprk
    type: ban
    effect: exemption_required
    summary: {en: something, ko: 무엇}
    in_force_from: 2017-01-01
    superseded_by: NOWHERE-01
    exemption_via: [NOWHERE-02]
""",
    )
    with pytest.raises(RuleBaseError) as error:
        load_rulebase([path])  # type: ignore[list-item]
    problems = error.value.problems
    assert "BAD-01: refers to unknown record NOWHERE-01" in problems
    assert "BAD-01: refers to unknown record NOWHERE-02" in problems
    assert "BAD-01: in force before its adoption date" in problems
    assert "BAD-01: superseded_by needs in_force_until" in problems


def test_invalid_yaml_in_a_measures_file_is_reported(tmp_path: Path) -> None:
    path = _broken_file(tmp_path, "", header="area: [unclosed\n")
    with pytest.raises(RuleBaseError, match=r"broken\.yaml: not valid YAML"):
        load_rulebase([path])  # type: ignore[list-item]
