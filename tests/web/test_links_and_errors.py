"""Absolute links from the configured public address or the request's, translated and
styled error pages, and plain-http loopback serving for `make run` (no DEBUG)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client, RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from wgdesk.cli import main
from wgdesk.web.core import links, localhttp
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes import actions as minutes_actions

pytestmark = pytest.mark.django_db
SITE = "https://desk.example.org"


# --- absolute links ----------------------------------------------------------------------


def _feed_address(client: Client) -> str:
    """The feed address shown once on the exports page."""
    page = client.post("/exports/calendar/token/", {"action": "issue"}).content.decode()
    found = re.search(r"(https?://[^\"<\s]+/feeds/calendar/[^\"<\s]+\.ics)", page)
    assert found is not None
    return found.group(1)


def test_links_use_the_requests_address_when_none_is_configured(client_for: Any) -> None:
    """No fixed host or port: a desk reached at another address links to that address."""
    client = client_for("rok.delegate")
    address = _feed_address(client)
    assert address.startswith("http://testserver/feeds/calendar/")
    other = Client(HTTP_HOST="localhost:9123")
    other.force_login(_user("rok.delegate"))
    moved = _feed_address(other)
    assert moved.startswith("http://localhost:9123/feeds/calendar/")
    feed = Client(HTTP_HOST="localhost:9123").get(moved.split("9123", 1)[1]).content.decode()
    assert "URL:http://localhost:9123/meetings/" in feed
    assert "@localhost\r\n" in feed  # event UIDs name the host, never a port
    tokens = other.get("/settings/api-tokens/").content.decode()
    assert "http://localhost:9123/api/v1/" in tokens
    csv = other.get("/exports/action-items.csv").content.decode("utf-8-sig")
    assert "http://localhost:9123/action-items/" in csv


def _user(username: str) -> Any:
    """A demo user."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_links_use_the_configured_public_address(client_for: Any, settings: Any) -> None:
    settings.SITE_URL = SITE
    client = client_for("us.delegate")
    assert _feed_address(client).startswith(f"{SITE}/feeds/calendar/")
    assert f"{SITE}/api/v1/" in client.get("/settings/api-tokens/").content.decode()


