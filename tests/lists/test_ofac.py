"""The OFAC SDN legacy CSV trio loader, on a small fixture trio."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.lists.conftest import BAD, LISTS
from wgdesk.screening.lists import ListFormatError, load_ofac_csv
from wgdesk.screening.lists.ofac import SDN_COLUMNS, companion, version_label
from wgdesk.screening.model import BirthDate, Document, EntityType, Entry, Name, NameKind


@pytest.fixture
def entries(ofac_dir: Path) -> dict[str, Entry]:
    return {entry.ref: entry for entry in load_ofac_csv(ofac_dir / "sdn.csv").entries}


def test_loads_the_trio_under_official_names(ofac_dir: Path) -> None:
    version = load_ofac_csv(ofac_dir / "sdn.csv")
    assert version.source == "ofac"
    assert len(version.entries) == 8
    assert version.origin.count(" + ") == 2  # sdn.csv + alt.csv + add.csv
    assert version.version == f"sha256:{version.sha256[:12]}"  # no date in "sdn.csv"


def test_companions_found_for_prefixed_and_upper_case_names(ofac_dir: Path, tmp_path: Path) -> None:
    for role in ("sdn", "alt", "add"):
        shutil.copy(ofac_dir / f"{role}.csv", tmp_path / f"ofac_{role}_2021-04.csv")
        shutil.copy(ofac_dir / f"{role}.csv", tmp_path / f"{role.upper()}.CSV")
    prefixed = tmp_path / "ofac_sdn_2021-04.csv"
    assert companion(prefixed, "alt") == tmp_path / "ofac_alt_2021-04.csv"
    assert companion(tmp_path / "SDN.CSV", "add") == tmp_path / "ADD.CSV"
    version = load_ofac_csv(prefixed)
    assert version.version == f"2021-04+{version.sha256[:12]}"
    assert version.sha256 == load_ofac_csv(ofac_dir / "sdn.csv").sha256  # same content
    assert len(version.entries[0].names) == 3


def test_missing_companions_are_a_warning_not_a_failure(ofac_dir: Path, tmp_path: Path) -> None:
    shutil.copy(ofac_dir / "sdn.csv", tmp_path / "sdn.csv")
    version = load_ofac_csv(tmp_path / "sdn.csv")
    assert "no alt.csv beside sdn.csv: aliases not loaded" in version.warnings
    assert "no add.csv beside sdn.csv: addresses not loaded" in version.warnings
    assert version.sha256 != load_ofac_csv(ofac_dir / "sdn.csv").sha256


def test_version_label_prefers_the_published_day() -> None:
    sha = "ab" * 32
    assert version_label(Path("sdn.csv"), sha, dt.date(2025, 4, 18)) == "2025-04-18+abababababab"
    assert version_label(Path("sdn_20250418.csv"), sha) == "20250418+abababababab"
    assert version_label(Path("sdn.csv"), sha) == "sha256:abababababab"


def test_types_and_programmes(entries: dict[str, Entry]) -> None:
    assert entries["9902"].type is EntityType.PERSON
    assert entries["9903"].type is EntityType.VESSEL
    assert entries["9905"].type is EntityType.AIRCRAFT
    assert entries["9901"].type is EntityType.ORGANIZATION  # SDN_Type "-0-"
    assert entries["9901"].regimes == ("NPWMD", "DPRK2")
    assert entries["9905"].regimes == ("SDGT", "IFSR")
    assert entries["306"].regimes == ("CUBA",)


def test_names_keep_the_list_wording_and_alias_kinds(entries: dict[str, Entry]) -> None:
    person = entries["9902"]
    assert person.name == "RI, Chol Ho"  # "SURNAME, Given" as OFAC writes it
    assert person.names == (
        Name("RI, Chol Ho", NameKind.PRIMARY),
        Name("LI, Cheol Ho", NameKind.ALIAS, "aka"),
        Name("RI, Chol-Ho", NameKind.ALIAS, "nka", "spelling used since 2019"),
        Name("RI, Chol-ho", NameKind.ALIAS, "Low", "a.k.a. in remarks (weak alias)"),
    )
    org = entries["9901"]
    assert Name("CHOSON FICTIONAL MINING", NameKind.FORMER, "fka") in org.names
    # Weak aliases live in Remarks in the legacy format.
    assert Name("KFMC", NameKind.ALIAS, "Low", "a.k.a. in remarks (weak alias)") in org.names
    assert Name("OLD MINING CO.", NameKind.FORMER, "Low", "f.k.a. in remarks (weak alias)") in (
        org.names
    )


def test_dates_of_birth_from_remarks(entries: dict[str, Entry]) -> None:
    day = dt.date
    assert entries["9902"].birth_dates == (
        BirthDate(day(1960, 4, 12), day(1960, 4, 12), "12 Apr 1960"),
        BirthDate(day(1958, 1, 1), day(1958, 12, 31), "1958"),
        BirthDate(day(1955, 1, 1), day(1955, 12, 31), "circa 1955", approximate=True),
        BirthDate(day(1957, 1, 1), day(1960, 12, 31), "1957 to 1960"),
        BirthDate(day(1961, 3, 1), day(1961, 3, 31), "Mar 1961"),
        BirthDate(day(1950, 1, 1), day(1951, 12, 31), "01 Jan 1950 to 31 Dec 1951"),
    )


def test_unreadable_dob_is_kept_and_warned(ofac_dir: Path) -> None:
    version = load_ofac_csv(ofac_dir / "sdn.csv")
    person = next(e for e in version.entries if e.ref == "9902")
    assert ("date_of_birth", "the year of the horse") in person.extra
    assert any(
        w.startswith("sdn.csv line 3: DOB 'the year of the horse'") for w in version.warnings
    )


def test_nationality_citizenship_gender_place(entries: dict[str, Entry]) -> None:
    person = entries["9902"]
    assert person.nationalities == ("Korea, North", "China")
    assert ("citizen", "China") in person.extra
    assert person.gender == "male"
    assert entries["9906"].gender == "female"
    place = person.birth_places[0]
    assert (place.city, place.country) == ("Pyongyang", "Korea, North")


def test_documents_from_remarks(entries: dict[str, Entry]) -> None:
    assert entries["9902"].documents == (
        Document("Passport", "745321098", "Korea, North", "02 Feb 2015", "expires 01 Feb 2020"),
        Document("Passport", "PD 123456"),
        Document("National ID No.", "0123456789", "Korea, North"),
        Document("Diplomatic Passport", "990011", "Korea, North"),
    )
    assert entries["9904"].documents == (Document("IMO", "9123456"), Document("MMSI", "445123456"))
    assert Document("IMO company number", "5987654") in entries["9907"].documents
    assert Document("Registration Number", "12345678", "Hong Kong") in entries["9907"].documents
    assert entries["9901"].documents == (Document("SWIFT/BIC", "KFMCKPPY"),)


def test_links_contacts_and_vessel_fields_go_to_extra(entries: dict[str, Entry]) -> None:
    org = entries["9901"]
    assert ("linked_to", "KOREA FICTIONAL HOLDING CO., LTD.") in org.extra  # keeps its own "."
    assert ("email", "sales@example.kp") in org.extra  # an "alt." item
    assert ("website", "www.example.kp") in org.extra
    assert ("linked_to", "KOREA FICTIONAL MINING CORPORATION") in entries["9902"].extra
    vessel = entries["9903"]
    assert dict(vessel.extra) == {
        "call_sign": "HMYZ9",
        "vessel_type": "General Cargo",
        "tonnage": "2,500",
        "gross_tonnage": "1,498",
        "vessel_flag": "Korea, North",
        "vessel_owner": "Korea Fictional Shipping Co",
    }
    assert vessel.remarks is None  # "-0-"


def test_addresses_from_add_csv(entries: dict[str, Entry]) -> None:
    org = entries["9901"]
    assert [a.one_line() for a in org.addresses] == [
        "Central District, Pyongyang, Korea, North",
        "Dandong, China, branch office",
    ]


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("sdn_wrong_columns.csv", "expected 12 fields as in OFAC's sdn.csv", 3),
        ("sdn_bad_ent_num.csv", "ent_num '99O1' is not a number", 2),
        ("sdn_bad_bytes.csv", "byte 0xd4 is not valid UTF-8", 4),
        ("sdn_unterminated_quote.csv", "broken CSV: unexpected end of data", 3),
    ],
)
def test_wrong_shapes_and_bytes_are_clear_errors(name: str, message: str, line: int) -> None:
    with pytest.raises(ListFormatError) as caught:
        load_ofac_csv(BAD / name)
    assert message in caught.value.problem
    assert caught.value.line == line
    assert str(caught.value).startswith(f"{BAD / name}, line {line}")


def test_bad_bytes_report_the_byte_offset() -> None:
    with pytest.raises(ListFormatError) as caught:
        load_ofac_csv(BAD / "sdn_bad_bytes.csv")
    offset = caught.value.byte_offset
    assert offset is not None
    assert (BAD / "sdn_bad_bytes.csv").read_bytes()[offset] == 0xD4


def test_a_un_file_passed_as_ofac_is_named_as_xml() -> None:
    with pytest.raises(ListFormatError, match="this is XML, not an OFAC CSV"):
        load_ofac_csv(LISTS / "un_mini.xml")


def test_alt_csv_passed_as_sdn_says_which_file_it_looks_like(
    ofac_dir: Path, tmp_path: Path
) -> None:
    with pytest.raises(ListFormatError, match=r"companion; load the sdn\.csv beside it"):
        load_ofac_csv(ofac_dir / "alt.csv")
    renamed = tmp_path / "names.csv"
    shutil.copy(ofac_dir / "alt.csv", renamed)
    with pytest.raises(ListFormatError, match=r"this row looks like OFAC's alt\.csv"):
        load_ofac_csv(renamed)


def test_a_broken_companion_fails_the_load(ofac_dir: Path, tmp_path: Path) -> None:
    shutil.copy(ofac_dir / "sdn.csv", tmp_path / "sdn.csv")
    (tmp_path / "alt.csv").write_text('9902,1,"aka"\n', encoding="utf-8")
    with pytest.raises(ListFormatError) as caught:
        load_ofac_csv(tmp_path / "sdn.csv")
    assert caught.value.path == str(tmp_path / "alt.csv")
    assert "expected 5 fields" in caught.value.problem


def test_orphan_alias_rows_are_warned_and_ignored(ofac_dir: Path, tmp_path: Path) -> None:
    shutil.copy(ofac_dir / "sdn.csv", tmp_path / "sdn.csv")
    (tmp_path / "alt.csv").write_text('1234,1,"aka","NOBODY",-0-\n', encoding="utf-8")
    version = load_ofac_csv(tmp_path / "sdn.csv")
    assert "alt.csv line 1: ent_num 1234 is not in sdn.csv; ignored" in version.warnings
    assert all("NOBODY" not in n.value for e in version.entries for n in e.names)


def test_duplicate_ent_num_and_header_row(tmp_path: Path) -> None:
    row = '1,"A",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0-\n'
    header = ",".join(SDN_COLUMNS) + "\n"
    (tmp_path / "sdn.csv").write_text(header + row, encoding="utf-8")
    assert [e.name for e in load_ofac_csv(tmp_path / "sdn.csv").entries] == ["A"]
    (tmp_path / "sdn.csv").write_text(row + row, encoding="utf-8")
    with pytest.raises(ListFormatError, match=r"ent_num 1 appears twice \(first on line 1\)"):
        load_ofac_csv(tmp_path / "sdn.csv")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "sdn.csv").write_bytes(b"\x1a")
    with pytest.raises(ListFormatError, match="the file has no rows"):
        load_ofac_csv(tmp_path / "sdn.csv")
