"""Lifecycle in a real browser: postpone and cancel a meeting, withdraw a note; every
irreversible step asks first, with plain HTML forms (issue 11.6)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.web.browser.desk import Desk, schedule_meeting, unique
from tests.web.browser.test_notes import add_note

pytestmark = pytest.mark.browser


def test_postpone_then_cancel_a_meeting_then_withdraw_a_note(desk: Desk) -> None:
    clerk = desk.as_user("rok.secretariat")
    meeting = schedule_meeting(clerk, unique("Lifecycle meeting"), "일정 회의", "2019-06-04T10:00")

    clerk.get_by_role("link", name="Postpone", exact=True).click()
    clerk.get_by_label("New start (local time of the meeting)").fill("2019-06-11T10:00")
    clerk.get_by_label("Reason for the postponement").fill("The venue is not ready.")
    clerk.get_by_role("button", name="Postpone").click()
    expect(clerk.get_by_role("status")).to_contain_text("Meeting postponed.")
    expect(clerk.get_by_role("note").first).to_contain_text("The venue is not ready.")
    expect(clerk.get_by_text("2019-06-11 10:00 KST")).to_be_visible()

    note = unique("Withdraw me: wrong meeting")
    add_note(clerk, note, "This side only")
    clerk.get_by_role("article").filter(has_text=note).get_by_role("link", name="Withdraw").click()
    clerk.get_by_label("Reason for the withdrawal").fill("Posted on the wrong meeting.")
    clerk.get_by_role("button", name="Withdraw").click()  # no tick: refused, nothing lost
    expect(clerk.get_by_text("Tick the box to confirm.")).to_be_visible()
    expect(clerk.get_by_label("Reason for the withdrawal")).to_have_value(
        "Posted on the wrong meeting."
    )
    clerk.get_by_label("I understand that the withdrawal cannot be undone").check()
    clerk.get_by_role("button", name="Withdraw").click()
    withdrawn = clerk.get_by_role("article").filter(has_text=note)
    expect(withdrawn).to_contain_text("Withdrawn")
    expect(withdrawn).to_contain_text("Posted on the wrong meeting.")
    expect(withdrawn.get_by_role("link", name="Edit")).to_have_count(0)

    clerk.get_by_role("link", name="Cancel the meeting").click()
    clerk.get_by_label("Reason for the cancellation").fill("Talks suspended.")
    clerk.get_by_label("I understand that a cancelled meeting cannot be reinstated").check()
    clerk.get_by_role("button", name="Cancel the meeting").click()
    expect(clerk.get_by_role("status")).to_contain_text("Meeting cancelled.")
    expect(clerk.get_by_text("This meeting was cancelled.")).to_be_visible()
    expect(clerk.get_by_role("link", name="Postpone", exact=True)).to_have_count(0)

    us = desk.as_user("us.delegate")
    us.goto(meeting)
    expect(us.get_by_text("This meeting was cancelled.")).to_be_visible()
    assert note not in us.content()  # a side-only note, withdrawn or not