def test_emails_sent_while_answering_a_request_link_to_its_address(
    settings: Any,
    users: dict[str, Any],
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Submitted minutes notify the approvers; with no public address configured the link
    is the address the secretariat reached the desk at."""
    for user in users.values():
        user.email = f"{user.username}@example.org"
        user.save()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "desk.internal"]
    meeting = Meeting.objects.get(title_en="Working Group video conference")
    client = Client(HTTP_HOST="desk.internal:8443")
    client.force_login(users["rok.secretariat"])
    minutes = minutes_actions.start(users["rok.secretariat"], meeting)
    minutes = minutes_actions.save(
        users["rok.secretariat"], minutes, minutes.revision, "회의록", "Minutes"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/minutes/{meeting.pk}/submit/", {"confirm": "yes"})
    assert response.status_code == 302
    assert mailoutbox, "the approvers are told"
    for message in mailoutbox:
        assert f"http://desk.internal:8443{minutes.get_absolute_url()}" in message.body
        assert "127.0.0.1:8000" not in message.body
    # The meeting's time is named with its zone, in the recipient's zone too.
    us = next(m for m in mailoutbox if m.to == ["stephen.biegun@example.org"])
    assert "2019-01-17 09:00 KST · 19:00 EST the day before" in us.body


def test_remind_refuses_to_send_without_a_public_address(
    users: dict[str, Any], settings: Any, mailoutbox: list[Any]
) -> None:
    for user in users.values():
        user.email = f"{user.username}@example.org"
        user.save()
    settings.SITE_URL = ""
    runner = CliRunner()
    result = runner.invoke(main, ["remind", "--today", "2019-01-14"])
    assert result.exit_code == 1
    assert "WGDESK_SITE_URL is not set" in result.output and "nothing was sent" in result.output
    assert mailoutbox == []
    dry = runner.invoke(main, ["remind", "--dry-run", "--today", "2019-01-14"])
    assert dry.exit_code == 0 and "warning: WGDESK_SITE_URL is not set" in dry.output
    settings.SITE_URL = SITE
    sent = runner.invoke(main, ["remind", "--today", "2019-01-14"])
    assert sent.exit_code == 0 and mailoutbox
    assert all(f"{SITE}/" in m.body for m in mailoutbox)


def test_an_email_outside_any_request_without_an_address_is_not_sent(
    users: dict[str, Any], settings: Any
) -> None:
    from wgdesk.web.notifications import mail

    settings.SITE_URL = ""
    users["us.liaison"].email = "x@example.org"
    with pytest.raises(links.PublicUrlMissing, match="WGDESK_SITE_URL"):
        mail.compose(users["us.liaison"], "reminder", {"actions": [], "minutes": []})


@pytest.mark.parametrize(
    "value",
    ["ftp://desk.example.org", "desk.example.org", "https://", "https://d?x=1", "https://d/wg"],
)
def test_a_malformed_public_address_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="WGDESK_SITE_URL"):
        links.check_site_url(value)
    assert (
        links.check_site_url(" https://desk.example.org:8443/ ") == "https://desk.example.org:8443"
    )
    assert links.check_site_url("") == ""


# --- error pages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Page not found"), ("ko", "페이지를 찾을 수 없습니다")]
)
def test_404_is_translated_and_styled(client_for: Any, language: str, heading: str) -> None:
    client = client_for("rok.observer")
    client.cookies["django_language"] = language
    response = client.get("/meetings/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert 'href="/static/wgdesk/desk.css"' in page and f'<html lang="{language}">' in page
    anonymous = Client(HTTP_ACCEPT_LANGUAGE=language).get("/feeds/calendar/no-such-token.ics")
    assert anonymous.status_code == 404 and heading in anonymous.content.decode()


@pytest.mark.parametrize(("language", "heading"), [("en", "Not allowed"), ("ko", "허용되지 않음")])
def test_403_is_translated_and_styled(client_for: Any, language: str, heading: str) -> None:
    client = client_for("us.observer")
    client.cookies["django_language"] = language
    response = client.get("/meetings/new/")
    assert response.status_code == 403
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page and "desk.css" in page


@pytest.mark.parametrize(("language", "heading"), [("en", "Server error"), ("ko", "서버 오류")])
def test_500_is_translated_and_styled(
    client_for: Any, language: str, heading: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A view that crashes: the page is the desk's, in the reader's language, and shows
    nothing of the error."""
    from wgdesk.web.meetings import queries

    def broken(user: Any) -> Any:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "meetings", broken)
    client = client_for("us.delegate")
    client.raise_request_exception = False
    client.cookies["django_language"] = language
    response = client.get("/meetings/")
    assert response.status_code == 500
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page and "desk.css" in page
    assert "secret internals" not in page and "Traceback" not in page
    # Django's handler renders it without the request, so nothing in it may need one.
    with translation.override(language):
        bare = server_error(RequestFactory().get("/")).content.decode()
    assert heading in bare


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "The form has expired"), ("ko", "양식이 만료되었습니다")]
)
def test_csrf_failure_is_translated_and_styled(
    users: dict[str, Any], language: str, heading: str
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["lee.dohoon"])
    client.cookies["django_language"] = language
    response = client.post("/meetings/new/", {"title_en": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert f"<h1>{heading}</h1>" in page and "desk.css" in page
    assert "CSRF" not in page  # Django's own page explains the mechanism, in English


# --- plain http on loopback, DEBUG off (make run) ----------------------------------------


def _settings_in_child(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the desk's settings in a fresh process with some environment variables."""
    code = (
        "import django, os\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'wgdesk.web.settings'\n"
        "from django.conf import settings as s\n"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.MIDDLEWARE[0].rsplit('.', 1)[-1])\n"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("WGDESK_", "DJANGO_"))}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "WGDESK_DATA_DIR": os.environ.get("WGDESK_DATA_DIR", "/tmp"), **env},
        capture_output=True,
        text=True,
    )


def test_local_http_relaxes_only_secure_cookies_and_hsts() -> None:
    production = _settings_in_child()
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == ["False", "True", "True", "31536000", "SecurityMiddleware"]
    local = _settings_in_child(WGDESK_LOCAL_HTTP="1")
    assert local.returncode == 0, local.stderr
    assert local.stdout.split() == ["False", "False", "False", "0", "LoopbackOnlyMiddleware"]


def test_local_http_is_refused_with_a_public_host_name() -> None:
    refused = _settings_in_child(
        WGDESK_LOCAL_HTTP="1", WGDESK_ALLOWED_HOSTS="127.0.0.1,desk.example.org"
    )
    assert refused.returncode != 0
    assert "WGDESK_LOCAL_HTTP=1 serves plain http to this machine only" in refused.stderr
    assert "desk.example.org" in refused.stderr


def test_bad_zone_and_address_settings_stop_start_up() -> None:
    zone = _settings_in_child(WGDESK_TIME_ZONE="Asia/Seol")
    assert zone.returncode != 0 and "WGDESK_TIME_ZONE='Asia/Seol'" in zone.stderr
    site = _settings_in_child(WGDESK_SITE_URL="desk.example.org")
    assert site.returncode != 0 and "WGDESK_SITE_URL" in site.stderr


@pytest.mark.parametrize(
    ("address", "allowed"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("::ffff:127.0.0.1", True),
        ("10.0.0.5", False),
        ("192.168.1.20", False),
        ("2001:db8::1", False),
        ("", False),
    ],
)
def test_local_http_answers_loopback_clients_only(address: str, allowed: bool) -> None:
    from django.http import HttpResponse

    guard = localhttp.LoopbackOnlyMiddleware(lambda request: HttpResponse("desk"))
    response = guard(RequestFactory().get("/", REMOTE_ADDR=address))
    assert (response.status_code == 200) is allowed
