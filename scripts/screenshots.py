"""Screenshots of the desk's main pages in English and Korean, for docs/screenshots/.

Run against a desk serving the demo group (`make run` in another shell):

    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out docs/screenshots]

Signs in as a demo co-chair through the real two-step form (the demo TOTP secrets are
public), then saves each page at desktop width and the dashboard at a 375 px phone width
as PNG, palette-quantised (Pillow, when installed) to keep them small.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import django
import pyotp
from playwright.sync_api import Page, sync_playwright

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wgdesk.web.settings")
django.setup()  # the demo users module reads Django's settings

from wgdesk.web.demo.users import DEMO_PASSWORD, by_username  # noqa: E402

PAGES = {
    "dashboard": "/",
    "meetings": "/meetings/",
    "positions": "/positions/",
    "decisions": "/decisions/",
    "sanctions-screen": "/sanctions/screen/",
    "sanctions-project": "/sanctions/project/",
    "audit": "/audit/",
}
PHONE_PAGES = ("dashboard", "meetings")
USER = "lee.dohoon"


def sign_in(page: Page, base: str) -> None:
    """The two sign-in steps: password, then the current TOTP code."""
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(USER)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    code = pyotp.TOTP(by_username(USER).totp_secret).at(time.time())
    page.get_by_label("6-digit code").fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{base}/")


def shrink(path: Path) -> None:
    """Quantise a PNG to 128 colours (text stays sharp; the file shrinks 3-5 times)."""
    try:
        from PIL import Image
    except ImportError:  # screenshots stay full-colour without Pillow
        return
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128)
    small.save(path, optimize=True)


def main() -> None:
    """Take every screenshot in both languages."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        sign_in(page, args.base)
        for lang in ("en", "ko"):
            context.add_cookies([{"name": "django_language", "value": lang, "url": args.base}])
            for name, path in PAGES.items():
                page.set_viewport_size({"width": 1280, "height": 800})
                page.goto(args.base + path)
                shot = args.out / f"{name}-{lang}.png"
                page.screenshot(path=shot, full_page=False)
                shrink(shot)
                if name in PHONE_PAGES:
                    page.set_viewport_size({"width": 375, "height": 740})
                    page.goto(args.base + path)
                    shot = args.out / f"{name}-phone-{lang}.png"
                    page.screenshot(path=shot, full_page=False)
                    shrink(shot)
        browser.close()


if __name__ == "__main__":
    main()
