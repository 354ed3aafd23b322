"""axe-core on the desk's main pages in English and Korean, in real Chromium: no serious
or critical violation (duplicate ids, unlabelled fields, missing names, contrast...)."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.web.browser.desk import Desk

pytestmark = pytest.mark.browser

# The main pages a member reads, and the sign-in page anyone reaches first.
PAGES = (
    "/",
    "/meetings/",
    "/decisions/",
    "/action-items/",
    "/engagements/",
    "/positions/",
    "/agenda/",
    "/group/",
    "/sanctions/",
    "/sanctions/screen/",
    "/sanctions/review/",
    "/sanctions/project/",
    "/audit/",
    "/search/?q=railway",
    "/exports/",
    "/pace/",
    "/notifications/",
)
SEVERE = {"serious", "critical"}
AXE = Axe()


def severe(page: Any) -> list[str]:
    """The serious and critical violations axe finds on the page, one line each."""
    results = AXE.run(page)
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:3])}"
        for v in results.response["violations"]
        if v.get("impact") in SEVERE
    ]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_main_pages_have_no_serious_violation(desk: Desk, lang: str) -> None:
    page = desk.as_user("lee.dohoon")
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": desk.base_url}])
    found = {}
    for path in PAGES:
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == lang, path
        problems = severe(page)
        if problems:
            found[path] = problems
    assert found == {}


@pytest.mark.parametrize("locale", ["en-US", "ko-KR"])
def test_sign_in_page_has_no_serious_violation(desk: Desk, locale: str) -> None:
    page = desk.anonymous(locale)
    page.goto("/accounts/login/")
    assert severe(page) == []
