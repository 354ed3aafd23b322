"""`wgdesk lists ...` through click's CliRunner: output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.lists.conftest import BAD, LISTS, point_urls_at
from wgdesk.cli import main
from wgdesk.cli.lists import RESCREEN_NOTICE
from wgdesk.screening.store import SqliteListStore


def run(*args: str) -> Result:
    """Invoke `wgdesk` in-process with the given arguments."""
    return CliRunner().invoke(main, list(args))


def assert_clean_failure(result: Result, code: int, message: str) -> None:
    """A failure is one message on stderr and an exit code, never a traceback."""
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit)
    assert message in result.stderr
    assert result.stderr.startswith("error: ")
    assert "Traceback" not in result.output


def active_ids() -> list[int]:
    with SqliteListStore.default() as store:
        return [v.id for v in store.active_versions()]


def test_lists_is_registered() -> None:
    result = run("--help")
    assert "lists" in result.output


def test_load_then_show(ofac_dir: Path) -> None:
    result = run("lists", "load", str(LISTS / "un_mini.xml"), str(ofac_dir))
    assert result.exit_code == 0, result.output
    un_line, ofac_line = result.stdout.splitlines()
    assert un_line == "un: 2025-01-31T23:00:00.000Z: stored as version 1 (3 entries), active"
    assert re.fullmatch(
        r"ofac: sha256:[0-9a-f]{12}: stored as version 2 \(8 entries\), active", ofac_line
    )
    # Load warnings go to stderr, with their position.
    assert "warning: un: line 141: date of birth 'not a date'" in result.stderr
    again = run("lists", "load", str(LISTS / "un_mini.xml"))
    assert "already stored as version 1" in again.stdout

    table = run("lists", "show")
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert lines[0].split() == [
        "ID",
        "ACTIVE",
        "SOURCE",
        "VERSION",
        "ENTRIES",
        "LOADED",
        "(UTC)",
        "ORIGIN",
    ]
    assert lines[1].split()[:5] == ["1", "*", "un", "2025-01-31T23:00:00.000Z", "3"]
    assert "1 un@2025-01-31T23:00:00.000Z by regime: Al-Qaida 1, DPRK 2" in table.stdout


def test_show_json_is_scriptable(un_mini: Path) -> None:
    run("lists", "load", str(un_mini))
    data = json.loads(run("lists", "show", "--format", "json").stdout)
    (version,) = data["versions"]
    assert version["source"] == "un" and version["active"] is True
    assert version["regimes"] == {"Al-Qaida": 1, "DPRK": 2}
    assert version["entries"] == 3 and version["warnings"] == 1
    assert len(version["sha256"]) == 64


def test_show_with_an_empty_store() -> None:
    result = run("lists", "show")
    assert result.exit_code == 0
    assert "No lists loaded" in result.stdout
    assert json.loads(run("lists", "show", "--format", "json").stdout) == {"versions": []}


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("truncated.xml", "truncated.xml, line 105, column 39, byte 4475: the file ends too early"),
        ("billion_laughs.xml", "billion_laughs.xml, line 2, column 16: hostile XML"),
        ("external_entity.xml", "hostile XML"),
        ("sdn_wrong_columns.csv", "sdn_wrong_columns.csv, line 3: expected 12 fields"),
        ("sdn_bad_bytes.csv", "line 4, byte 1095: byte 0xd4 is not valid UTF-8"),
    ],
)
def test_a_bad_file_exits_2_and_leaves_the_previous_version_active(
    un_mini: Path, name: str, message: str
) -> None:
    assert run("lists", "load", str(un_mini)).exit_code == 0
    before = active_ids()
    assert_clean_failure(run("lists", "load", str(BAD / name)), 2, message)
    assert active_ids() == before


def test_nothing_is_stored_when_any_path_is_bad(un_mini: Path, ofac_dir: Path) -> None:
    result = run("lists", "load", str(ofac_dir), str(BAD / "truncated.xml"), str(un_mini))
    assert_clean_failure(result, 2, "truncated")
    assert json.loads(run("lists", "show", "--format", "json").stdout) == {"versions": []}


def test_missing_path_exits_2(tmp_path: Path) -> None:
    assert_clean_failure(
        run("lists", "load", str(tmp_path / "none.xml")), 2, "no such file or folder"
    )


def test_version_label_for_ofac(ofac_dir: Path, un_mini: Path) -> None:
    result = run("lists", "load", str(ofac_dir), "--version", "2025-04-18")
    assert result.exit_code == 0
    assert result.stdout.startswith("ofac: 2025-04-18: stored as version 1")
    assert_clean_failure(
        run("lists", "load", str(un_mini), "--version", "x"),
        2,
        "--version applies to exactly one OFAC or FtM list; 0 were given",
    )


def variant(un_mini: Path, path: Path, *edits: tuple[str, str]) -> Path:
    """Write a copy of the mini UN list with text replacements, e.g. another dateGenerated."""
    text = un_mini.read_text(encoding="utf-8")
    for old, new in edits:
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return path


def test_activate(un_mini: Path, tmp_path: Path) -> None:
    older = variant(un_mini, tmp_path / "older.xml", ("2025-01-31T23", "2024-12-31T23"))
    run("lists", "load", str(older), str(un_mini))
    assert active_ids() == [2]
    result = run("lists", "activate", "un@2024")
    assert result.stdout == "un: 2024-12-31T23:00:00.000Z: version 1 is now active\n"
    assert active_ids() == [1]
    assert_clean_failure(run("lists", "activate", "7"), 2, "no list version 7")


def test_a_change_of_the_active_lists_says_the_desk_screens_again(
    un_mini: Path, tmp_path: Path
) -> None:
    older = variant(un_mini, tmp_path / "older.xml", ("2025-01-31T23", "2024-12-31T23"))
    loaded = run("lists", "load", str(older), str(un_mini))
    assert RESCREEN_NOTICE in loaded.stderr  # on stderr: stdout keeps its lines
    assert RESCREEN_NOTICE not in loaded.stdout and "wgdesk rescreen" in RESCREEN_NOTICE
    switched = run("lists", "activate", "un@2024")
    assert switched.stdout == "un: 2024-12-31T23:00:00.000Z: version 1 is now active\n"
    assert switched.stderr == RESCREEN_NOTICE + "\n"
    # Nothing changed, nothing to re-screen: no notice.
    assert run("lists", "activate", "un@2024").stderr == ""
    again = run("lists", "load", str(older))  # stored and active already
    assert "already stored" in again.stdout and RESCREEN_NOTICE not in again.stderr


def test_diff_files_as_text_and_json(un_mini: Path, tmp_path: Path) -> None:
    newer = variant(
        un_mini,
        tmp_path / "newer.xml",
        ("2025-01-31T23", "2025-02-28T23"),
        ("Choson Kasang Muyok Hoesa", "Choson Kasang Muyok"),
    )
    text = run("lists", "diff", str(un_mini), str(newer))
    assert text.exit_code == 0
    assert "added 0, removed 0, changed 1, unchanged 2" in text.stdout
    assert (
        "        - Choson Kasang Muyok Hoesa [a.k.a.]\n        + Choson Kasang Muyok [a.k.a.]"
        in (text.stdout)
    )
    data = json.loads(run("lists", "diff", str(un_mini), str(newer), "--format", "json").stdout)
    assert data["changed"][0]["changes"] == [
        {
            "field": "aliases",
            "removed": ["Choson Kasang Muyok Hoesa [a.k.a.]"],
            "added": ["Choson Kasang Muyok [a.k.a.]"],
        }
    ]


def test_diff_stored_versions_and_mixed(un_mini: Path, tmp_path: Path) -> None:
    newer = variant(un_mini, tmp_path / "newer.xml", ("2025-01-31T23", "2025-02-28T23"))
    run("lists", "load", str(un_mini), str(newer))
    by_id = run("lists", "diff", "1", "2")
    assert by_id.stdout.startswith("un list: 2025-01-31T23:00:00.000Z -> 2025-02-28T23:00:00.000Z")
    by_label = run("lists", "diff", "un@2025-01", "un")  # "un" = the active version
    assert by_label.stdout == by_id.stdout
    assert run("lists", "diff", "1", str(newer)).stdout == by_id.stdout


def test_diff_bad_arguments_exit_2(un_mini: Path, ofac_dir: Path, tmp_path: Path) -> None:
    assert_clean_failure(run("lists", "diff", "un", str(un_mini)), 2, "no active 'un' list")
    assert_clean_failure(
        run("lists", "diff", str(un_mini), str(ofac_dir / "sdn.csv")), 2, "cannot compare"
    )
    both = tmp_path / "both"
    both.mkdir()
    shutil.copy(un_mini, both / "a.xml")
    shutil.copy(un_mini, both / "b.xml")
    assert_clean_failure(run("lists", "diff", str(both), str(un_mini)), 2, "holds 2 lists")


def test_fetch_from_a_local_server(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    point_urls_at(monkeypatch, server)
    result = run("lists", "fetch")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == (
        "un: 2025-01-31T23:00:00.000Z: stored as version 1 (3 entries), active"
    )
    assert result.stdout.splitlines()[1].startswith("ofac: 2025-04-18+")


def test_a_failed_fetch_exits_1_and_changes_nothing(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_urls_at(monkeypatch, server)
    run("lists", "fetch", "--source", "un")
    before = active_ids()
    point_urls_at(monkeypatch, server, UN_LIST="/truncated.xml", OFAC_SDN="/missing")
    result = run("lists", "fetch")
    assert result.exit_code == 1
    assert "/truncated.xml: the downloaded file is not a valid list at line 105" in result.stderr
    assert "/missing: the server answered HTTP 404" in result.stderr
    assert "Traceback" not in result.output
    assert active_ids() == before


def test_unknown_source_is_a_usage_error() -> None:
    result = run("lists", "fetch", "--source", "eu")
    assert result.exit_code == 2
    assert "Invalid value for '--source'" in result.stderr


def test_ensure_downloads_only_what_is_missing(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    point_urls_at(monkeypatch, server)
    first = run("lists", "ensure")
    assert first.exit_code == 0, first.output
    assert [line.split(":")[0] for line in first.stdout.splitlines()] == ["un", "ofac"]
    before = active_ids()
    # Nothing is downloaded again, even when the server now fails.
    point_urls_at(monkeypatch, server, UN_LIST="/missing", OFAC_SDN="/missing")
    again = run("lists", "ensure")
    assert again.exit_code == 0
    assert "every list has an active version" in again.stdout
    assert active_ids() == before


def test_ensure_falls_back_to_a_local_folder_when_offline(
    server: str, monkeypatch: pytest.MonkeyPatch, un_mini: Path, ofac_dir: Path, tmp_path: Path
) -> None:
    point_urls_at(monkeypatch, server, UN_LIST="/missing", OFAC_SDN="/missing")
    folder = tmp_path / "offline"
    folder.mkdir()
    shutil.copy(un_mini, folder / "consolidated.xml")
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        shutil.copy(ofac_dir / name, folder / name)
    result = run("lists", "ensure", "--fallback", str(folder))
    assert result.exit_code == 0, result.output
    assert "HTTP 404" in result.stderr
    assert f"loading un, ofac from {folder}" in result.stdout
    assert len(active_ids()) == 2


def test_ensure_without_network_or_fallback_exits_1(
    server: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    point_urls_at(monkeypatch, server, UN_LIST="/missing", OFAC_SDN="/missing")
    result = run("lists", "ensure", "--fallback", str(tmp_path / "absent"))
    assert result.exit_code == 1
    assert "error: no active list for un, ofac" in result.stderr
    assert "Traceback" not in result.output
    assert active_ids() == []
