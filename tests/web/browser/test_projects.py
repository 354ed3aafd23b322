"""A cooperation project from draft to the 1718 Committee's approval, in real browsers:
each side acts in its own session, and each side's review stays its own until shared."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import shared_path
from tests.web.browser.desk import Desk, fill_pair
from tests.web.browser.server import LiveDesk

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


LISTED = "Khatiba al-Tawhid wal-Jihad"  # UN QDe.168, listed 2022-03-07
FILE = f"""start: 2021-01-10
end: 2021-06-30
parties:
  - {{name: Korea Railroad Corporation, role: implementer, country: KR, type: organization}}
  - {{name: {LISTED}, role: freight forwarder, type: organization}}
items:
  - {{id: rails, description: rail fastenings, hs: "7302.40", direction: to_dprk, quantity: 100}}
"""


def _wgdesk(server: LiveDesk, *args: str) -> str:
    """Run a `wgdesk` command against the live desk's database and list store."""
    done = subprocess.run(
        [sys.executable, "-m", "wgdesk.cli", *args],
        env=server._environment(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_party_listed_after_approval_is_caught(desk: Desk, live_desk_server: LiveDesk) -> None:
    old = shared_path("data", "sanctions", "un_consolidated_2020-11-30.xml")
    new = shared_path("data", "sanctions", "un_consolidated_2025-04-19.xml")
    _wgdesk(live_desk_server, "lists", "load", str(old))
    _wgdesk(live_desk_server, "rescreen")

    rok = desk.as_user("rok.delegate")
    rok.goto("/projects/new/")
    fill_pair(rok, "Title", "레일 체결구 반출", "Rail fastenings for the Gyeongui line")
    rok.get_by_label("Track").select_option(label="Inter-Korean cooperation within UN sanctions")
    rok.get_by_label("Agenda item").select_option(
        label="Joint survey of the northern Gyeongui and Donghae lines"
    )
    rok.get_by_label("Sponsoring ministry").select_option(label="Ministry of Unification")
    rok.get_by_label("Project file").fill(FILE)
    rok.get_by_role("button", name="Save").click()
    expect(rok.get_by_role("status")).to_contain_text("Project created")
    project = urlsplit(rok.url).path
    _step(rok, "Submit to the working group")
    us = desk.as_user("us.delegate")
    for page in (rok, us):
        page.goto(project)
        _review(page, "Support")
        page.get_by_role("button", name="Share your side's review").click()
    rok.goto(project)
    _step(
        rok,
        "Record the joint decision",
        {
            "Meeting": "Working Group video conference",
            "Decision (English)": "Request an exemption for the rail fastenings.",
            "Decided on": "2021-01-04",
        },
    )
    _step(rok, "Record submission to the 1718 Committee", {"Submitted on": "2021-01-05"})
    _step(
        rok,
        "Record the Committee's decision",
        {"Answer": "Approved", "Decided on": "2021-01-08", "Expires on": "2021-07-08"},
    )

    _wgdesk(live_desk_server, "lists", "load", str(new))
    output = _wgdesk(live_desk_server, "rescreen")
    assert f"{LISTED}: clear -> match (newly listed: blocks the next step)" in output

    clerk = desk.as_user("us.secretariat")
    clerk.goto(project)
    expect(
        clerk.get_by_text("Newly listed: the next step waits for a disposition.")
    ).to_be_visible()
    expect(clerk.get_by_text("QDe.168").first).to_be_visible()
    rok.goto(project)
    expect(
        rok.get_by_text("record a disposition of the hit before the project moves on")
    ).to_be_visible()
    expect(rok.get_by_role("link", name="Close the project")).to_have_count(0)

    secretary = desk.as_user("rok.secretariat")
    secretary.goto(project)
    secretary.get_by_role("link", name="Record a disposition").first.click()
    expect(secretary.get_by_label("Screened name")).to_have_value(LISTED)
    secretary.get_by_label("True match").check()
    secretary.get_by_label("Reason").fill("The forwarder was listed by the UN in 2022.")
    secretary.get_by_role("button", name="Record", exact=True).click()
    expect(secretary.get_by_text("Disposition recorded.")).to_be_visible()

    rok.goto(project)
    expect(rok.get_by_text("settled by a disposition of the ROK side")).to_be_visible()
    expect(rok.get_by_role("link", name="Close the project")).to_be_visible()
    us.goto(project)
    expect(us.get_by_text("The forwarder was listed by the UN in 2022.")).to_have_count(0)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_project_pages_have_no_serious_violation(desk: Desk, lang: str) -> None:
    from tests.web.browser.test_accessibility import severe

    page = desk.as_user("lee.dohoon")
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": desk.base_url}])
    page.goto("/projects/")
    links = page.locator("main table a").evaluate_all("links => links.map(a => a.pathname)")
    assert len(links) >= 3
    found = {}
    for path in ["/projects/", *links, f"{links[0]}versions/1/", f"{links[0]}review/"]:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == lang, path
        problems = severe(page)
        if problems:
            found[path] = problems
    assert found == {}
