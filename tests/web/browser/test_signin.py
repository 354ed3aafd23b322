"""Sign-in with a password and a TOTP code, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.browser.desk import Desk, enter_code, enter_password, totp_code, wrong_code

pytestmark = pytest.mark.browser

USER = "rok.liaison"  # signs in only here, so its codes are fresh for this test


def test_sign_in_with_totp_refuses_wrong_and_replayed_codes(desk: Desk) -> None:
    """Password, then a wrong code (refused), then the current code (signed in); the same
    code from another browser is refused as a replay."""
    page = desk.anonymous()
    page.goto("/meetings/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/meetings/$"))
    enter_password(page, USER, "not-the-password-1")
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password.")

    enter_password(page, USER)
    expect(page).to_have_url(re.compile(r"/accounts/verify/$"))
    enter_code(page, wrong_code(USER))
    expect(page.get_by_text("That code is not valid")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/accounts/verify/$"))

    code = totp_code(USER)
    enter_code(page, code)
    expect(page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(page.locator(".who")).to_contain_text("Park Jun-ho")
    expect(page.locator(".who .badge.side-ROK")).to_have_text("ROK")  # the reader's side

    replay = desk.anonymous()
    enter_password(replay, USER)
    enter_code(replay, code)
    expect(replay.get_by_text("That code is not valid (or was already used).")).to_be_visible()
    replay.goto("/")
    expect(replay).to_have_url(re.compile(r"/accounts/login/"))
