"""Facts hidden in the Remarks field of OFAC's legacy sdn.csv.

The legacy CSV has no columns for dates of birth, nationalities or identity documents:
OFAC writes them into Remarks as "; "-separated items, e.g.
``DOB 12 Apr 1960; alt. DOB 1958; POB Pyongyang, Korea, North; nationality Korea, North;
Passport 836110034 (Korea, North); Gender Male; a.k.a. 'KIM IL'; Linked To: KOMID.``
Each item is recognised by its leading label. Identity documents are recognised from a
list of the labels OFAC uses, so free text ("President since 2005") never becomes an
identifier; unrecognised items stay readable in `Entry.remarks`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from wgdesk.screening.lists._text import clean
from wgdesk.screening.lists.dates import ofac_birth_date
from wgdesk.screening.model import Address, BirthDate, Document, Name, NameKind


@dataclass
class RemarkFacts:
    """What one Remarks field says, sorted into the model's fields."""

    birth_dates: list[BirthDate] = field(default_factory=list)
    birth_places: list[Address] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    gender: str | None = None
    problems: list[str] = field(default_factory=list)  # items we recognised but could not read


# Identity document labels as OFAC writes them (longest first in the pattern, so
# "Diplomatic Passport" wins over "Passport").
_ID_LABELS = (
    "Passport",
    "Diplomatic Passport",
    "Stateless Person Passport",
    "Passport Booklet",
    "Travel Document Number",
    "National ID No.",
    "National Foreign ID Number",
    "Personal ID Card",
    "Identification Number",
    "Identification Card Number",
    "Citizen's Card Number",
    "Residency Number",
    "Birth Certificate Number",
    "Cedula No.",
    "D.N.I.",
    "SSN",
    "Driver's License No.",
    "Electoral Registry No.",
    "Credencial electoral",
    "I.F.E.",
    "C.U.R.P.",
    "C.U.R.P. #",
    "R.F.C.",
    "R.F.C. #",
    "RFC",
    "NIT #",
    "RUC #",
    "RIF #",
    "C.U.I.T.",
    "C.U.I.P.",
    "C.U.I.",
    "C.I.F.",
    "RTN",
    "Tax ID No.",
    "V.A.T. Number",
    "US FEIN",
    "Italian Fiscal Code",
    "Kenyan ID No.",
    "Turkish Identification Number",
    "Moroccan Personal ID No.",
    "Tazkira National ID Card",
    "Numero de Identidad",
    "Cartilla de Servicio Militar Nacional",
    "Immigration No.",
    "Public Security and Immigration No.",
    "Pilot License Number",
    "Registration Number",
    "Registration ID",
    "Company Number",
    "UK Company Number",
    "Commercial Registry Number",
    "Business Registration Number",
    "Business Registration Document #",
    "Business Number",
    "Certificate of Incorporation Number",
    "Chamber of Commerce Number",
    "Dubai Chamber of Commerce Membership No.",
    "Public Registration Number",
    "Government Gazette Number",
    "Legal Entity Number",
    "Enterprise Number",
    "Branch Unit Number",
    "Folio Mercantil No.",
    "Matricula Mercantil No",
    "C.R. No.",
    "Trade License No.",
    "Registered Charity No.",
    "Chinese Commercial Code",
    "Unified Social Credit Code (USCC)",
    "United Social Credit Code Certificate (USCCC)",
    "Numero Unico de Identificacao Tributaria (NUIT)",
    "D-U-N-S Number",
    "LE Number",
    "BIK (RU)",
    "SWIFT/BIC",
    "MMSI",
    "Vessel Registration Identification",
    "Aircraft Manufacturer's Serial Number (MSN)",
    "Aircraft Construction Number (also called L/N or S/N or F/N)",
    "Aircraft Serial Identification",
    "Aircraft Tail Number",
    "Aircraft Mode S Transponder Code",
)
_ID_ITEM = re.compile(
    "(?P<label>"
    + "|".join(re.escape(label) for label in sorted(_ID_LABELS, key=len, reverse=True))
    + r"|Digital Currency Address - \w+) (?P<rest>.+)"
)
_ID_REST = re.compile(
    r"(?P<number>.+?)(?: \((?P<country>[^()]*)\))?"
    r"(?: issued (?P<issued>.+?))?(?: expires (?P<expires>.+?))?"
)
# Second halves of OFAC country names that contain a comma ("Korea, North", "Congo,
# Democratic Republic of the", "Man, Isle of").
_COUNTRY_TAILS = frozenset(
    {
        "North",
        "South",
        "The",
        "Democratic Republic of the",
        "Republic of the",
        "Isle of",
        "British",
        "U.S.",
        "Federated States of",
    }
)
# Words whose final "." belongs to the word, so it is not the field's closing full stop.
_ABBREVIATIONS = frozenset(
    {"LTD.", "CO.", "INC.", "CORP.", "LLC.", "JSC.", "PLC.", "LTDA.", "CIA.", "JR.", "SR.", "BHD."}
)
_QUOTED = re.compile(r"'(.+)'")
_ITEM_SPLIT = re.compile(r";\s+")


