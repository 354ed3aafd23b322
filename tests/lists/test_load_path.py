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


def _un_with_stamp(tmp_path: Path, stamp: str) -> Path:
    """A copy of the UN fixture list with another dateGenerated."""
    source = Path(__file__).resolve().parents[1] / "fixtures" / "screening" / "un_screening.xml"
    text = source.read_text(encoding="utf-8")
    text = text.replace('dateGenerated="2025-02-28T23:00:00.000Z"', f'dateGenerated="{stamp}"')
    target = tmp_path / "un.xml"
    target.write_text(text, encoding="utf-8")
    return target


@pytest.mark.parametrize("stamp", ["x" * 20_000, "yesterday", "2025-02-28 junk", "2025-02-28T"])
def test_un_date_generated_must_be_an_iso_time(tmp_path: Path, stamp: str) -> None:
    """issue 10, 7: the stamp becomes the version label; bounded and checked."""
    with pytest.raises(ListFormatError) as refused:
        load_path(_un_with_stamp(tmp_path, stamp))
    assert "dateGenerated" in str(refused.value) and len(str(refused.value)) < 400


@pytest.mark.parametrize(
    "stamp", ["2025-02-28", "2025-02-28T23:00:00", "2025-02-28T23:00:00+09:00"]
)
def test_un_date_generated_in_iso_forms_is_kept(tmp_path: Path, stamp: str) -> None:
    assert load_path(_un_with_stamp(tmp_path, stamp))[0].version == stamp


def test_a_nul_in_an_ofac_name_is_refused_with_its_line(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "fixtures" / "screening" / "ofac"
    folder = tmp_path / "ofac"
    shutil.copytree(source, folder)
    sdn = folder / "sdn.csv"
    lines = sdn.read_bytes().split(b"\n")
    lines[1] = lines[1].replace(b'"', b'"\x00', 2)
    sdn.write_bytes(b"\n".join(lines))
    with pytest.raises(ListFormatError) as refused:
        load_path(sdn)
    assert "NUL" in str(refused.value) and refused.value.line == 2


def test_a_utf16_list_file_is_explained(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "fixtures" / "screening" / "un_screening.xml"
    target = tmp_path / "un16.xml"
    target.write_bytes(source.read_text(encoding="utf-8").encode("utf-16"))
    csv16 = tmp_path / "sdn.csv"
    csv16.write_bytes('1,"KIM, Chol",individual\n'.encode("utf-16"))
    for path in (target, csv16):
        with pytest.raises(ListFormatError) as refused:
            load_path(path)
        assert "UTF-16" in str(refused.value) and "OFAC CSV?" not in str(refused.value)
