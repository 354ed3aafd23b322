"""OFAC's sdn_comments.csv: the rest of Remarks that sdn.csv cuts at 1,000 characters.

The fixture ``ofac_comments/`` has OFAC's shape: entry 9951's Remarks stop mid-word at
character 1,000 ("...TRADING C"), and sdn_comments.csv carries the rest over two rows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.lists.conftest import LISTS
from wgdesk.screening.lists import ListFormatError, load_ofac_csv, load_path
from wgdesk.screening.lists.ofac import REMARKS_CUT, companion, ofac_role

COMMENTS = LISTS / "ofac_comments"


def test_the_rest_of_cut_remarks_is_joined_and_parsed() -> None:
    version = load_ofac_csv(COMMENTS / "sdn.csv")
    pak = {e.ref: e for e in version.entries}["9951"]
    assert pak.remarks is not None and len(pak.remarks) > REMARKS_CUT
    assert "TRADING COMPANY NUMBER 17; Linked To" in pak.remarks  # joined mid-word, no gap
    linked = [v for k, v in pak.extra if k == "linked_to"]
    assert len(linked) == 29 and "KOREA FICTIONAL TRADING COMPANY NUMBER 17" in linked
    # Facts that were only in the rest are read: the passport and the weak alias.
    assert ("Passport", "836410055") in {(d.type, d.number) for d in pak.documents}
    assert "PAK, Yong-sik" in [n.value for n in pak.names]
    assert version.warnings == (
        "no alt.csv beside sdn.csv: aliases not loaded",
        "no add.csv beside sdn.csv: addresses not loaded",
    )
    assert str(COMMENTS / "sdn_comments.csv") in version.origin


def test_without_sdn_comments_a_cut_remark_is_a_warning(tmp_path: Path) -> None:
    shutil.copy(COMMENTS / "sdn.csv", tmp_path / "sdn.csv")
    version = load_ofac_csv(tmp_path / "sdn.csv")
    assert any("ent_num 9951: Remarks are cut at 1000" in w for w in version.warnings)
    pak = {e.ref: e for e in version.entries}["9951"]
    assert "Passport" not in {d.type for d in pak.documents}
    # The hash covers sdn_comments.csv: with and without it are different versions.
    assert version.sha256 != load_ofac_csv(COMMENTS / "sdn.csv").sha256


def test_companion_names_and_roles() -> None:
    assert ofac_role(Path("sdn_comments.csv")) == "comments"
    assert ofac_role(Path("SDN_COMMENTS.CSV")) == "comments"
    assert ofac_role(Path("ofac_sdn_comments_2021-04.csv")) == "comments"
    assert ofac_role(Path("ofac_sdn_2021-04.csv")) == "sdn"
    assert companion(COMMENTS / "sdn.csv", "comments") == COMMENTS / "sdn_comments.csv"


def test_sdn_comments_is_a_companion_not_a_list(tmp_path: Path) -> None:
    with pytest.raises(ListFormatError, match=r"companion; load the sdn\.csv"):
        load_path(COMMENTS / "sdn_comments.csv")
    assert [v.source for v in load_path(COMMENTS)] == ["ofac"]  # the folder: one list


def test_a_malformed_sdn_comments_file_is_refused_with_its_line(tmp_path: Path) -> None:
    shutil.copy(COMMENTS / "sdn.csv", tmp_path / "sdn.csv")
    (tmp_path / "sdn_comments.csv").write_text('9951,"rest"\r\n9951,"a","b"\r\n')
    with pytest.raises(ListFormatError, match="expected 2 fields") as caught:
        load_ofac_csv(tmp_path / "sdn.csv")
    assert caught.value.line == 2 and caught.value.path.endswith("sdn_comments.csv")
    (tmp_path / "sdn_comments.csv").write_text('7777,"rest of nothing"\r\n')
    version = load_ofac_csv(tmp_path / "sdn.csv")
    assert any("ent_num 7777 is not in sdn.csv" in w for w in version.warnings)
