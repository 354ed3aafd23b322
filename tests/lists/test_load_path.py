"""`load_path`: one entry point for files and folders, telling formats apart by content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.lists.conftest import LISTS
from wgdesk.screening.lists import ListError, ListFormatError, detect_format, load_path
from wgdesk.screening.lists.detect import OFAC_CSV, UN_XML


def test_a_folder_loads_every_list_and_skips_companions(tmp_path: Path, ofac_dir: Path) -> None:
    shutil.copy(LISTS / "un_mini.xml", tmp_path / "un.xml")
    for role in ("sdn", "alt", "add"):
        shutil.copy(ofac_dir / f"{role}.csv", tmp_path / f"ofac_{role}_2021-04.csv")
    (tmp_path / "README.txt").write_text("not a list", encoding="utf-8")
    versions = load_path(tmp_path)
    assert [(v.source, len(v.entries)) for v in versions] == [("ofac", 8), ("un", 3)]
    assert len(versions[0].entries[1].names) > 1  # aliases came from the companion alt.csv


def test_format_is_read_from_content_not_extension(tmp_path: Path) -> None:
    disguised = tmp_path / "consolidated.txt"
    shutil.copy(LISTS / "un_mini.xml", disguised)
    assert detect_format(disguised) == UN_XML
    assert load_path(disguised)[0].source == "un"
    assert detect_format(LISTS / "ofac" / "sdn.csv") == OFAC_CSV


def test_a_companion_alone_is_refused(ofac_dir: Path) -> None:
    with pytest.raises(ListFormatError, match=r"load the sdn\.csv beside it"):
        load_path(ofac_dir / "add.csv")


def test_missing_path_and_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(ListError, match="no such file or folder"):
        load_path(tmp_path / "nope.xml")
    with pytest.raises(ListError, match="no list files here"):
        load_path(tmp_path)


def test_a_bad_file_in_a_folder_fails_the_whole_load(tmp_path: Path) -> None:
    shutil.copy(LISTS / "un_mini.xml", tmp_path / "a.xml")
    shutil.copy(LISTS / "bad" / "truncated.xml", tmp_path / "b.xml")
    with pytest.raises(ListFormatError) as caught:
        load_path(tmp_path)
    assert caught.value.path == str(tmp_path / "b.xml")
