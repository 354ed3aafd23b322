"""FollowTheMoney entity files as lists: mapping, the target rule, hostile input, the CLI.

The fixture ``eu_fsf_mini.ftm.json`` is written in OpenSanctions' ``entities.ftm.json``
shape: one entity per line with ``target``, ``datasets``, ``caption`` and ``last_change``,
and the related Sanction, Address, Identification and Ownership records beside them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.lists.conftest import LISTS
from wgdesk.cli import main
from wgdesk.screening.ftm import entity_of
from wgdesk.screening.lists import ListFormatError, load_path
from wgdesk.screening.lists import ftm as ftm_loader
from wgdesk.screening.lists.detect import FTM_JSON, detect_format
from wgdesk.screening.lists.ftm import load_ftm_json
from wgdesk.screening.model import EntityType, Entry, ListVersion, NameKind
from wgdesk.screening.screener import Screener
from wgdesk.screening.store import SqliteListStore

FTM_FILE = LISTS / "ftm" / "eu_fsf_mini.ftm.json"


@pytest.fixture(scope="module")
def eu() -> ListVersion:
    return load_ftm_json(FTM_FILE)


def by_ref(version: ListVersion) -> dict[str, Entry]:
    return {e.ref: e for e in version.entries}


def write(path: Path, *entities: Any) -> Path:
    """Write entities (dicts, or raw text lines) as an FtM JSON lines file."""
    lines = [e if isinstance(e, str) else json.dumps(e, ensure_ascii=False) for e in entities]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def person(entity_id: str = "p1", **props: Any) -> dict[str, Any]:
    return {"id": entity_id, "schema": "Person", "properties": {"name": ["Ri Yong Su"], **props}}


def test_only_sanctioned_people_bodies_vessels_and_aircraft_become_entries(eu: ListVersion) -> None:
    assert eu.source == "eu_fsf"  # the one dataset every target names
    assert eu.version.startswith("2025-03-02+")  # the newest last_change, and the content hash
    refs = [e.ref for e in eu.entries]
    assert refs == [f"eu-fsf-kp-000{i}" for i in range(1, 6)]
    # Sanction, Address, Identification, Ownership and the linked (untargeted) company are
    # details; the targeted CryptoWallet is no person, body, vessel or aircraft.
    assert [e.type for e in eu.entries] == [
        EntityType.PERSON,
        EntityType.ORGANIZATION,
        EntityType.VESSEL,
        EntityType.AIRCRAFT,
        EntityType.ORGANIZATION,  # LegalEntity
    ]
    assert any("CryptoWallet are not screened" in w for w in eu.warnings)


def test_a_person_carries_every_detail_of_its_related_records(eu: ListVersion) -> None:
    kim = by_ref(eu)["eu-fsf-kp-0001"]
    assert kim.name == "KIM Chol Sam"  # the caption
    kinds = {(n.value, n.kind, n.quality) for n in kim.names}
    assert ("김철삼", NameKind.ORIGINAL_SCRIPT, None) in kinds  # as the UN marks Hangul names
    assert ("Kim Cholsam", NameKind.ALIAS, None) in kinds
    assert ("Big Kim", NameKind.ALIAS, "weak") in kinds  # weakAlias: weighed down by the matcher
    assert ("KIM Chol San", NameKind.FORMER, None) in kinds  # previousName
    assert [(b.earliest, b.latest) for b in kim.birth_dates] == [
        (dt.date(1971, 3, 11), dt.date(1971, 3, 11)),
        (dt.date(1970, 1, 1), dt.date(1970, 12, 31)),
    ]
    assert kim.nationalities == ("North Korea",)
    assert kim.gender == "male"
    assert kim.regimes == ("DPRK",)  # from the Sanction record
    assert kim.listed_on == dt.date(2017, 8, 4)  # the Sanction's listingDate
    assert kim.remarks == (
        "Manages financial transactions for the bank.\n\nActs on behalf of a designated bank."
    )
    assert kim.designations == ("Representative of Daedong Credit Bank",)
    assert kim.birth_places[0].one_line() == "Pyongyang"
    assert kim.addresses[0].one_line() == "Sosong Street, Pyongyang, North Korea"  # Address entity
    documents = {(d.type, d.number, d.country) for d in kim.documents}
    assert ("Passport number", "472310082", None) in documents
    assert ("National ID", "NK-1971-0311", "North Korea") in documents  # Identification record
    extra = dict(kim.extra)
    assert extra["source_url"] == "https://webgate.ec.europa.eu/fsd/fsf#!/files"
    assert extra["sanction_authority"] == "European Union"
    assert ("topics", "sanction") in kim.extra


def test_bodies_vessels_and_aircraft_map_their_own_fields(eu: ListVersion) -> None:
    entries = by_ref(eu)
    ryonbong = entries["eu-fsf-kp-0002"]
    assert ryonbong.countries == ("North Korea",)
    assert ryonbong.listed_on == dt.date(2009, 4, 24)  # createdAt, with no Sanction record
    assert ("linked_to", "Ownership: Ryonbong Trading Subsidiary") in ryonbong.extra
    vessel = entries["eu-fsf-kp-0003"]
    assert ("IMO", "IMO8660313") in {(d.type, d.number) for d in vessel.documents}
    assert ("vessel_flag", "North Korea") in vessel.extra
    plane = entries["eu-fsf-kp-0004"]
    assert plane.documents[0].number == "P-632" and ("model", "Tu-204") in plane.extra
    green_pine = entries["eu-fsf-kp-0005"]
    assert [n.quality for n in green_pine.names] == [None, "weak"]


def test_without_target_flags_sanction_records_and_topics_decide(tmp_path: Path) -> None:
    path = write(
        tmp_path / "kr.json",
        person("p1"),
        person("p2", topics=["sanction"]),
        person("p3", topics=["role.pep"]),
        {"id": "s1", "schema": "Sanction", "properties": {"entity": ["p1"], "program": ["KR"]}},
    )
    version = load_ftm_json(path, source="kr")
    assert [e.ref for e in version.entries] == ["p1", "p2"]
    assert version.entries[0].regimes == ("KR",)


def test_a_file_with_no_sanction_marking_loads_every_party_and_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "mine.json", person("p1"), person("p2"))
    version = load_ftm_json(path, source="watch")
    assert len(version.entries) == 2
    assert "no entity is marked as sanctioned" in version.warnings[0]


def test_nested_exports_and_fragments_are_read(tmp_path: Path) -> None:
    """OpenSanctions' targets.nested.json: related records inline, under the target's
    properties, a Sanction under the reverse property `sanctions` without a link back."""
    sanction = {"id": "s1", "schema": "Sanction", "properties": {"program": ["UK-DPRK"]}}
    address = {"id": "a1", "schema": "Address", "properties": {"full": ["Pyongyang"]}}
    nested = person("p1", sanctions=[sanction], addressEntity=[address])
    path = write(
        tmp_path / "gb.json",
        {**nested, "target": True},
        {"id": "p1", "schema": "Person", "properties": {"alias": ["Ri Yongsu"]}},  # fragment
    )
    entry = load_ftm_json(path, source="gb_hmt").entries[0]
    assert entry.regimes == ("UK-DPRK",)
    assert entry.addresses[0].one_line() == "Pyongyang"
    assert "Ri Yongsu" in [n.value for n in entry.names]


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (['{"id": "p1", "schema": "Person", '], 1, "not valid JSON"),
        (["{", '  "id": "p1",', '  "schema": "Person"', "}"], 1, "pretty-printed JSON"),
        ([json.dumps(person()), "[1, 2]"], 2, "found a list"),
        (['{"schema": "Person"}'], 1, "without an 'id'"),
        (['{"id": "p1", "schema": "Wizard"}'], 1, "'Wizard' is not a FollowTheMoney schema"),
        ([json.dumps(person(spell=["x"]))], 1, "Person has no property 'spell'"),
        ([json.dumps(person(alias=[7]))], 1, "alias holds a number"),
        ([json.dumps(person(alias=["Ri\x00Su"]))], 1, "NUL character"),
        (['{"id": "p1", "schema": "Person", "properties": {"name": ["\\ud800"]}}'], 1, "surrogate"),
        ([json.dumps(person(alias=["x" * 1001]))], 1, "at most 1000"),
        ([json.dumps(person()), json.dumps({**person(), "schema": "Vessel"})], 2, "on line 1"),
        (['{"id": "p1", "schema": "Person", "target": "yes"}'], 1, "'target' must be"),
        (["[" * 100_000 + "]" * 100_000], 1, "nested too deeply"),
        (['{"id": "p1", "schema": "Person", "x": ' + "9" * 5000 + "}"], 1, "not valid JSON"),
        ([json.dumps({"id": "p1", "schema": "Person", "properties": {}})], 1, "has no name"),
    ],
)
def test_malformed_files_are_refused_with_their_line(
    tmp_path: Path, lines: list[str], line: int, message: str
) -> None:
    path = write(tmp_path / "bad.json", *lines)
    with pytest.raises(ListFormatError) as caught:
        load_ftm_json(path, source="bad")
    assert caught.value.line == line
    assert message in str(caught.value)


def test_bytes_lines_and_emptiness_are_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    undecodable = tmp_path / "latin1.json"
    undecodable.write_bytes(json.dumps(person()).encode() + b'\n{"id": "\xe9"}\n')
    with pytest.raises(ListFormatError, match="byte 0xe9 is not valid UTF-8") as caught:
        load_ftm_json(undecodable, source="x")
    assert (caught.value.line, caught.value.byte_offset) == (2, len(json.dumps(person())) + 9)
    monkeypatch.setattr(ftm_loader, "MAX_LINE_BYTES", 100)
    long = write(tmp_path / "long.json", person(alias=["y" * 200]))
    with pytest.raises(ListFormatError, match="longer than"):
        load_ftm_json(long, source="x")
    with pytest.raises(ListFormatError, match="holds no entities"):
        load_ftm_json(write(tmp_path / "empty.json", ""), source="x")
    sanctions_only = write(tmp_path / "s.json", {"id": "s", "schema": "Sanction", "target": True})
    with pytest.raises(ListFormatError, match="none of the 1 entities"):
        load_ftm_json(sanctions_only, source="x")


def test_a_value_ftm_cannot_read_is_a_warning_not_a_silent_loss(tmp_path: Path) -> None:
    path = write(tmp_path / "w.json", person(birthDate=["sometime"], nationality=["Atlantis"]))
    version = load_ftm_json(path, source="x")
    assert any("birthDate 'sometime'" in w and "line 1" in w for w in version.warnings)
    assert any("nationality 'Atlantis'" in w for w in version.warnings)


def test_the_source_name_is_checked(tmp_path: Path) -> None:
    no_dataset = write(tmp_path / "p.json", person())
    with pytest.raises(ListFormatError, match="--source NAME"):
        load_ftm_json(no_dataset)
    for bad in ("un", "ofac", "EU", "eu fsf", "x" * 41, "1eu"):
        with pytest.raises(ListFormatError, match="list source"):
            load_ftm_json(no_dataset, source=bad)


def test_the_format_is_detected_by_content_and_folders_include_ftm_files(tmp_path: Path) -> None:
    assert detect_format(FTM_FILE) == FTM_JSON
    (tmp_path / "eu.json").write_bytes(FTM_FILE.read_bytes())
    (tmp_path / "un.xml").write_bytes((LISTS / "un_mini.xml").read_bytes())
    (tmp_path / "index.json").write_text('{\n  "datasets": []\n}\n')  # not a list: skipped
    assert sorted(v.source for v in load_path(tmp_path)) == ["eu_fsf", "un"]
    with pytest.raises(ListFormatError, match="--source names a FollowTheMoney list"):
        load_path(LISTS / "un_mini.xml", source="eu")


def test_screening_finds_an_ftm_entity_by_name_and_by_alias(eu: ListVersion) -> None:
    screener = Screener([eu])
    by_name = screener.screen("Kim Chol Sam")
    assert by_name.matches[0].ref == "eu-fsf-kp-0001" and by_name.matches[0].source == "eu_fsf"
    by_alias = screener.screen("Lyongaksan General Trading Corporation")
    assert by_alias.matches[0].ref == "eu-fsf-kp-0002"
    assert by_alias.matches[0].matched_name == "Lyongaksan General Trading Corporation"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_cli_loads_an_ftm_file_and_a_failed_load_changes_nothing(tmp_path: Path) -> None:
    result = run("lists", "load", "--format", "ftm", "--source", "eu", str(FTM_FILE))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("eu: 2025-03-02+") and "(5 entries), active" in result.stdout
    assert "CryptoWallet" in result.stderr
    bad = write(tmp_path / "bad.json", person(), "{oops")
    failed = run("lists", "load", "--source", "eu", str(bad))
    assert failed.exit_code == 2 and "line 2" in failed.stderr
    assert failed.stderr.startswith("error: ") and "Traceback" not in failed.output
    with SqliteListStore.default() as store:
        active = store.active("eu")
        assert active is not None and active.entry_count == 5 and len(store.versions()) == 1
    refused = run("lists", "load", "--source", "un", str(FTM_FILE))
    assert refused.exit_code == 2 and "reserved" in refused.stderr
    # The same content under another name is not stored twice: the answer names its source.
    again = run("lists", "load", "--source", "eu_other", str(FTM_FILE))
    assert again.stdout.startswith("eu: ") and "already stored as version 1" in again.stdout
    other = write(tmp_path / "kr.json", {**person(), "datasets": ["kr_fsc"], "target": True})
    relabel = run("lists", "load", "--version", "2025-04-01", str(other))
    assert relabel.exit_code == 0 and relabel.stdout.startswith("kr_fsc: 2025-04-01: stored")


def test_warnings_are_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ftm_loader, "MAX_WARNINGS", 2)
    path = write(tmp_path / "w.json", person(nationality=[f"Atlantis {i}" for i in range(5)]))
    warnings = load_ftm_json(path, source="x").warnings
    assert len(warnings) == 4  # two kept, the count, and the "no marking" note
    assert "... and 3 more warnings" in warnings


def test_the_un_not_available_nationality_is_not_written_as_namibia() -> None:
    """Found by the real-data round trip: FtM reads the UN's "na" as Namibia's code."""
    entry = Entry("un", "KPi.1", EntityType.PERSON, "RI", (), nationalities=("na", "DPRK"))
    assert entity_of(entry)["properties"]["nationality"] == ["kp"]
