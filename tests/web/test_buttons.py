"""Nobody is offered an action they cannot take.

Every page of the desk (walked from the URLconf, tests/web/urlwalk.py) is opened as each
user; every form that POSTs, and every button with its own ``formaction``, is submitted
as the page would submit it (its hidden fields and the button's name and value). None
may answer 403: a button shown is a button the policy lets this user press. Observers,
who may change nothing, are walked most closely: every link on their pages is followed
too, and none may lead to a page that refuses them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction
from django.test import Client

from tests.web.urlwalk import desk_urls
from wgdesk.web.demo.users import DEMO_USERS

pytestmark = pytest.mark.django_db
# Pages not walked: the API and feeds answer JSON and calendars, not pages with buttons.
NOT_PAGES = ("api:", "feeds:")
# Buttons not pressed: signing out ends the walk's own session (tested in test_accounts).
NOT_PRESSED = {"/accounts/logout/"}


@dataclass
class Submission:
    """What pressing one button of a POST form sends: the URL and the form's data."""

    action: str
    data: dict[str, str] = field(default_factory=dict)


class _Forms(HTMLParser):
    """Collect the POST forms of a page: hidden fields, and one submission per button."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.page = page
        self.found: list[Submission] = []
        self.links: set[str] = set()
        self._form: Submission | None = None
        self._buttons: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a form, note a hidden field, or note a submit button."""
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.add(urljoin(self.page, a["href"]))
        if tag == "form" and a.get("method", "get").lower() == "post":
            self._form = Submission(urljoin(self.page, a.get("action") or self.page))
            self._buttons = []
        elif self._form is not None and tag == "input" and a.get("type") == "hidden":
            self._form.data[a.get("name", "")] = a.get("value", "")
        elif self._form is not None and _is_button(tag, a):
            target = urljoin(self.page, a["formaction"]) if a.get("formaction") else ""
            pressed = {a["name"]: a.get("value", "")} if a.get("name") else {}
            self._buttons.append((target, pressed))

    def handle_endtag(self, tag: str) -> None:
        """Close a form: one submission per button (or one for a form without buttons)."""
        if tag != "form" or self._form is None:
            return
        form = self._form
        for target, pressed in self._buttons or [("", {})]:
            data = {k: v for k, v in form.data.items() if k != "csrfmiddlewaretoken"}
            self.found.append(Submission(target or form.action, {**data, **pressed}))
        self._form = None


def _is_button(tag: str, a: dict[str, str]) -> bool:
    """A control that submits its form."""
    if tag == "button":
        return a.get("type", "submit") == "submit"
    return tag == "input" and a.get("type") in {"submit", "image"}


Offered = dict[tuple[str, tuple[tuple[str, str], ...]], str]


def _local(url: str) -> str | None:
    """The path and query of a link to the desk itself (None for other sites, fragments)."""
    parts = urlsplit(url)
    if parts.netloc != "testserver":
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _walk(client: Client) -> tuple[Offered, dict[str, str]]:
    """Every distinct submission and every link offered on the user's pages, each with a
    page that offers it."""
    offered: Offered = {}
    links: dict[str, str] = {}
    for entry in desk_urls():
        if entry.name.startswith(NOT_PAGES) or entry.name == "accounts:logout":
            continue
        response = client.get(entry.url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        parser = _Forms(f"http://testserver{entry.url}")
        parser.feed(response.content.decode("utf-8", "replace"))
        for submission in parser.found:
            path = _local(submission.action) or submission.action
            key = (path, tuple(sorted(submission.data.items())))
            offered.setdefault(key, entry.url)
        for link in parser.links:
            local = _local(link)
            if local is not None:
                links.setdefault(local, entry.url)
    return offered, links


def _forbidden_links(client: Client, links: dict[str, str]) -> list[str]:
    """The offered links that the server answers 403 (a page the user may not open)."""
    return [
        f"{page} links to {path}: 403"
        for path, page in links.items()
        if client.get(path).status_code == 403
    ]


def _refused(client: Client, offered: dict[Any, str]) -> list[str]:
    """The offered submissions that the server answers 403."""
    problems = []
    for (path, data), page in offered.items():
        if path in NOT_PRESSED:
            continue
        # Each press is undone afterwards: every button is judged on the pages as they were
        # shown, not after an earlier press changed the desk (e.g. approved the minutes).
        with transaction.atomic():
            status = client.post(path, dict(data)).status_code
            transaction.set_rollback(True)
        if status == 403:
            problems.append(f"{page} offers a button posting to {path} {dict(data)}: 403")
    return problems


@pytest.mark.parametrize("username", ["rok.observer", "us.observer"])
def test_observers_are_offered_no_action_they_cannot_take(
    username: str, users: dict[str, Any]
) -> None:
    client = Client()
    client.force_login(users[username])
    offered, links = _walk(client)
    paths = {path for path, _ in offered}
    # What an observer may do for themselves is offered: their settings and tokens.
    assert {"/settings/profile/", "/settings/profile/sessions/sign-out/"} <= paths
    assert not any(path.startswith("/group/members/") for path in [*paths, *links])
    assert _refused(client, offered) == []
    # Nor a link to a page they may not open (an "Edit" or "New" link is a button too).
    assert _forbidden_links(client, links) == []


@pytest.mark.parametrize("username", [u.username for u in DEMO_USERS if u.role != "observer"])
def test_no_role_is_offered_an_action_it_cannot_take(username: str, users: dict[str, Any]) -> None:
    client = Client()
    client.force_login(users[username])
    offered, _links = _walk(client)
    assert _refused(client, offered) == []
