"""Paths to the list fixtures, and a local HTTP server that serves them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import shared_path
from wgdesk.screening.lists import load_ofac_csv, load_un_xml
from wgdesk.screening.model import ListVersion

LISTS = Path(__file__).resolve().parent.parent / "fixtures" / "lists"
BAD = LISTS / "bad"


@pytest.fixture
def un_mini() -> Path:
    """A small UN consolidated list covering every field form."""
    return LISTS / "un_mini.xml"


@pytest.fixture
def ofac_dir() -> Path:
    """A small OFAC trio under OFAC's official names (sdn.csv, alt.csv, add.csv)."""
    return LISTS / "ofac"


LAST_MODIFIED = "Fri, 18 Apr 2025 14:05:09 GMT"
ROUTES = {
    "/un.xml": LISTS / "un_mini.xml",
    "/truncated.xml": BAD / "truncated.xml",
    "/laughs.xml": BAD / "billion_laughs.xml",
    "/SDN.CSV": LISTS / "ofac" / "sdn.csv",
    "/ALT.CSV": LISTS / "ofac" / "alt.csv",
    "/ADD.CSV": LISTS / "ofac" / "add.csv",
    # Its one entry is not in the ofac fixture: a warning, and the remarks stay as they are.
    "/SDN_COMMENTS.CSV": LISTS / "ofac_comments" / "sdn_comments.csv",
    "/CUT_SDN.CSV": LISTS / "ofac_comments" / "sdn.csv",  # the sdn.csv that goes with it
}


class _Handler(BaseHTTPRequestHandler):
    """Serves fixture files, plus a 404, a cut connection and a server that never answers."""

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(1.5)
            return
        name = self.path.removeprefix("/cut")
        if name not in ROUTES:
            self.send_error(404, "Not Found")
            return
        body = ROUTES[name].read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", LAST_MODIFIED)
        self.end_headers()
        # "/cut/..." promises the whole file but sends half of it and hangs up.
        self.wfile.write(body[: len(body) // 2] if self.path.startswith("/cut") else body)

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving the list fixtures (see ROUTES)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def point_urls_at(monkeypatch: pytest.MonkeyPatch, base: str, **paths: str) -> None:
    """Aim the list URL settings at the test server; keyword arguments override a path."""
    defaults = {
        "UN_LIST": "/un.xml",
        "OFAC_SDN": "/SDN.CSV",
        "OFAC_ALT": "/ALT.CSV",
        "OFAC_ADD": "/ADD.CSV",
        "OFAC_COMMENTS": "/SDN_COMMENTS.CSV",
    }
    for key, path in {**defaults, **paths}.items():
        monkeypatch.setenv(f"WGDESK_{key}_URL", base + path)


@pytest.fixture(scope="session")
def real_lists() -> dict[str, ListVersion]:
    """The real lists in ../shared, parsed once per test session: un_2020, un_2025, ofac."""
    folder = shared_path("data", "sanctions")
    return {
        "un_2020": load_un_xml(folder / "un_consolidated_2020-11-30.xml"),
        "un_2025": load_un_xml(folder / "un_consolidated_2025-04-19.xml"),
        "ofac": load_ofac_csv(folder / "ofac_sdn_2021-04.csv"),
    }
