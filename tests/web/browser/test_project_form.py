"""A project entered by form in a real browser: HS codes suggested as one types (htmx),
rows added, the CLI's messages on the fields, the report, and the review saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.browser.desk import Desk, click_and_settle, unique
from tests.web.browser.server import LiveDesk
from tests.web.browser.test_accessibility import severe
from tests.web.test_project_form import HS_ROWS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def nomenclature(live_desk_server: LiveDesk) -> Iterator[None]:
    """A few real HS 2022 lines installed in the live desk for this module, then removed
    (other modules' reviews are judged without a nomenclature, as on a fresh desk)."""
    folder = Path(live_desk_server.workdir) / "data" / "hs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "harmonized-system.csv").write_text(HS_ROWS, "utf-8")
    (folder / "sections.csv").write_text("section,name\nXVI,Machinery\nXVII,Vehicles\n")
    yield
    for name in ("harmonized-system.csv", "sections.csv"):
        (folder / name).unlink()


def test_a_project_entered_by_form_is_reviewed_and_saved(desk: Desk, nomenclature: None) -> None:
    title = unique("Locomotive for the joint railway survey")
    page = desk.as_user("rok.delegate")
    page.goto("/sanctions/project/")
    page.locator("#id_title").fill(title)
    page.get_by_label("Start (YYYY-MM-DD)").fill("2018-11-30")
    page.locator("#id_parties-0-name").fill("Korea Railroad Corporation")
    page.locator("#id_parties-0-type").select_option("organization")
    page.locator("#id_parties-0-country").fill("KR")

    # The HS code is found by words: htmx asks the desk as one types, a click fills it.
    page.locator("#id_items-0-description").fill("diesel locomotive for the survey train")
    page.locator("#id_items-0-hs").fill("diesel locomotive")
    page.locator("#hs-items-0").get_by_role("button", name="8602.10").click()
    expect(page.locator("#id_items-0-hs")).to_have_value("8602.10")
    page.locator("#id_items-0-direction").select_option("to_dprk")
    page.locator("#id_items-0-temporary").check()

    # A second item: the row comes through htmx (the form is swapped, nothing is lost).
    click_and_settle(page, page.get_by_role("button", name="Add an item"), "project-form")
    expect(page.locator("#id_items-1-hs")).to_be_visible()
    expect(page.locator("#id_items-0-hs")).to_have_value("8602.10")
    page.locator("#id_items-1-hs").fill("808.10")
    page.locator("#id_activities-0-kind").select_option("other")
    page.locator("#id_activities-0-description").fill("joint on-site survey of the track")
    page.get_by_role("button", name="Review", exact=True).click()

    # The CLI's message sits on the field; the page stays accessible with errors shown.
    expect(page.get_by_role("alert").first).to_contain_text("items[1].hs")
    expect(page.locator("#id_items-1-hs")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_items-1-hs_error")).to_contain_text("leading zero")
    expect(page.locator("#id_items-1-direction_error")).to_contain_text("is required")
    assert severe(page) == []

    page.locator("#id_items-1-DELETE").check()
    page.get_by_role("button", name="Review", exact=True).click()
    report = page.locator("article.report")
    expect(report).to_contain_text(title)
    expect(report).to_contain_text("8602.10")
    expect(page.locator("#id_items-1-hs")).to_have_value("")  # the removed row is gone

    survey = page.locator("#id_save-agenda_item option", has_text="Joint survey").first
    page.locator("#id_save-agenda_item").select_option(survey.get_attribute("value"))
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Review saved.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
