"""The store and the diff on the real published lists (skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wgdesk.screening.diff import diff_to_json, diff_versions, render_text
from wgdesk.screening.model import ListVersion
from wgdesk.screening.store import STORE_FILE, SqliteListStore

pytestmark = pytest.mark.realdata


def test_un_2020_to_2025_diff(real_lists: dict[str, ListVersion]) -> None:
    old, new = real_lists["un_2020"], real_lists["un_2025"]
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


def test_store_round_trip_of_the_real_lists(
    real_lists: dict[str, ListVersion], tmp_path: Path
) -> None:
    with SqliteListStore(tmp_path / STORE_FILE) as store:
        for name in ("ofac", "un_2020", "un_2025"):
            store.import_version(real_lists[name])
        active = store.load_active()
    # The 2025 UN list was loaded last, so it is the active UN version.
    assert active == [real_lists["ofac"], real_lists["un_2025"]]
