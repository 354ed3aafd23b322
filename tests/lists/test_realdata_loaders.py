"""The loaders on the real published lists (skipped when ../shared is absent)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from wgdesk.screening.lists import load_path
from wgdesk.screening.model import EntityType, ListVersion, NameKind

pytestmark = pytest.mark.realdata


@pytest.fixture
def un_2025(real_lists: dict[str, ListVersion]) -> ListVersion:
    return real_lists["un_2025"]


@pytest.fixture
def ofac_2021(real_lists: dict[str, ListVersion]) -> ListVersion:
    return real_lists["ofac"]


def test_un_2025_counts_and_known_entries(un_2025: ListVersion) -> None:
    assert un_2025.version == "2025-04-19T23:00:04.625Z"
    assert Counter(e.type for e in un_2025.entries) == {
        EntityType.PERSON: 684,
        EntityType.ORGANIZATION: 193,
    }
    assert un_2025.counts_by_regime()["DPRK"] == 155
    assert un_2025.warnings == ()
    by_ref = {e.ref: e for e in un_2025.entries}
    ri = by_ref["KPi.033"]
    assert ri.name == "RI WON HO"
    assert ri.birth_dates[0].earliest == dt.date(1964, 7, 17)
    assert ri.documents[0].number == "381310014"  # " 381310014" in the file
    bank = by_ref["KPe.035"]
    assert bank.name == "KOREA DAESONG BANK"
    assert ("Choson Taesong Unhaeng", NameKind.ALIAS, "a.k.a.") in [
        (n.value, n.kind, n.quality) for n in bank.names
    ]
    # Refs with stray spaces in the file ("KPe.023 ") are clean, and none is empty.
    assert all(e.ref == e.ref.strip() and e.ref for e in un_2025.entries)
    assert all(n.value == " ".join(n.value.split()) for e in un_2025.entries for n in e.names)


def test_un_2020_counts(real_lists: dict[str, ListVersion]) -> None:
    old = real_lists["un_2020"]
    assert old.version == "2020-11-30T20:31:19.923-05:00"
    assert len(old.entries) == 1018
    assert old.counts_by_regime()["Iran"] == 84  # the Iran list ended in 2023
    by_ref = {e.ref: e for e in old.entries}
    assert by_ref["KPi.033"].name == "RI WON HO"  # " RI " in this version


def test_ofac_trio(ofac_2021: ListVersion) -> None:
    assert len(ofac_2021.entries) == 8890
    assert ofac_2021.version.startswith("2021-04+")
    # The copy has no sdn_comments.csv, and seven Remarks are cut at 1,000 characters
    # mid-word ("Linked To: PROMO RAI"): the loader says so rather than pass them as whole.
    cut = {"12300", "15599", "15600", "28263", "28264", "29703", "30518"}
    assert {w.split("ent_num ")[1].split(":")[0] for w in ofac_2021.warnings} == cut
    assert all("sdn_comments.csv gives no rest" in w for w in ofac_2021.warnings)
    dprk = [e for e in ofac_2021.entries if any(r.startswith("DPRK") for r in e.regimes)]
    assert len(dprk) == 414
    by_ref = {e.ref: e for e in ofac_2021.entries}
    bank = by_ref["12312"]
    assert bank.name == "KOREA DAESONG BANK"
    assert "CHOSON TAESONG UNHAENG" in [n.value for n in bank.names]
    assert bank.addresses[0].country == "Korea, North"
    ri = by_ref["19609"]
    assert ri.name == "RI, Won Ho"
    assert ri.birth_dates[0].earliest == dt.date(1964, 7, 17)
    assert ri.documents[0].number == "381310014"
    komid = by_ref["9345"]
    assert komid.regimes == ("NPWMD", "DPRK2")
    assert "KOMID" in [n.value for n in komid.names]


def test_folder_loads_all_three_lists(
    sanctions_dir: Path, real_lists: dict[str, ListVersion]
) -> None:
    # ofac_sdn_... sorts before un_...; the companions are not loaded on their own.
    assert load_path(sanctions_dir) == [
        real_lists["ofac"],
        real_lists["un_2020"],
        real_lists["un_2025"],
    ]
