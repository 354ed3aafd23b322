"""Fixtures of the browser tests: one live desk and one Chromium per test session (per
xdist worker), a fresh browser context per user and test, screenshots on failure."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.web.browser.desk import Desk
from tests.web.browser.server import LiveDesk

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium tries to reach Google's services,
# and this closed network refuses those connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[Any]) -> Any:
    """Remember on the test item whether its body failed, for the screenshot fixture."""
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; the browser tests skip (with this reason) only when it is absent."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent: apt-get install -y chromium (as .ci/run does)")
    return CHROMIUM


@pytest.fixture(scope="session")
def live_desk_server(
    chromium: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveDesk]:
    """A desk server with a fresh database and the demo loaded (its data folder is
    ``workdir / "data"``, where a test may load sanctions lists)."""
    server = LiveDesk(tmp_path_factory.mktemp("live-desk"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def live_desk(live_desk_server: LiveDesk) -> str:
    """The base URL of the live desk."""
    return live_desk_server.url


@pytest.fixture(scope="session")
def playwright_driver(chromium: Path) -> Iterator[Playwright]:
    """The Playwright driver (never `playwright install`: it drives the system Chromium)."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright, chromium: Path) -> Iterator[Browser]:
    """One headless Chromium for the session; each test opens its own contexts."""
    instance = playwright_driver.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
    yield instance
    instance.close()


@pytest.fixture(scope="session")
def signed_in_states() -> dict[str, Any]:
    """Cookies of users already signed in through the UI (a TOTP code is accepted once)."""
    return {}


@pytest.fixture
def desk(
    request: pytest.FixtureRequest,
    browser: Browser,
    live_desk: str,
    signed_in_states: dict[str, Any],
) -> Iterator[Desk]:
    """Open pages on the live desk as users; on failure save a screenshot of each page."""
    session = Desk(browser, live_desk, signed_in_states)
    yield session
    if request.node.stash.get(FAILED, False):
        folder = Path(tempfile.mkdtemp(prefix="wgdesk-browser-"))
        for path in session.screenshots(folder, request.node.name):
            print(f"screenshot of the failed test: {path}")
    session.close()
