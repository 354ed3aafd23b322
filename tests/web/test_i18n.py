"""The Korean catalogue: complete, current with the code, and used by the pages."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import polib
import pytest
from django.test import Client

from wgdesk.web.i18n import build

WEB = Path(build.__file__).resolve().parent.parent
PO = WEB / "locale" / "ko" / "LC_MESSAGES" / "django.po"


def _msgids(path: Path) -> set[tuple[str | None, str]]:
    """The (context, msgid) pairs of a catalogue."""
    return {(e.msgctxt, e.msgid) for e in polib.pofile(str(path)) if not e.obsolete}


def test_korean_catalogue_has_no_untranslated_or_fuzzy_entry() -> None:
    assert build.problems(PO) == []


def test_catalogue_is_up_to_date_with_templates_and_code(tmp_path: Path) -> None:
    # makemessages needs GNU xgettext; .ci/run installs gettext so this runs in CI.
    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed")
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    command = [
        "django-admin",
        "makemessages",
        "-l",
        "ko",
        "--no-obsolete",
        "-i",
        "demo/*",
        "-i",
        "i18n/*",
    ]
    bin_dir = Path(sys.executable).parent
    subprocess.run(
        [str(bin_dir / command[0]), *command[1:]],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "PATH": f"{bin_dir}:/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "wgdesk.web.settings",
            "WGDESK_DATA_DIR": str(tmp_path / "data"),
        },
    )
    regenerated = copy / "locale" / "ko" / "LC_MESSAGES" / "django.po"
    added = _msgids(regenerated) - _msgids(PO)
    removed = _msgids(PO) - _msgids(regenerated)
    assert (added, removed) == (set(), set()), "run makemessages and translate the new strings"


def test_compiled_catalogue_matches_the_po(tmp_path: Path) -> None:
    mo_path = PO.with_suffix(".mo")
    assert mo_path.exists(), "make install compiles the catalogue"
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path))}
    source = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(PO)) if e.msgid}
    assert compiled == source


@pytest.mark.django_db
def test_accept_language_picks_korean_and_english(client_for: Any) -> None:
    client = client_for("lee.dohoon")
    korean = client.get("/", HTTP_ACCEPT_LANGUAGE="ko-KR,ko;q=0.9")
    assert '<html lang="ko">' in korean.content.decode()
    assert "나의 미결 후속 조치" in korean.content.decode()
    english = client_for("lee.dohoon").get("/", HTTP_ACCEPT_LANGUAGE="en-US")
    assert "My open action items" in english.content.decode()


@pytest.mark.django_db
def test_language_switcher_sets_the_language(client_for: Any) -> None:
    client = client_for("stephen.biegun")
    response = client.post("/i18n/setlang/", {"language": "ko", "next": "/meetings/"})
    assert response.status_code == 302 and response["Location"] == "/meetings/"
    page = client.get("/meetings/", HTTP_ACCEPT_LANGUAGE="en")
    assert "회의 일정 등록" in page.content.decode()  # the cookie wins over the header


@pytest.mark.django_db
def test_form_errors_come_in_the_users_language() -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    response = client.post("/accounts/login/", {"username": "lee.dohoon", "password": "wrong"})
    assert "사용자 이름 또는 비밀번호가 올바르지 않습니다." in response.content.decode()
