"""The language switcher and the browser's Accept-Language, in a real browser."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import expect

from tests.web.browser.desk import Desk

pytestmark = pytest.mark.browser


def korean(text: str) -> str:
    """The Korean catalogue's translation of a UI string (it must have one)."""
    with translation.override("ko"):
        translated = translation.gettext(text)
    assert translated != text, f"no Korean for {text!r}"
    return translated


def test_switcher_changes_the_ui_to_korean_and_back(desk: Desk) -> None:
    """Choosing 한국어 in the header switches the page (and later pages) to Korean;
    choosing English switches back."""
    page = desk.as_user("us.delegate")
    page.goto("/meetings/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_label("Language").select_option(label="한국어")
    page.get_by_role("button", name="Switch").click()
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("heading", name=korean("Meetings"), level=1)).to_be_visible()
    page.get_by_role("navigation", name=korean("Main")).get_by_role(
        "link", name=korean("Dashboard")
    ).click()
    expect(page.get_by_role("heading", name=korean("Dashboard"), level=1)).to_be_visible()

    page.get_by_label(korean("Language")).select_option(label="English")
    page.get_by_role("button", name=korean("Switch")).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()


@pytest.mark.parametrize(("locale", "lang"), [("ko-KR", "ko"), ("en-US", "en")])
def test_accept_language_chooses_the_page_language(desk: Desk, locale: str, lang: str) -> None:
    """A new browser whose locale is ko-KR gets the sign-in page in Korean; en-US gets it
    in English."""

    def ui(text: str) -> str:
        return korean(text) if lang == "ko" else text

    page = desk.anonymous(locale=locale)
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.get_by_role("heading", name=ui("Sign in"), level=1)).to_be_visible()
    expect(page.get_by_role("button", name=ui("Continue"))).to_be_visible()
    expect(page.get_by_label(ui("Username"))).to_be_visible()
