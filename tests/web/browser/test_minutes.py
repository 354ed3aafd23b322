"""Minutes in both languages, joint approval and locking, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.browser.desk import (
    Desk,
    fill_pair,
    minutes_status,
    schedule_meeting,
    unique,
    write_minutes,
)

pytestmark = pytest.mark.browser

KO = "양측은 판문역 착공식 물자의 제재 면제 신청을 함께 준비하기로 했다."
EN = "Both sides agreed to prepare together the exemption request for the ceremony goods."


def test_minutes_side_by_side_with_stale_flag_and_edit_conflict(desk: Desk) -> None:
    """Korean and English are written and shown side by side; editing English alone flags
    the Korean as stale; a save based on an old revision is refused and the text kept."""
    page = desk.as_user("rok.secretariat")
    meeting = schedule_meeting(page, unique("Minutes call"), "회의록 화상회의", "2019-03-05T09:00")
    minutes = write_minutes(page, meeting, KO, EN)

    korean, english = page.locator(".bi-block .bi-ko"), page.locator(".bi-block .bi-en")
    expect(korean).to_have_attribute("lang", "ko")
    expect(korean).to_contain_text(KO)
    expect(english).to_contain_text(EN)
    ko_box, en_box = korean.bounding_box(), english.bounding_box()
    assert ko_box and en_box
    assert ko_box["x"] + ko_box["width"] <= en_box["x"], "Korean is left of English"
    assert abs(ko_box["y"] - en_box["y"]) < 1, "both start on the same line"

    page.get_by_role("link", name="Edit minutes").click()
    page.get_by_label("Minutes (English)").fill(EN + " The US side will table it.")
    page.get_by_role("button", name="Save minutes").click()
    expect(korean.locator(".stale")).to_have_text("translation out of date")
    expect(english.locator(".stale")).to_have_count(0)

    mine, theirs = page, desk.as_user("us.secretariat")
    for editor in (mine, theirs):
        editor.goto(minutes + "edit/")
    theirs.get_by_label("Minutes (Korean)").fill(KO + " 미국 측이 제출한다.")
    theirs.get_by_role("button", name="Save minutes").click()
    expect(theirs.get_by_role("status")).to_contain_text("Minutes saved.")
    mine.get_by_label("Minutes (English)").fill("My unsaved English text")
    mine.get_by_role("button", name="Save minutes").click()
    expect(mine.get_by_role("alert")).to_contain_text("Someone else saved these minutes")
    expect(mine.get_by_label("Minutes (English)")).to_have_value("My unsaved English text")
    mine.goto(minutes)
    expect(page.locator(".bi-block .bi-ko")).to_contain_text("미국 측이 제출한다.")
    expect(page.locator(".bi-block .bi-en")).not_to_contain_text("My unsaved English text")


def test_both_sides_approve_and_minutes_lock(desk: Desk) -> None:
    """Submitted minutes are approved by the ROK co-chair, then the US co-chair; then they
    are locked: no edit link, and the edit page itself is refused."""
    clerk = desk.as_user("rok.secretariat")
    title = unique("Approval meeting")
    meeting = schedule_meeting(clerk, title, "승인 회의", "2019-04-02T09:00")
    minutes = write_minutes(clerk, meeting, KO, EN)
    clerk.get_by_role("link", name="Submit for approval").click()  # the confirm page
    clerk.get_by_role("button", name="Submit for approval").click()
    expect(clerk.get_by_role("status")).to_contain_text("submitted for approval")

    rok = desk.as_user("lee.dohoon")
    rok.goto(minutes)
    rok.get_by_role("link", name="Approve for my side").click()  # the confirm page
    rok.get_by_role("button", name="Approve for my side").click()
    expect(rok.get_by_role("status")).to_contain_text("Waiting for the other side.")
    expect(rok.get_by_role("link", name="Approve for my side")).to_have_count(0)

    us = desk.as_user("stephen.biegun")
    us.goto("/")
    awaiting = us.get_by_role("region", name="Minutes awaiting my side's approval")
    awaiting.get_by_role("link", name=title).click()
    expect(us).to_have_url(re.compile(re.escape(minutes) + "$"))
    us.get_by_role("link", name="Approve for my side").click()  # the confirm page
    us.get_by_role("button", name="Approve for my side").click()
    expect(us.get_by_role("status")).to_contain_text("the minutes are locked")
    expect(minutes_status(us)).to_contain_text("Approved and locked")
    expect(us.get_by_role("listitem").filter(has_text="Lee Do-hoon")).to_have_count(1)
    expect(us.get_by_role("listitem").filter(has_text="Stephen Biegun")).to_have_count(1)

    clerk.goto(minutes)
    expect(minutes_status(clerk)).to_contain_text("Approved and locked")
    expect(clerk.get_by_role("link", name="Edit minutes")).to_have_count(0)
    expect(clerk.get_by_role("link", name="Submit for approval")).to_have_count(0)
    refused = clerk.goto(minutes + "edit/")
    assert refused is not None and refused.status == 403
    clerk.goto(minutes)
    expect(clerk.locator(".bi-block .bi-en")).to_contain_text(EN)


def test_bilingual_form_fields_side_by_side(desk: Desk) -> None:
    """A bilingual form puts each Korean field left of its English twin, on one line."""
    page = desk.as_user("rok.secretariat")
    page.goto("/meetings/new/")
    fill_pair(page, "Title", "제목", "Title")
    ko_box = page.get_by_label("Title (Korean)").bounding_box()
    en_box = page.get_by_label("Title (English)").bounding_box()
    assert ko_box and en_box and ko_box["x"] < en_box["x"] and ko_box["y"] == en_box["y"]


def _approve(desk: Desk, username: str, minutes: str, says: str) -> None:
    """A co-chair approves the minutes for their side through the confirm page."""
    page = desk.as_user(username)
    page.goto(minutes)
    page.get_by_role("link", name="Approve for my side").click()
    page.get_by_role("button", name="Approve for my side").click()
    expect(page.get_by_role("status")).to_contain_text(says)


def test_an_amendment_reopens_locked_minutes_for_both_sides(desk: Desk) -> None:
    """The US secretariat amends minutes both sides approved: the minutes reopen as a draft,
    both approvals are withdrawn, the ROK side reads the reason, and only a fresh approval
    by both co-chairs locks the new revision."""
    clerk = desk.as_user("rok.secretariat")
    title = unique("Amended meeting")
    meeting = schedule_meeting(clerk, title, "수정 회의", "2019-05-07T09:00")
    minutes = write_minutes(clerk, meeting, KO, EN)
    clerk.get_by_role("link", name="Submit for approval").click()
    clerk.get_by_role("button", name="Submit for approval").click()
    _approve(desk, "lee.dohoon", minutes, "Waiting for the other side.")
    _approve(desk, "stephen.biegun", minutes, "the minutes are locked")

    reason = unique("The ROK co-chair's attendance was recorded wrongly")
    us = desk.as_user("us.secretariat")
    us.goto(minutes)
    expect(minutes_status(us)).to_contain_text("Approved and locked")
    us.get_by_role("link", name="Propose an amendment").click()
    us.get_by_label("Reason for the amendment").fill(reason)
    us.get_by_role("button", name="Save").click()
    expect(us.get_by_role("status")).to_contain_text("Amendment recorded")
    expect(minutes_status(us)).not_to_contain_text("Approved and locked")

    # The other side, in its own session: the reason on record, the approvals gone, and
    # the minutes editable again by its secretariat.
    clerk.goto(minutes)
    expect(minutes_status(clerk)).not_to_contain_text("Approved and locked")
    amendments = clerk.get_by_role("heading", name="Amendments")
    expect(amendments).to_be_visible()
    expect(clerk.get_by_text(reason)).to_be_visible()
    expect(clerk.get_by_role("link", name="Edit minutes")).to_have_count(1)
    clerk.get_by_role("link", name="Submit for approval").click()
    clerk.get_by_role("button", name="Submit for approval").click()
    expect(clerk.get_by_role("status")).to_contain_text("submitted for approval")
    _approve(desk, "lee.dohoon", minutes, "Waiting for the other side.")
    _approve(desk, "stephen.biegun", minutes, "the minutes are locked")
    clerk.goto(minutes)
    expect(minutes_status(clerk)).to_contain_text("Approved and locked")
    expect(clerk.get_by_text(reason)).to_be_visible()  # the history stays with the record
