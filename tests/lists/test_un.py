"""The UN consolidated list XML loader, on a small fixture with every field form."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.lists.conftest import BAD
from wgdesk.screening.lists import ListFormatError, load_un_xml
from wgdesk.screening.model import BirthDate, Document, EntityType, Entry, Name, NameKind


@pytest.fixture
def entries(un_mini: Path) -> dict[str, Entry]:
    return {entry.ref: entry for entry in load_un_xml(un_mini).entries}


def test_version_is_date_generated_and_refs_are_stripped(un_mini: Path) -> None:
    version = load_un_xml(un_mini)
    assert version.source == "un"
    assert version.version == "2025-01-31T23:00:00.000Z"
    assert [e.ref for e in version.entries] == ["KPi.901", "QDi.999", "KPe.901"]
    assert len(version.sha256) == 64
    assert version.origin == str(un_mini)


def test_primary_name_joins_the_name_parts_without_stray_spaces(entries: dict[str, Entry]) -> None:
    assert entries["KPi.901"].name == "PAK CHOL SU"
    assert entries["QDi.999"].name == "ABD AL-RAHMAN IBN TESTI"  # FIRST..FOURTH_NAME
    assert entries["KPe.901"].name == "KOREA FICTIONAL TRADING CORPORATION"


def test_aliases_keep_quality_and_notes_and_empty_aliases_add_nothing(
    entries: dict[str, Entry],
) -> None:
    assert entries["KPi.901"].names == (
        Name("PAK CHOL SU", NameKind.PRIMARY),
        Name("박철수", NameKind.ORIGINAL_SCRIPT),
        Name("Pak Chol-su", NameKind.ALIAS, "Good"),
        Name("Chol Su", NameKind.ALIAS, "Low", "nickname"),
        Name("Park Cheol-soo", NameKind.ALIAS, "Good"),
    )
    org = entries["KPe.901"]
    assert org.names[2:] == (
        Name("Choson Kasang Muyok Hoesa", NameKind.ALIAS, "a.k.a."),
        Name("Korea Old Name Company", NameKind.FORMER, "f.k.a.", "formerly listed as"),
    )
    assert all(name.value for entry in entries.values() for name in entry.names)


def test_entity_types(entries: dict[str, Entry]) -> None:
    assert entries["KPi.901"].type is EntityType.PERSON
    assert entries["KPe.901"].type is EntityType.ORGANIZATION


def test_every_date_of_birth_form(entries: dict[str, Entry]) -> None:
    day = dt.date
    assert entries["KPi.901"].birth_dates == (
        # from the alias "Park Cheol-soo"
        BirthDate(day(1966, 1, 1), day(1966, 12, 31), "1966", False, "as Park Cheol-soo"),
        BirthDate(day(1965, 3, 4), day(1965, 3, 4), "1965-03-04"),
        # a time zone after the day is ignored
        BirthDate(day(1964, 1, 1), day(1964, 1, 1), "1964-01-01", False, "from false passport"),
        BirthDate(day(1963, 1, 1), day(1963, 12, 31), "1963"),
        BirthDate(day(1962, 1, 1), day(1962, 12, 31), "1962", approximate=True),
        BirthDate(day(1958, 1, 1), day(1961, 12, 31), "1958 to 1961", True, "Approximately"),
    )
    assert ("date_of_birth", "24/06/1384 (Hijri Calendar)") in entries["KPi.901"].extra


def test_unreadable_date_is_kept_as_text_with_a_warning(un_mini: Path) -> None:
    version = load_un_xml(un_mini)
    entry = next(e for e in version.entries if e.ref == "QDi.999")
    assert entry.birth_dates == ()
    assert ("date_of_birth", "not a date") in entry.extra
    assert len(version.warnings) == 1
    assert "'not a date'" in version.warnings[0]
    assert version.warnings[0].startswith("line 141:")


def test_places_nationalities_addresses(entries: dict[str, Entry]) -> None:
    person = entries["KPi.901"]
    assert [p.one_line() for p in person.birth_places] == [
        "Nampho, Democratic People's Republic of Korea, as Park Cheol-soo",
        "Hamhung, South Hamgyong, Democratic People's Republic of Korea",
    ]
    assert person.nationalities == ("Democratic People's Republic of Korea", "China")
    assert len(person.addresses) == 1  # the empty <INDIVIDUAL_ADDRESS> is dropped
    address = person.addresses[0]
    assert (address.street, address.postal_code, address.note) == (
        "12 Fictional Street",
        "00000",
        "office address",
    )
    assert [a.city for a in entries["KPe.901"].addresses] == ["Pyongyang", "Dandong"]


def test_documents(entries: dict[str, Entry]) -> None:
    passport = entries["KPi.901"].documents
    assert passport == (
        Document(
            "Passport",
            "654321098",
            "Democratic People's Republic of Korea",
            "2011-05-06",
            "Diplomatic; issued in Pyongyang; country of issue China; expires 2016-05-05",
        ),
    )
    # A document without a number is not an identifier, but its text is kept.
    assert ("document", "National Identification Number; number not known") in entries[
        "KPi.901"
    ].extra
    assert entries["QDi.999"].documents == (Document("Passport", "A1234567", "Testland"),)


def test_designations_titles_dates_regimes_remarks(entries: dict[str, Entry]) -> None:
    person = entries["KPi.901"]
    assert person.designations == (
        "Colonel",
        "Representative of a fictional trading company",
        "Deputy director",
    )
    assert ("title", "Colonel") in person.extra
    assert person.listed_on == dt.date(2017, 6, 2)
    assert entries["QDi.999"].listed_on == dt.date(2015, 4, 14)  # "2015-04-14-04:00"
    assert person.regimes == ("DPRK",)
    assert entries["QDi.999"].regimes == ("Al-Qaida",)
    assert person.remarks == (
        "Test entry: a fictional trading company official.\nSecond line of the comment."
    )
    assert entries["QDi.999"].remarks is None


def test_gender_and_other_fields_go_to_extra(entries: dict[str, Entry]) -> None:
    person = entries["KPi.901"]
    assert person.gender == "male"
    assert entries["QDi.999"].gender is None
    assert ("gender", "Unknown") in entries["QDi.999"].extra
    for pair in [
        ("dataid", "9000001"),
        ("versionnum", "1"),
        ("submitted_by", "Fictional State"),
        ("list_type", "UN List"),
        ("last_day_updated", "2019-03-01"),
        ("future_field", "something new"),  # an element this loader does not know
    ]:
        assert pair in person.extra


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("billion_laughs.xml", "hostile XML: a DOCTYPE declaration", 2),
        ("external_entity.xml", "hostile XML: a DOCTYPE declaration", 2),
        ("doctype.xml", "hostile XML: a DOCTYPE declaration", 2),
        ("truncated.xml", "the file ends too early, it looks truncated", 105),
        ("bad_utf8.xml", "bytes that are not valid UTF-8", 5),
        ("mismatched_tag.xml", "mismatched tag", 5),
        ("wrong_root.xml", "not a UN consolidated list: the root element is <sdnList>", 2),
        ("no_reference.xml", "<INDIVIDUAL> has no REFERENCE_NUMBER", 5),
        ("duplicate_reference.xml", "REFERENCE_NUMBER KPi.1 appears twice (first on line 4)", 6),
        ("no_name.xml", "KPi.1 has no name", 4),
        ("no_date_generated.xml", "has no dateGenerated attribute", 2),
        ("empty_list.xml", "the list has no INDIVIDUAL or ENTITY entries", None),
    ],
)
def test_bad_files_name_the_file_the_position_and_the_problem(
    name: str, message: str, line: int | None
) -> None:
    path = BAD / name
    with pytest.raises(ListFormatError) as caught:
        load_un_xml(path)
    error = caught.value
    assert message in error.problem
    assert error.line == line
    assert str(error).startswith(f"{path}")
    assert message in str(error)


def test_syntax_errors_give_line_column_and_byte() -> None:
    with pytest.raises(ListFormatError) as caught:
        load_un_xml(BAD / "bad_utf8.xml")
    error = caught.value
    assert error.column is not None and error.byte_offset is not None
    raw = (BAD / "bad_utf8.xml").read_bytes()
    assert raw[error.byte_offset] == 0xE9  # the offset points at the bad byte itself
    assert f"line 5, column {error.column}, byte {error.byte_offset}" in str(error)


def test_entity_expansion_never_expands(tmp_path: Path) -> None:
    # Even without a DOCTYPE the parser refuses undeclared entities instead of resolving them.
    path = tmp_path / "undeclared.xml"
    path.write_text(
        '<CONSOLIDATED_LIST dateGenerated="2025-01-01"><INDIVIDUALS><INDIVIDUAL>'
        "<FIRST_NAME>&lol9;</FIRST_NAME><REFERENCE_NUMBER>KPi.1</REFERENCE_NUMBER>"
        "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    with pytest.raises(ListFormatError, match="undefined entity"):
        load_un_xml(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_bytes(b"")
    with pytest.raises(ListFormatError, match="truncated"):
        load_un_xml(path)
