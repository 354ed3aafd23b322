"""Driving the desk like a user: sign in through the two-step form, open pages per user."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pyotp
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from wgdesk.web.demo.users import DEMO_PASSWORD, by_username

STEP = 30  # seconds per TOTP code


def totp_code(username: str, at: float | None = None) -> str:
    """The demo user's TOTP code at a moment (now by default), from the demo secret."""
    moment = time.time() if at is None else at
    return pyotp.TOTP(by_username(username).totp_secret).at(moment)


def wrong_code(username: str) -> str:
    """A well-formed code that matches none of the steps the desk accepts around now."""
    now = time.time()
    valid = {totp_code(username, now + offset * STEP) for offset in (-2, -1, 0, 1, 2)}
    return next(code for code in (f"{n:06d}" for n in range(1000000)) if code not in valid)


def enter_password(page: Page, username: str, password: str = DEMO_PASSWORD) -> None:
    """Step 1 of sign-in: the password form, then the code form must appear."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Continue").click()


def enter_code(page: Page, code: str) -> None:
    """Step 2 of sign-in: type a 6-digit code and send it."""
    page.get_by_label("6-digit code").fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()


def sign_in(page: Page, username: str) -> None:
    """Sign in through the UI with the password and the current TOTP code."""
    enter_password(page, username)
    expect(page).to_have_url(re.compile(r"/accounts/verify/$"))
    enter_code(page, totp_code(username))
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()


class Desk:
    """Pages on the live desk, each in its own browser context (its own cookies)."""

    def __init__(self, browser: Browser, base_url: str, states: dict[str, Any]) -> None:
        self.browser = browser
        self.base_url = base_url
        self._states = states
        self._contexts: list[BrowserContext] = []

    def anonymous(self, locale: str = "en-US") -> Page:
        """A page in a new context with no cookies, asking for ``locale`` first."""
        context = self.browser.new_context(base_url=self.base_url, locale=locale)
        self._contexts.append(context)
        return context.new_page()

    def as_user(self, username: str) -> Page:
        """A page signed in as a demo user: through the UI the first time in this session,
        then with the cookies that sign-in produced (a TOTP code is accepted only once)."""
        state = self._states.get(username)
        if state is None:
            page = self.anonymous()
            sign_in(page, username)
            self._states[username] = page.context.storage_state()
            return page
        context = self.browser.new_context(
            base_url=self.base_url, locale="en-US", storage_state=state
        )
        self._contexts.append(context)
        return context.new_page()

    def screenshots(self, folder: Path, name: str) -> list[Path]:
        """Save a full-page screenshot of every open page; return the files."""
        paths = []
        for i, context in enumerate(self._contexts):
            for j, page in enumerate(context.pages):
                path = folder / f"{re.sub(r'[^A-Za-z0-9_.-]+', '_', name)}-{i}-{j}.png"
                page.screenshot(path=str(path), full_page=True)
                paths.append(path)
        return paths

    def close(self) -> None:
        """Close every context this test opened."""
        for context in self._contexts:
            context.close()
        self._contexts.clear()


def unique(label: str) -> str:
    """A label no other test uses (the tests share one desk per session)."""
    return f"{label} {time.monotonic_ns() % 10**9}"


# Counts htmx's settled swaps per target id, from the moment a test starts watching one.
_WATCH_SETTLED = """(target) => {
  window.__wgSettled = window.__wgSettled || {};
  window.__wgSettled[target] = 0;
  if (!window.__wgWatching) {
    window.__wgWatching = true;
    document.addEventListener("htmx:afterSettle", (event) => {
      const id = event.detail.target && event.detail.target.id;
      if (id in window.__wgSettled) { window.__wgSettled[id] += 1; }
    });
  }
}"""


def click_and_settle(page: Page, button: Locator, target: str) -> None:
    """Click a button that has htmx swap the element ``target`` (an id), and wait until
    htmx has settled the new content.

    The new content is visible before htmx has settled it, and a value typed into a new
    field in those few milliseconds was seen lost (one run in three). No person types that
    fast; a test does.
    """
    page.evaluate(_WATCH_SETTLED, target)
    button.click()
    page.wait_for_function("(target) => window.__wgSettled[target] > 0", arg=target)


def fill_pair(page: Page, label: str, ko: str, en: str) -> None:
    """Fill a Korean/English field pair, shown side by side."""
    page.get_by_label(f"{label} (Korean)").fill(ko)
    page.get_by_label(f"{label} (English)").fill(en)


def schedule_meeting(
    page: Page, title_en: str, title_ko: str, starts_at: str, zone: str | None = None
) -> str:
    """Schedule a meeting from the meeting list, its start entered as local time of
    ``zone`` (default: the user's own zone, preselected); return the meeting's URL path."""
    page.goto("/meetings/")
    page.get_by_role("link", name="Schedule a meeting").click()
    fill_pair(page, "Title", title_ko, title_en)
    page.get_by_label("Series").select_option(label="Plenary meetings")
    if zone is not None:
        page.get_by_label("Time zone of the meeting").select_option(zone)
    page.get_by_label("Starts at").fill(starts_at)
    fill_pair(page, "Place", "서울", "Seoul")
    page.get_by_label("Format").select_option(label="Video conference")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Meeting scheduled.")
    expect(page.get_by_role("heading", name=title_en, level=1)).to_be_visible()
    return re.sub(r"^https?://[^/]+", "", page.url)


def agenda_links(page: Page) -> Locator:
    """The links of a meeting page's agenda, in order (the list after the heading)."""
    return page.locator("h2:text-is('Agenda') + ol > li > a")


def add_to_agenda(page: Page, item_title: str) -> None:
    """On a meeting page: put an agenda item on the meeting's agenda, and wait for the
    reloaded page to list it (the previous page showed the same message)."""
    page.get_by_label("Agenda item").select_option(label=item_title)
    page.get_by_role("button", name="Add to agenda").click()
    expect(agenda_links(page).filter(has_text=item_title)).to_have_count(1)
    expect(page.get_by_role("status")).to_contain_text("Added to the agenda.")


def write_minutes(page: Page, meeting_url: str, ko: str, en: str) -> str:
    """Start (or edit) a meeting's minutes and save both languages; return the minutes
    page's path."""
    minutes_url = meeting_url.replace("/meetings/", "/minutes/")
    page.goto(minutes_url)
    start = page.get_by_role("link", name="Start the minutes")
    (start if start.count() else page.get_by_role("link", name="Edit minutes")).click()
    fill_pair(page, "Minutes", ko, en)
    page.get_by_role("button", name="Save minutes").click()
    expect(page.get_by_role("status")).to_contain_text("Minutes saved.")
    return minutes_url


def minutes_status(page: Page) -> Any:
    """The status line of a minutes page."""
    return page.locator("main p").filter(has_text="Status:").first
