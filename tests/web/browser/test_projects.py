"""A cooperation project from draft to the 1718 Committee's approval, in real browsers:
each side acts in its own session, and each side's review stays its own until shared."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.web.browser.desk import Desk

pytestmark = pytest.mark.browser

SURVEY = "Survey train north of the DMZ"
US_CONDITION = "Locomotive and coaches return south within a week of the survey's end."


def _open_survey(page: Page) -> str:
    """Open the railway-survey project from the project list; return its URL path."""
    page.goto("/projects/")
    page.get_by_role("link", name=re.compile(SURVEY)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(SURVEY)
    return urlsplit(page.url).path


def _step(page: Page, link: str, fields: dict[str, str] | None = None) -> None:
    """Follow a step's link on the project page, fill its form and take it."""
    page.get_by_role("link", name=link).click()
    for label, value in (fields or {}).items():
        field = page.get_by_label(label)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    page.get_by_role("button", name=link).click()
    expect(page.get_by_role("status")).to_contain_text(f"Done: {link}.")


def _review(page: Page, verdict: str, conditions: str = "") -> None:
    """Record the side's review, then share it."""
    page.get_by_role("link", name="Record your side's review").click()
    page.get_by_label("Verdict").select_option(label=verdict)
    page.get_by_label("Conditions").fill(conditions)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Review saved for your side only")


def test_railway_survey_from_draft_to_committee_approval(desk: Desk) -> None:
    rok = desk.as_user("rok.liaison")
    project = _open_survey(rok)
    expect(rok.get_by_text("Draft: this side only")).to_be_visible()

    us = desk.as_user("us.delegate")
    response = us.goto(project)
    assert response is not None and response.status == 404  # a draft is the ROK side's own

    _step(rok, "Submit to the working group")
    expect(rok.get_by_text("Under review by both sides").first).to_be_visible()

    us.goto(project)
    _review(us, "Support with conditions", US_CONDITION)
    rok_delegate = desk.as_user("rok.delegate")
    rok_delegate.goto(project)
    expect(rok_delegate.get_by_text(US_CONDITION)).to_have_count(0)  # side-only so far
    _review(rok_delegate, "Support")
    rok_delegate.get_by_role("button", name="Share your side's review").click()
    clerk = desk.as_user("us.secretariat")
    clerk.goto(project)
    expect(clerk.get_by_text("Both sides must share their review first")).to_be_visible()
    us.goto(project)
    us.get_by_role("button", name="Share your side's review").click()
    rok_delegate.goto(project)
    expect(rok_delegate.get_by_text(US_CONDITION)).to_be_visible()

    clerk.goto(project)
    _step(
        clerk,
        "Record the joint decision",
        {
            "Meeting": "Working Group video conference",
            "Outcome": "Request an exemption from the 1718 Committee",
            "Decision (Korean)": "공동조사 물자의 제재 면제를 신청한다.",
            "Decision (English)": "Request an exemption for the survey train and fuel.",
            "Decided on": "2019-01-14",
        },
    )
    expect(clerk.get_by_role("link", name="Annex II (.xlsx)")).to_be_visible()

    rok_delegate.goto(project)
    _step(rok_delegate, "Record submission to the 1718 Committee", {"Submitted on": "2019-01-15"})
    _step(
        rok_delegate,
        "Record the Committee's decision",
        {
            "Answer": "Approved",
            "Decided on": "2019-01-21",
            "Conditions": "The train returns south after the survey.",
            "Expires on": "2019-07-21",
        },
    )
    expect(rok_delegate.get_by_text("Approved by the Committee").first).to_be_visible()

    us_chair = desk.as_user("stephen.biegun")
    us_chair.goto(project)
    expect(us_chair.get_by_text("Approved; expires on 2019-07-21")).to_be_visible()
    expect(us_chair.get_by_text("The train returns south after the survey.")).to_be_visible()
