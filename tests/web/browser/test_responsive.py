"""The main pages on a 375 px phone, in English and Korean: nothing scrolls the page
sideways (wide tables scroll inside their own box), and Korean words are not broken."""

from __future__ import annotations

import pytest

from tests.web.browser.desk import Desk
from tests.web.browser.test_accessibility import PAGES

pytestmark = pytest.mark.browser
PHONE = {"width": 375, "height": 740}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_main_pages_fit_a_375px_phone(desk: Desk, lang: str) -> None:
    page = desk.as_user("lee.dohoon")
    page.set_viewport_size(PHONE)
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": desk.base_url}])
    too_wide = {}
    for path in PAGES:
        page.goto(path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert too_wide == {}
    # The menu is folded behind its button, which opens it.
    nav = page.get_by_role("navigation", name="Main" if lang == "en" else "주 메뉴")
    assert not nav.is_visible()
    page.locator(".navbar-toggler").click()
    nav.wait_for(state="visible")


def test_korean_words_are_kept_whole(desk: Desk) -> None:
    page = desk.as_user("lee.dohoon")
    page.goto("/positions/")
    assert page.evaluate("getComputedStyle(document.body).wordBreak") == "keep-all"
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"Noto Sans KR"')
    # The font is the desk's own copy, fetched from the desk (the CSP allows nothing else).
    faces = "document.fonts.load('16px \"Noto Sans KR\"', '비핵화').then(f => f.length)"
    assert page.evaluate(faces) >= 1
