"""Time zones in a real browser: a US-zone account schedules a meeting in Seoul time."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.web.browser.desk import Desk, schedule_meeting, unique, write_minutes

pytestmark = pytest.mark.browser

# 10:00 in Seoul on 21 February 2019 is 20:00 in New York on the 20th (EST, UTC-5).
SEOUL_TIME = "2019-02-21 10:00 KST"
BOTH = "2019-02-21 10:00 KST · 20:00 EST the day before"


def _pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, whitespace collapsed."""
    return re.sub(
        r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    )


def test_a_us_account_enters_a_seoul_meeting_in_seoul_time(desk: Desk) -> None:
    """The US secretariat (New York time) schedules a meeting at 10:00 Seoul time: its page
    shows 10:00 KST and 20:00 EST the day before; a Seoul reader sees 10:00 KST alone; the
    calendar feed and the PDF of its approved minutes say the same."""
    clerk = desk.as_user("us.secretariat")
    title = unique("Seoul zone meeting")
    clerk.goto("/meetings/new/")
    expect(clerk.get_by_label("Time zone of the meeting")).to_have_value("America/New_York")
    meeting = schedule_meeting(clerk, title, "서울 시간 회의", "2019-02-21T10:00", "Asia/Seoul")
    expect(clerk.get_by_role("main")).to_contain_text(BOTH)
    clerk.goto("/meetings/")
    expect(clerk.get_by_role("row").filter(has_text=title)).to_contain_text(BOTH)

    seoul_reader = desk.as_user("rok.delegate")
    seoul_reader.goto(meeting)
    main = seoul_reader.get_by_role("main")
    expect(main).to_contain_text(SEOUL_TIME)
    expect(main).not_to_contain_text("EST")

    # The edit form shows the time as entered, in the meeting's zone.
    clerk.goto(meeting + "edit/")
    expect(clerk.get_by_label("Time zone of the meeting")).to_have_value("Asia/Seoul")
    expect(clerk.get_by_label("Starts at")).to_have_value("2019-02-21T10:00")

    # The calendar feed: the meeting in its own zone, with a VTIMEZONE for it.
    clerk.goto("/exports/")
    clerk.get_by_role("button", name="Create a feed address").click()
    address = clerk.locator("code.secret").inner_text()
    assert address.startswith(desk.base_url + "/feeds/calendar/")
    feed = clerk.context.request.get(address)
    assert feed.ok
    calendar = icalendar.Calendar.from_ical(feed.body())
    [event] = [e for e in calendar.walk("VEVENT") if title in str(e["SUMMARY"])]
    assert event["DTSTART"].params["TZID"] == "Asia/Seoul"
    assert event["DTSTART"].dt.replace(tzinfo=None) == datetime(2019, 2, 21, 10, 0)
    assert event["DTSTART"].dt.astimezone(UTC) == datetime(2019, 2, 21, 1, 0, tzinfo=UTC)
    assert "Asia/Seoul" in {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    assert str(event["URL"]) == desk.base_url + meeting

    # The minutes approved by both sides: the PDF names the zone, and the reader's time.
    minutes = write_minutes(clerk, meeting, "서울 회의 회의록.", "Minutes of the Seoul meeting.")
    clerk.get_by_role("link", name="Submit for approval").click()  # the confirm page
    clerk.get_by_role("button", name="Submit for approval").click()
    for co_chair in ("lee.dohoon", "stephen.biegun"):
        page = desk.as_user(co_chair)
        page.goto(minutes)
        page.get_by_role("link", name="Approve for my side").click()  # the confirm page
        page.get_by_role("button", name="Approve for my side").click()
        expect(page.get_by_role("status")).to_contain_text("Approved")
    clerk.goto("/exports/")
    row = clerk.get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text(BOTH)
    with clerk.expect_download() as info:
        row.get_by_role("link", name="PDF").click()
    text = _pdf_text(Path(info.value.path()).read_bytes())
    assert f"{BOTH} (Asia/Seoul)" in text
