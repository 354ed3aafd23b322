"""The store and the diff on the real published lists (skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wgdesk.screening.diff import diff_to_json, diff_versions, render_text
from wgdesk.screening.lists import load_path, load_un_xml
from wgdesk.screening.store import STORE_FILE, SqliteListStore

pytestmark = pytest.mark.realdata


def test_un_2020_to_2025_diff(sanctions_dir: Path) -> None:
    old = load_un_xml(sanctions_dir / "un_consolidated_2020-11-30.xml")
    new = load_un_xml(sanctions_dir / "un_consolidated_2025-04-19.xml")
    diff = diff_versions(old, new)
    assert (len(diff.added), len(diff.removed), len(diff.changed), diff.unchanged) == (
        45,
        186,
        667,
        165,
    )
    assert len(old.entries) - len(diff.removed) + len(diff.added) == len(new.entries)
    removed = {e.ref for e in diff.removed}
    # The Iran list ended in 2023 (resolution 2231's termination day): all its entries went.
    assert {e.ref for e in old.entries if e.regimes == ("Iran",)} <= removed
    assert "HTi.001" in {e.ref for e in diff.added}  # the Haiti regime was created in 2022
    changed = {c.ref: c for c in diff.changed}
    fields = {f.field: f for f in changed["KPe.004"].changes}
    assert fields["addresses"].added == (
        "Chilgol, Pyongyang, Democratic People's Republic of Korea",
    )
    assert "KPi.033" not in changed and "KPi.033" not in removed  # RI WON HO unchanged
    text = render_text(diff)
    assert "added 45, removed 186, changed 667, unchanged 165" in text
    assert diff_to_json(diff)["summary"]["removed"] == 186


def test_store_round_trip_of_the_real_lists(sanctions_dir: Path, tmp_path: Path) -> None:
    versions = load_path(sanctions_dir)
    with SqliteListStore(tmp_path / STORE_FILE) as store:
        for version in versions:
            store.import_version(version)
        active = store.load_active()
    # Folder order is ofac, un 2020, un 2025: the 2025 list was loaded last.
    assert [(v.source, v.version) for v in active] == [
        ("ofac", versions[0].version),
        ("un", "2025-04-19T23:00:04.625Z"),
    ]
    assert active == [versions[0], versions[2]]
