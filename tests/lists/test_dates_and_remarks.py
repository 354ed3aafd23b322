"""Date wording and OFAC Remarks items, rule by rule."""

from __future__ import annotations

import datetime as dt

import pytest

from wgdesk.screening.lists.dates import day_or_year, iso_day, ofac_birth_date, year_range
from wgdesk.screening.lists.ofac_remarks import parse_remarks, split_items
from wgdesk.screening.model import Address


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1964-07-17", dt.date(1964, 7, 17)),
        ("2015-04-14-04:00", dt.date(2015, 4, 14)),
        ("2025-04-19Z", dt.date(2025, 4, 19)),
        (" 1960-01-01 ", dt.date(1960, 1, 1)),
        ("1960-02-30", None),
        ("1960", None),
        ("", None),
    ],
)
def test_iso_day(text: str, expected: dt.date | None) -> None:
    assert iso_day(text) == expected


def test_day_or_year_and_year_range() -> None:
    year = day_or_year("1984")
    assert year is not None and (year.earliest, year.latest) == (
        dt.date(1984, 1, 1),
        dt.date(1984, 12, 31),
    )
    assert day_or_year("84") is None
    assert year_range("1960", "1958", approximate=False, note=None) is None  # backwards


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "approximate"),
    [
        ("12 Apr 1960", dt.date(1960, 4, 12), dt.date(1960, 4, 12), False),
        ("1958", dt.date(1958, 1, 1), dt.date(1958, 12, 31), False),
        ("circa 1955", dt.date(1955, 1, 1), dt.date(1955, 12, 31), True),
        ("circa 1955-1960", dt.date(1955, 1, 1), dt.date(1960, 12, 31), True),
        ("1957 to 1960", dt.date(1957, 1, 1), dt.date(1960, 12, 31), False),
        ("Feb 1960", dt.date(1960, 2, 1), dt.date(1960, 2, 29), False),
        ("September 1961", dt.date(1961, 9, 1), dt.date(1961, 9, 30), False),
        ("Mar 1960 to Feb 1962", dt.date(1960, 3, 1), dt.date(1962, 2, 28), False),
    ],
)
def test_ofac_birth_dates(text: str, earliest: dt.date, latest: dt.date, approximate: bool) -> None:
    born = ofac_birth_date(text)
    assert born is not None
    assert (born.earliest, born.latest, born.approximate, born.text) == (
        earliest,
        latest,
        approximate,
        text,
    )


@pytest.mark.parametrize(
    "text", ["31 Feb 1960", "12 Foo 1960", "1960 to 1950", "unknown", "12 1960"]
)
def test_ofac_birth_dates_refused(text: str) -> None:
    assert ofac_birth_date(text) is None


def test_split_items_drops_alt_and_the_closing_full_stop() -> None:
    assert split_items("DOB 1960; alt. DOB 1961; POB Testville, Testland.") == [
        "DOB 1960",
        "DOB 1961",
        "POB Testville, Testland",
    ]
    assert split_items("Linked To: ACME CO., LTD.") == ["Linked To: ACME CO., LTD."]
    assert split_items("Linked To: ACME S.A.") == ["Linked To: ACME S.A."]
    assert split_items("Linked To: ACME TRADING.") == ["Linked To: ACME TRADING"]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("POB Pyongyang, Korea, North", Address(city="Pyongyang", country="Korea, North")),
        ("POB Korea, North", Address(country="Korea, North")),
        (
            "POB Culiacan, Sinaloa, Mexico",
            Address(city="Culiacan", state="Sinaloa", country="Mexico"),
        ),
        (
            "POB Goma, Congo, Democratic Republic of the",
            Address(city="Goma", country="Congo, Democratic Republic of the"),
        ),
        ("POB Tehran", Address(note="Tehran")),  # a city or a country: we do not guess
    ],
)
def test_places_of_birth(text: str, place: Address) -> None:
    assert parse_remarks(text).birth_places == [place]


def test_free_text_never_becomes_a_document() -> None:
    facts = parse_remarks("President since 2005; Member ETA; Passport 123 (Spain)")
    assert [(d.type, d.number, d.country) for d in facts.documents] == [
        ("Passport", "123", "Spain")
    ]


def test_digital_currency_addresses_are_identifiers() -> None:
    facts = parse_remarks(
        "Digital Currency Address - XBT 1AbCdEf; alt. Digital Currency Address - ETH 0x12"
    )
    assert [(d.type, d.number) for d in facts.documents] == [
        ("Digital Currency Address - XBT", "1AbCdEf"),
        ("Digital Currency Address - ETH", "0x12"),
    ]
