"""A side-only note never reaches the other side, in a real browser."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.web.browser.desk import Desk, schedule_meeting, unique, write_minutes

pytestmark = pytest.mark.browser


def add_note(page: Page, body: str, visibility: str) -> None:
    """Add a note under the record shown on the page."""
    notes = page.get_by_role("region", name="Notes")
    notes.get_by_label("Note").fill(body)
    notes.get_by_label("Visibility").select_option(label=visibility)
    notes.get_by_role("button", name="Add note").click()
    # The previous page may show the same message: wait for the note itself.
    expect(page.get_by_role("article").filter(has_text=body)).to_be_visible()
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


def search(page: Page, text: str) -> None:
    """Search the desk from the search page."""
    page.goto("/search/")
    page.get_by_label("Search in Korean or English").fill(text)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("status")).to_be_visible()


def download(page: Page, meeting_title: str, link: str) -> bytes:
    """Download one export of a meeting's minutes from the exports page."""
    page.goto("/exports/")
    row = page.get_by_role("row").filter(has_text=meeting_title)
    with page.expect_download() as info:
        row.get_by_role("link", name=link).click()
    path = info.value.path()
    return Path(path).read_bytes()


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, whitespace collapsed."""
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


def test_side_only_note_stays_out_of_the_other_sides_search_and_exports(desk: Desk) -> None:
    """A ROK side-only note on approved minutes: ROK members find it in search and get it
    in the Markdown and PDF exports; the US side finds nothing and its exports lack it,
    while a shared note reaches both."""
    clerk = desk.as_user("rok.secretariat")
    title = unique("Export meeting")
    meeting = schedule_meeting(clerk, title, "내보내기 회의", "2019-06-11T09:00")
    minutes = write_minutes(clerk, meeting, "회의록 본문.", "Minutes text.")
    secret_word = f"fallback{title[-9:]}"
    shared_word = f"venue{title[-9:]}"
    secret = f"ROK only: {secret_word} position if the talks stall"
    add_note(clerk, secret, "This side only")
    add_note(clerk, f"Shared: {shared_word} confirmed", "Shared with both sides")
    clerk.get_by_role("link", name="Submit for approval").click()  # the confirm page
    clerk.get_by_role("button", name="Submit for approval").click()
    for co_chair in ("lee.dohoon", "stephen.biegun"):
        page = desk.as_user(co_chair)
        page.goto(minutes)
        page.get_by_role("link", name="Approve for my side").click()  # the confirm page
        page.get_by_role("button", name="Approve for my side").click()
        expect(page.get_by_role("status")).to_contain_text("Approved")

    rok, us = desk.as_user("rok.delegate"), desk.as_user("us.delegate")
    search(rok, secret_word)
    expect(rok.get_by_role("listitem").filter(has_text=secret_word)).to_contain_text(
        "Your side only"
    )
    search(us, secret_word)
    expect(us.get_by_role("status")).to_have_text("Nothing found.")
    assert "if the talks stall" not in us.content()  # the query itself is echoed, not the note
    search(us, shared_word)
    expect(us.get_by_role("listitem").filter(has_text=shared_word)).to_be_visible()

    for page, sees_secret in ((rok, True), (us, False)):
        markdown = download(page, title, "Markdown").decode("utf-8")
        pdf = pdf_text(download(page, title, "PDF"))
        for text in (markdown, pdf):
            assert shared_word in text and "Minutes text." in text
            assert (secret_word in text) is sees_secret
