"""The name-symbol table answers exactly as rigour's person tagger does, word by word."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import shared_path
from wgdesk.screening import name_table
from wgdesk.screening.name_table import NameTable, open_table
from wgdesk.screening.symbols import _tagged_symbols

# Words of personal names in several scripts, spaced, hyphenated, cased, and not names.
WORDS = [
    "Vladimir",
    "WLADIMIR",
    "Владимир",
    "ウラジーミル",
    "Bill",
    "william",
    "Sasha",
    "Aleksandr",
    "Олександр",
    "Muhammad",
    "Mohammed",
    "محمد",
    "Jean-Pierre",
    "jean pierre",
    "Abd al-Rahman",
    "O'Brien",
    "Ri Won Ho",
    "리원호",
    "張明進",
    "Kumgang",
    "zzyzx",
    "x",
    "",
    "  ",
    "123",
    "Hussein Husayn",
]


def _table() -> NameTable:
    """Return the table, or skip where this rigour release keeps its data otherwise."""
    table = open_table()
    if table is None:
        pytest.skip("rigour's name data is not readable here: the tagger path is used")
    return table


def _sample(table: NameTable, every: int) -> list[str]:
    """Return every n-th form of the table itself, and each in capitals and title case."""
    connection = table._connection()
    forms = [row[0] for row in connection.execute("SELECT form FROM forms")][::every]
    return forms + [f.upper() for f in forms[::5]] + [f.title() for f in forms[::7]]


def _disagreements(table: NameTable, words: list[str]) -> list[str]:
    """Return the words on which the table and the tagger give different symbols."""
    return [w for w in words if table.symbols(w) != _tagged_symbols(w)]


def test_table_matches_the_tagger_on_chosen_words() -> None:
    """Hand-picked words, in every script and shape, get the tagger's symbols."""
    table = _table()
    assert table.symbols("Bill") >= {"NICK:BILL"}
    assert table.symbols("Vladimir") & table.symbols("Владимир")
    assert _disagreements(table, WORDS) == []


def test_table_matches_the_tagger_on_its_own_forms() -> None:
    """A sample of the corpus's forms, and pairs of them as one text, get the tagger's symbols."""
    table = _table()
    forms = _sample(table, 97)
    pairs = [f"{a} {b}" for a, b in zip(forms[::11], forms[5::11], strict=False)]
    assert len(forms) > 5000
    assert _disagreements(table, forms + pairs) == []


def test_table_matches_the_tagger_on_every_list_word() -> None:
    """Every word of every name of UN 2025 and OFAC 2021 gets the tagger's symbols."""
    from wgdesk.screening.lists import load_path

    folder = shared_path("data", "sanctions")
    words: set[str] = set()
    for path in (folder / "un_consolidated_2025-04-19.xml", folder / "ofac_sdn_2021-04.csv"):
        for version in load_path(path):
            for entry in version.entries:
                for name in entry.names:
                    words.update(name.value.replace(",", " ").split())
    assert _disagreements(_table(), sorted(words)) == []


def test_an_unwritable_cache_folder_keeps_the_table_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the cache folder cannot be written, the table is built in memory and still answers."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("WGDESK_CACHE_DIR", str(blocker / "cache"))
    table = name_table._open(name_table._core_path())
    if table is None:
        pytest.skip("rigour's name data is not readable here")
    assert table.path is None
    assert table.symbols("Bill") >= {"NICK:BILL"}


def test_a_new_table_is_written_whole_and_reopened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build leaves one complete file and no temporary one; the next open reads that file."""
    monkeypatch.setenv("WGDESK_CACHE_DIR", str(tmp_path))
    built = name_table._open(name_table._core_path())
    if built is None:
        pytest.skip("rigour's name data is not readable here")
    assert built.path is not None and built.path.parent == tmp_path
    assert [p.name for p in tmp_path.iterdir()] == [built.path.name]
    count = sqlite3.connect(built.path).execute("SELECT count(*) FROM forms").fetchone()[0]
    assert count > 100000
    reopened = name_table._open(name_table._core_path())
    assert reopened is not None and reopened.path == built.path


def test_data_not_found_falls_back_to_the_tagger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A binary without rigour's embedded data gives no table (the caller uses the tagger)."""
    fake = tmp_path / "_core.so"
    fake.write_bytes(b"\x7fELF" + b"\x28\xb5\x2f\xfd not a frame" * 10)
    monkeypatch.setenv("WGDESK_CACHE_DIR", str(tmp_path / "cache"))
    assert name_table._open(fake) is None
    assert not (tmp_path / "cache").exists()
