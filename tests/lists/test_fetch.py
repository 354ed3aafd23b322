"""`fetch` against a real HTTP server on 127.0.0.1 serving the fixture files."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lists.conftest import point_urls_at as _point
from wgdesk.screening.lists import FetchError
from wgdesk.screening.lists.fetch import download, fetch_into, fetch_version
from wgdesk.screening.store import STORE_FILE, SqliteListStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteListStore]:
    with SqliteListStore(tmp_path / STORE_FILE) as opened:
        yield opened


def test_fetch_un_imports_and_activates(
    server: str, store: SqliteListStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point(monkeypatch, server)
    result = fetch_into(store, "un")
    assert result.created
    assert result.version.active
    assert result.version.version == "2025-01-31T23:00:00.000Z"
    assert result.version.origin == f"{server}/un.xml"
    assert result.version.entry_count == 3
    assert not fetch_into(store, "un").created  # same content: nothing new


def test_fetch_ofac_files_labels_the_version_with_last_modified(
    server: str, store: SqliteListStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point(monkeypatch, server)
    stored = fetch_into(store, "ofac").version
    assert stored.version.startswith("2025-04-18+")
    files = ("SDN.CSV", "ALT.CSV", "ADD.CSV", "SDN_COMMENTS.CSV")
    assert stored.origin == " + ".join(f"{server}/{name}" for name in files)
    # SDN_COMMENTS.CSV was read: its row for an entry this list lacks is a warning.
    assert any("sdn_comments.csv line 1: ent_num 9951" in w for w in stored.warnings)
    loaded = store.load(stored.id)
    bank = next(e for e in loaded.entries if e.ref == "306")
    assert [n.value for n in bank.names][1] == "NATIONAL BANK OF TESTLAND"  # from ALT.CSV
    assert bank.addresses[0].country == "Switzerland"  # from ADD.CSV


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        ({"UN_LIST": "/missing.xml"}, "the server answered HTTP 404 Not Found"),
        ({"UN_LIST": "/cut/un.xml"}, "cut short|mid-download"),
        ({"UN_LIST": "/truncated.xml"}, "the downloaded file is not a valid list at line 105"),
        ({"UN_LIST": "/laughs.xml"}, "hostile XML"),
        ({"UN_LIST": "/SDN.CSV"}, "expected the un list, got a ofac list"),
    ],
)
def test_a_failed_un_fetch_changes_nothing(
    server: str,
    store: SqliteListStore,
    monkeypatch: pytest.MonkeyPatch,
    paths: dict[str, str],
    message: str,
) -> None:
    _point(monkeypatch, server)
    before = fetch_into(store, "un").version
    _point(monkeypatch, server, **paths)
    with pytest.raises(FetchError, match=message) as caught:
        fetch_into(store, "un")
    assert str(caught.value).startswith(server)
    assert store.versions() == [before]
    assert store.active("un") == before


def test_a_missing_companion_fails_the_whole_ofac_fetch(
    server: str, store: SqliteListStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point(monkeypatch, server, OFAC_ALT="/nothing.csv")
    with pytest.raises(FetchError, match=r"/nothing\.csv: the server answered HTTP 404"):
        fetch_into(store, "ofac")
    assert store.versions() == []


def test_a_broken_companion_is_named_by_its_url(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point(monkeypatch, server, OFAC_ADD="/ALT.CSV")  # alt.csv's shape where add.csv belongs
    with pytest.raises(
        FetchError, match=r"/ALT\.CSV: the downloaded file is not a valid list at line 1"
    ):
        fetch_version("ofac")


def test_timeout_names_the_setting(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _point(monkeypatch, server, UN_LIST="/slow")
    monkeypatch.setenv("WGDESK_HTTP_TIMEOUT", "0.3")
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"no answer within 0\.3 s \(setting http_timeout"):
        fetch_version("un")
    assert time.monotonic() - started < 1.4


def test_offline_is_a_clear_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("WGDESK_UN_LIST_URL", f"http://127.0.0.1:{port}/consolidated.xml")
    with pytest.raises(FetchError, match=r"cannot connect .*Are you offline\?.*wgdesk lists load"):
        fetch_version("un")


def test_only_http_urls(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="only http and https URLs"):
        download("file:///etc/passwd", tmp_path / "x", timeout=1)


def test_unknown_source() -> None:
    with pytest.raises(FetchError, match="unknown list source 'eu'"):
        fetch_version("eu")


def test_fetched_sdn_comments_complete_a_cut_remark(
    server: str, store: SqliteListStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point(monkeypatch, server, OFAC_SDN="/CUT_SDN.CSV")
    loaded = store.load(fetch_into(store, "ofac").version.id)
    pak = next(e for e in loaded.entries if e.ref == "9951")
    assert pak.remarks is not None and pak.remarks.endswith("a.k.a. 'PAK, Yong-sik'.")
