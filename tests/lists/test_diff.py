"""Diffs between two versions of a list, keyed by reference."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.lists.conftest import LISTS
from wgdesk.screening.diff import FieldChange, diff_to_json, diff_versions, render_text
from wgdesk.screening.lists import ListError, load_path
from wgdesk.screening.model import Document, Entry, ListVersion, Name, NameKind


@pytest.fixture
def old() -> ListVersion:
    return load_path(LISTS / "un_mini.xml")[0]


def _new(old: ListVersion) -> ListVersion:
    """A later version: KPi.901 edited, QDi.999 removed, KPe.902 added, KPe.901 untouched."""
    person, _, org = old.entries
    edited = dataclasses.replace(
        person,
        names=(*person.names[:3], Name("Pak Chol Su", NameKind.ALIAS, "Good")),
        documents=(*person.documents, Document("Passport", "108440001", "China")),
        remarks="Test entry: a fictional trading company official. Edited.",
    )
    added = Entry(
        source="un",
        ref="KPe.902",
        type=org.type,
        name="NEW FICTIONAL BANK",
        names=(Name("NEW FICTIONAL BANK"),),
        regimes=("DPRK",),
    )
    return dataclasses.replace(
        old, version="2025-03-01T00:00:00Z", sha256="0" * 64, entries=(edited, org, added)
    )


def test_added_removed_changed_unchanged(old: ListVersion) -> None:
    diff = diff_versions(old, _new(old))
    assert [e.ref for e in diff.added] == ["KPe.902"]
    assert [e.ref for e in diff.removed] == ["QDi.999"]
    assert [c.ref for c in diff.changed] == ["KPi.901"]
    assert diff.unchanged == 1
    changes = {c.field: c for c in diff.changed[0].changes}
    assert list(changes) == ["aliases", "documents", "remarks"]
    assert changes["aliases"] == FieldChange(
        "aliases",
        removed=("Chol Su [Low; nickname]", "Park Cheol-soo [Good]"),
        added=("Pak Chol Su [Good]",),
    )
    assert changes["documents"].added == ("Passport 108440001 (China)",)
    assert changes["documents"].removed == ()


def test_reordering_is_not_a_change(old: ListVersion) -> None:
    person = old.entries[0]
    shuffled = dataclasses.replace(person, names=(person.names[0], *reversed(person.names[1:])))
    new = dataclasses.replace(old, entries=(shuffled, *old.entries[1:]))
    assert diff_versions(old, new).changed == ()


def test_identical_versions_have_no_differences(old: ListVersion) -> None:
    diff = diff_versions(old, old)
    assert (diff.added, diff.removed, diff.changed, diff.unchanged) == ((), (), (), 3)


def test_text_rendering(old: ListVersion) -> None:
    text = render_text(diff_versions(old, _new(old)))
    assert text.startswith(
        "un list: 2025-01-31T23:00:00.000Z -> 2025-03-01T00:00:00Z\n"
        "  added 1, removed 1, changed 1, unchanged 1\n"
    )
    assert "  + KPe.902  NEW FICTIONAL BANK  (organization; DPRK)" in text
    assert "  - QDi.999  ABD AL-RAHMAN IBN TESTI  (person; Al-Qaida)" in text
    assert "  ~ KPi.901  PAK CHOL SU\n      aliases:\n        - Chol Su [Low; nickname]" in text
    assert "        + Passport 108440001 (China)" in text


def test_long_edited_text_is_shown_trimmed(old: ListVersion) -> None:
    person = old.entries[0]
    before = dataclasses.replace(person, remarks="A" * 200 + " old words " + "B" * 200)
    after = dataclasses.replace(person, remarks="A" * 200 + " new words " + "B" * 200)
    text = render_text(
        diff_versions(
            dataclasses.replace(old, entries=(before,)), dataclasses.replace(old, entries=(after,))
        )
    )
    removed = next(line for line in text.splitlines() if line.startswith("        - "))
    added = next(line for line in text.splitlines() if line.startswith("        + "))
    # The edit with 30 characters of context on each side, not 400 characters twice.
    assert removed == f"        - …{'A' * 29} old words {'B' * 23}…"
    assert added == f"        + …{'A' * 29} new words {'B' * 23}…"


def test_json_form(old: ListVersion) -> None:
    data = diff_to_json(diff_versions(old, _new(old)))
    json.dumps(data)  # JSON-ready
    assert data["source"] == "un"
    assert data["old"]["version"] == old.version and data["new"]["entries"] == 3
    assert data["summary"] == {"added": 1, "removed": 1, "changed": 1, "unchanged": 1}
    assert data["added"][0]["ref"] == "KPe.902"
    assert data["added"][0]["names"] == [{"value": "NEW FICTIONAL BANK", "kind": "primary"}]
    removed = data["removed"][0]
    assert removed["listed_on"] == "2015-04-14"
    assert {"field": "gender", "value": "Unknown"} in removed["extra"]
    change = data["changed"][0]
    assert change["ref"] == "KPi.901"
    assert change["changes"][1] == {
        "field": "documents",
        "removed": [],
        "added": ["Passport 108440001 (China)"],
    }


def test_different_sources_cannot_be_compared(old: ListVersion, ofac_dir: Path) -> None:
    with pytest.raises(ListError, match="cannot compare a 'un' list with a 'ofac' list"):
        diff_versions(old, load_path(ofac_dir)[0])