def _document(item: str) -> Document | None:
    """Return the identity document an item names ("Passport 123 (Iran)"), or None."""
    match = _ID_ITEM.fullmatch(item)
    if not match:
        return None
    label, rest = match["label"], match["rest"]
    if rest.startswith("IMO "):
        # IMO numbers: a ship's for vessels, the registered owner's for companies.
        label = "IMO" if label.startswith("Vessel") else "IMO company number"
        rest = rest[len("IMO ") :]
    parts = _ID_REST.fullmatch(rest)
    assert parts is not None  # the pattern matches any non-empty text
    expires = parts["expires"]
    note = f"expires {expires}" if expires else None
    return Document(label, parts["number"], parts["country"], parts["issued"], note)


def _birth_date(facts: RemarkFacts, text: str) -> None:
    """Add a "DOB ..." item, keeping wording we cannot read as text."""
    born = ofac_birth_date(text)
    if born is None:
        facts.problems.append(f"DOB {text!r} is not a date we can read; kept as text")
        facts.extra.append(("date_of_birth", text))
    else:
        facts.birth_dates.append(born)


def _birth_place(facts: RemarkFacts, text: str) -> None:
    """Add a "POB City, Region, Country" item; a single part could be a city or a country."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) < 2:
        facts.birth_places.append(Address(note=text))
        return
    # OFAC writes the country last; "Korea, North" is one country split by its comma.
    if parts[-1] in _COUNTRY_TAILS:
        parts[-2:] = [f"{parts[-2]}, {parts[-1]}"]
    country = parts.pop()
    city = parts.pop(0) if parts else None
    facts.birth_places.append(Address(city=city, state=", ".join(parts) or None, country=country))


def _nationality(facts: RemarkFacts, text: str) -> None:
    """Add a nationality."""
    facts.nationalities.append(text)


def _citizenship(facts: RemarkFacts, text: str) -> None:
    """Add a citizenship: a nationality for matching, also kept apart in `extra`."""
    facts.nationalities.append(text)
    facts.extra.append(("citizen", text))


def _gender(facts: RemarkFacts, text: str) -> None:
    """Record "Gender Male"/"Gender Female"."""
    facts.gender = text.lower() if text.lower() in ("male", "female") else None
    if facts.gender is None:
        facts.extra.append(("gender", text))


def _alias(kind: NameKind, label: str) -> Callable[[RemarkFacts, str], None]:
    """Return a handler adding a quoted a.k.a./f.k.a. name, which OFAC rates as weak."""

    def add(facts: RemarkFacts, text: str) -> None:
        quoted = _QUOTED.search(text)
        value = clean(quoted[1] if quoted else text)
        if value:
            facts.names.append(Name(value, kind, "Low", f"{label} in remarks (weak alias)"))

    return add


def _extra(key: str) -> Callable[[RemarkFacts, str], None]:
    """Return a handler that keeps an item's text in `extra` under a key."""

    def add(facts: RemarkFacts, text: str) -> None:
        facts.extra.append((key, text))

    return add


