"""A side-only note never reaches the other side, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.web.browser.desk import Desk, schedule_meeting, unique

pytestmark = pytest.mark.browser


def add_note(page: Page, body: str, visibility: str) -> None:
    """Add a note under the record shown on the page."""
    notes = page.get_by_role("region", name="Notes")
    notes.get_by_label("Note").fill(body)
    notes.get_by_label("Visibility").select_option(label=visibility)
    notes.get_by_role("button", name="Add note").click()
    expect(page.get_by_role("status")).to_contain_text("Note added.")


def test_side_only_note_is_invisible_to_the_other_side(desk: Desk) -> None:
    """A ROK delegate's side-only note shows to the ROK side only: the US side's page
    (text and markup) lacks it and its edit URL answers 404; a shared note shows to both."""
    rok = desk.as_user("rok.delegate")
    meeting = schedule_meeting(rok, unique("Notes meeting"), "메모 회의", "2019-05-07T09:00")
    secret = unique("ROK only: we can accept a phased approach")
    shared = unique("Shared: the venue is confirmed")
    add_note(rok, secret, "This side only")
    add_note(rok, shared, "Shared with both sides")
    note = rok.get_by_role("article").filter(has_text=secret)
    expect(note).to_contain_text("This side only")
    edit_url = note.get_by_role("link", name="Edit").get_attribute("href")
    assert edit_url and edit_url.startswith("/notes/")

    colleague = desk.as_user("rok.observer")
    colleague.goto(meeting)
    expect(colleague.get_by_role("article").filter(has_text=secret)).to_be_visible()

    us = desk.as_user("us.delegate")
    us.goto(meeting)
    expect(us.get_by_role("article").filter(has_text=shared)).to_be_visible()
    expect(us.get_by_text(secret)).to_have_count(0)
    assert secret not in us.content()
    response = us.goto(edit_url)
    assert response is not None and response.status == 404
    assert secret not in us.content()
