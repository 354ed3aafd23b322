"""A secretary settles a screening hit in a real browser: the entry page, a disposition
with its reason, shown again on the next screening, and never to the other side."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.web.browser.desk import Desk, unique
from tests.web.browser.server import LiveDesk
from tests.web.browser.test_accessibility import severe
from tests.web.conftest import LIST_FIXTURES

pytestmark = pytest.mark.browser
NAME = "Lee Won-chol"


@pytest.fixture(scope="module")
def lists(live_desk_server: LiveDesk) -> None:
    """The small fictional UN and OFAC lists, loaded into the live desk's store (the desk
    picks them up on its next request)."""
    from wgdesk.screening.lists import load_path
    from wgdesk.screening.store import STORE_FILE, SqliteListStore

    folder = Path(live_desk_server.workdir) / "data"
    folder.mkdir(parents=True, exist_ok=True)
    with SqliteListStore(folder / STORE_FILE) as store:
        for path in LIST_FIXTURES:
            for version in load_path(path):
                store.import_version(version)


def screen(page: Page, name: str) -> None:
    """Screen one name from the screening page."""
    page.goto("/sanctions/screen/")
    page.get_by_label("Names").fill(name)
    page.get_by_role("button", name="Screen", exact=True).click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()


def test_a_disposition_is_recorded_and_shown_again(desk: Desk, lists: None) -> None:
    reason = unique("Born 1980 per passport, not 1964")
    page = desk.as_user("rok.secretariat")
    screen(page, NAME)
    row = page.locator("tr", has=page.get_by_role("link", name="UN KPi.901"))
    row.get_by_role("link", name="Record a disposition").click()
    expect(page).to_have_url(re.compile(r"/sanctions/entries/un/KPi\.901/\?name="))
    expect(page.get_by_label("Screened name")).to_have_value(NAME)
    page.get_by_label("False positive").check()
    page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name="Record", exact=True).click()
    expect(page.get_by_text("Disposition recorded.")).to_be_visible()
    expect(page.get_by_role("cell", name=reason)).to_be_visible()

    screen(page, NAME.lower())  # the same name, typed otherwise, comes back
    row = page.locator("tr", has=page.get_by_role("link", name="UN KPi.901"))
    expect(row.get_by_text("False positive")).to_be_visible()
    expect(row.get_by_text(reason)).to_be_visible()

    other = desk.as_user("us.delegate")
    screen(other, NAME)
    expect(other.get_by_text(reason)).to_have_count(0)
    other.goto("/sanctions/entries/un/KPi.901/")
    expect(other.get_by_text(reason)).to_have_count(0)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_results_and_entry_pages_pass_axe(desk: Desk, lists: None, lang: str) -> None:
    page = desk.as_user("rok.delegate")
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": desk.base_url}])
    page.goto("/sanctions/screen/")
    page.locator("textarea[name=names]").fill(NAME)
    page.locator("button[name=action][value=screen]").click()
    expect(page.locator(".results-table")).to_be_visible()
    assert severe(page) == []
    page.goto(f"/sanctions/entries/un/KPi.901/?name={NAME}")
    assert severe(page) == []