_HANDLERS: tuple[tuple[str, Callable[[RemarkFacts, str], None]], ...] = (
    ("DOB ", _birth_date),
    ("POB ", _birth_place),
    ("nationality ", _nationality),
    ("citizen ", _citizenship),
    ("Gender ", _gender),
    ("a.k.a. ", _alias(NameKind.ALIAS, "a.k.a.")),
    ("f.k.a. ", _alias(NameKind.FORMER, "f.k.a.")),
    ("n.k.a. ", _alias(NameKind.ALIAS, "n.k.a.")),
    ("Linked To: ", _extra("linked_to")),
    ("Email Address ", _extra("email")),
    ("EMAIL ", _extra("email")),
    ("Website ", _extra("website")),
    ("Phone Number ", _extra("phone")),
    ("Phone No. ", _extra("phone")),
    ("Telephone No. ", _extra("phone")),
    ("Telephone ", _extra("phone")),
    ("PHONE ", _extra("phone")),
    ("Fax No. ", _extra("fax")),
    ("Fax ", _extra("fax")),
    ("FAX ", _extra("fax")),
    ("Nationality of Registration ", _extra("nationality_of_registration")),
    ("Former Vessel Flag ", _extra("former_vessel_flag")),
    ("Other Vessel Flag ", _extra("other_vessel_flag")),
    ("Other Vessel Call Sign ", _extra("other_vessel_call_sign")),
    ("Other Vessel Type ", _extra("other_vessel_type")),
    ("Vessel Year of Build ", _extra("vessel_year_of_build")),
    ("Aircraft Model ", _extra("aircraft_model")),
    ("Aircraft Operator ", _extra("aircraft_operator")),
    ("Aircraft Manufacture Date ", _extra("aircraft_manufacture_date")),
    ("Organization Established Date ", _extra("organization_established")),
    ("Organization Type: ", _extra("organization_type")),
    ("Additional Sanctions Information - ", _extra("sanctions_information")),
    ("Secondary sanctions risk: ", _extra("secondary_sanctions_risk")),
    (
        "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions: ",
        _extra("prohibited_for_us_financial_institutions"),
    ),
)
# Handlers grouped by the item's first word, so each item is tried against a few prefixes.
_BY_FIRST_WORD: dict[str, tuple[tuple[str, Callable[[RemarkFacts, str], None]], ...]] = {}
for _prefix, _handler in _HANDLERS:
    _word = _prefix.split(" ", 1)[0]
    _BY_FIRST_WORD[_word] = (*_BY_FIRST_WORD.get(_word, ()), (_prefix, _handler))


def _ends_with_full_stop(item: str) -> bool:
    """True when an item's final "." closes the field rather than an abbreviation ("CO., LTD.")."""
    if not item.endswith("."):
        return False
    last_word = item.rsplit(" ", 1)[-1]
    return "." not in last_word[:-1] and last_word.upper() not in _ABBREVIATIONS


def split_items(remarks: str) -> list[str]:
    """Split Remarks into its items, dropping "alt. " prefixes and the closing full stop."""
    text = remarks.strip()
    items = [item.strip() for item in _ITEM_SPLIT.split(text) if item.strip()]
    if items and _ends_with_full_stop(items[-1]):
        items[-1] = items[-1][:-1]
    return [item.removeprefix("alt. ") for item in items]


def parse_remarks(remarks: str) -> RemarkFacts:
    """Sort every item of a Remarks field into dates, places, documents, names and extras."""
    facts = RemarkFacts()
    for item in split_items(remarks):
        for prefix, handler in _BY_FIRST_WORD.get(item.split(" ", 1)[0], ()):
            if item.startswith(prefix):
                handler(facts, item[len(prefix) :].strip())
                break
        else:
            document = _document(item)
            if document is not None:
                facts.documents.append(document)
    return facts
