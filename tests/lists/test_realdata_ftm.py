"""The real lists written as FtM entities and read back by the FtM loader (needs ../shared).

The writer is the yente API's (`wgdesk/screening/ftm.py`), the reader the list loader: a
round trip over 877 UN and 8,890 OFAC entries checks that the two agree on every field
FtM can carry, and that the loader handles a list of real size.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from followthemoney.types import registry

from wgdesk.screening.countries import country_code
from wgdesk.screening.ftm import entity_of
from wgdesk.screening.lists.ftm import load_ftm_json
from wgdesk.screening.model import Entry, ListVersion

pytestmark = pytest.mark.realdata


def as_ftm_file(version: ListVersion, path: Path) -> Path:
    """Write a list as OpenSanctions does: one target entity per line."""
    with path.open("w", encoding="utf-8") as out:
        for entry in version.entries:
            entity = {**entity_of(entry), "target": True, "datasets": [f"{version.source}_ftm"]}
            out.write(json.dumps(entity, ensure_ascii=False) + "\n")
    return path


def _words(text: str | None) -> list[str]:
    """The words of a text, however they are spaced."""
    return (text or "").split()


def _exact_dates(entry: Entry) -> set[tuple[str, str]]:
    """The birth dates FtM can carry: a day or a year (a range such as 1957-1960 it cannot)."""
    return {
        (b.earliest.isoformat(), b.latest.isoformat())
        for b in entry.birth_dates
        if b.text[:4].isdigit() and len(b.text) in (4, 10)
    }


@pytest.mark.parametrize("name", ["un_2025", "ofac"])
def test_a_real_list_survives_the_ftm_round_trip(
    real_lists: dict[str, ListVersion], tmp_path: Path, name: str
) -> None:
    original = real_lists[name]
    back = load_ftm_json(as_ftm_file(original, tmp_path / f"{name}.json"))
    assert back.source == f"{original.source}_ftm"
    assert len(back.entries) == len(original.entries)
    for before, after in zip(original.entries, back.entries, strict=True):
        assert after.ref == f"{before.source}-{before.ref}"
        assert (after.type, after.name) == (before.type, before.name)
        # FtM cleans names (spaces, OFAC's quotes around "'FOOPIE'"): compare what it keeps.
        assert {n.value for n in after.names} == {
            registry.name.clean(n.value) for n in before.names
        }
        assert after.regimes == before.regimes
        assert after.listed_on == before.listed_on
        # FtM's text cleaning turns odd spaces (U+202F in KPi.029) into plain ones.
        assert _words(after.remarks) == _words(before.remarks)
        assert _exact_dates(before) <= {
            (b.earliest.isoformat(), b.latest.isoformat()) for b in after.birth_dates
        }
        # No country we read is lost; FtM reads a few more ("Macedonia" wordings).
        codes = {c for n in before.nationalities if (c := country_code(n))}
        assert codes <= {country_code(n) for n in after.nationalities}
