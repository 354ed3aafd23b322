"""Creating a meeting and its agenda in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.browser.desk import (
    Desk,
    add_to_agenda,
    agenda_links,
    fill_pair,
    schedule_meeting,
    unique,
)

pytestmark = pytest.mark.browser

RAIL = "Inter-Korean railway and road connection"
FAMILIES = "Video reunions of separated families"


def test_create_meeting_with_new_agenda_item_and_reorder(desk: Desk) -> None:
    """The secretariat adds a nested agenda item, schedules a meeting, puts three items on
    its agenda and reorders them with the up/down buttons; the order survives a reload."""
    page = desk.as_user("rok.secretariat")
    sub_item = unique("Fuel for the survey train")
    page.goto("/agenda/")
    page.get_by_role("link", name=RAIL).click()
    page.get_by_role("link", name="Add a sub-item").click()
    fill_pair(page, "Title", "조사 열차 연료 " + sub_item[-9:], sub_item)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=sub_item, level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Breadcrumb")).to_contain_text(RAIL)

    title = unique("Working group video call")
    meeting_url = schedule_meeting(page, title, "워킹그룹 화상회의", "2019-02-20T10:00")
    assert re.fullmatch(r"/meetings/\d+/", meeting_url)
    for item in (RAIL, FAMILIES, sub_item):
        add_to_agenda(page, item)
    expect(agenda_links(page)).to_have_text([RAIL, FAMILIES, sub_item])

    page.get_by_role("listitem").filter(has_text=sub_item).get_by_role(
        "button", name="Move up"
    ).click()
    expect(agenda_links(page)).to_have_text([RAIL, sub_item, FAMILIES])
    page.get_by_role("listitem").filter(has_text=RAIL).get_by_role(
        "button", name="Move down"
    ).click()
    expect(agenda_links(page)).to_have_text([sub_item, RAIL, FAMILIES])
    page.reload()
    expect(agenda_links(page)).to_have_text([sub_item, RAIL, FAMILIES])

    page.goto("/meetings/")
    expect(page.get_by_role("row").filter(has_text=title)).to_contain_text("2019-02-20")


def test_observer_cannot_schedule_meetings(desk: Desk) -> None:
    """An observer sees the meeting list without the scheduling link, and the form URL
    itself is refused."""
    page = desk.as_user("us.observer")
    page.goto("/meetings/")
    expect(page.get_by_role("heading", name="Meetings", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Schedule a meeting")).to_have_count(0)
    response = page.goto("/meetings/new/")
    assert response is not None and response.status == 403
