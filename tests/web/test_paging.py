"""Lists that grow with every meeting are shown a page at a time (core/paging.py).

Every page is a slice of the policy-filtered rows: walking all pages shows each visible
record once and never a record of the other side's that is not shared with it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.core import opaque, paging
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.positions.models import Position

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two rows a page, so the demo's few records need several pages."""
    monkeypatch.setattr(paging, "PER_PAGE", 2)


def walk(client: Client, url: str) -> list[str]:
    """Every page of a list, following its "next" links from the first page."""
    pages, seen = [], set()
    while url and url not in seen:
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        pages.append(html)
        found = re.search(r'<a href="([^"]+)" rel="next">', html)
        base = url.split("?")[0]
        url = base + found.group(1).replace("&amp;", "&") if found else ""
    return pages


def links(html: str, prefix: str) -> list[int]:
    """Primary keys of the records a page links to under a URL prefix (by id, or by the
    opaque reference of side-owned and classified records)."""
    found = re.findall(rf'href="{prefix}([0-9]+|{opaque.REF_PATTERN})/"', html)
    return [int(key) if key.isdigit() else opaque.decode(key) for key in found]


def test_meeting_list_pages_show_every_meeting_once_newest_first(client_for: Any) -> None:
    client = client_for("rok.observer")
    pages = walk(client, "/meetings/")
    newest_first = list(Meeting.objects.order_by("-starts_at").values_list("pk", flat=True))
    assert len(pages) == (len(newest_first) + 1) // 2 > 1
    assert [pk for html in pages for pk in links(html, "/meetings/")] == newest_first
    assert 'href="?page=2"' in pages[0] and "Page 1 of" in pages[0]


def test_page_number_out_of_range_or_malformed_is_tolerated(client_for: Any) -> None:
    client = client_for("rok.observer")
    last = client.get("/meetings/?page=999").content.decode()
    first = client.get("/meetings/?page=x").content.decode()
    total = Meeting.objects.count()
    assert f"Page {(total + 1) // 2} of {(total + 1) // 2}" in last
    assert f"Page 1 of {(total + 1) // 2}" in first
    assert links(first, "/meetings/") == links(
        client.get("/meetings/").content.decode(), "/meetings/"
    )


def test_action_item_pages_keep_the_filters(client_for: Any) -> None:
    client = client_for("lee.dohoon")
    first = client.get("/action-items/?status=&side=").content.decode()
    assert 'href="?status=&amp;side=&amp;page=2"' in first
    pages = walk(client, "/action-items/?status=&side=")
    shown = [pk for html in pages for pk in links(html, "/action-items/")]
    assert sorted(shown) == sorted(ActionItem.objects.values_list("pk", flat=True))


@pytest.mark.parametrize("username", ["rok.observer", "lee.dohoon", "us.delegate", "us.liaison"])
def test_positions_board_pages_never_show_the_other_sides_drafts(
    client_for: Any, users: dict[str, Any], username: str
) -> None:
    member = users[username].member
    client = client_for(username)
    client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    pages = walk(client, "/positions/")
    assert len(pages) > 1
    shown = [pk for html in pages for pk in links(html, "/positions/items/")]
    assert sorted(shown) == sorted(AgendaItem.objects.values_list("pk", flat=True))
    board = "".join(pages)
    drafts = Position.objects.filter(status="draft")
    assert drafts.exclude(side=member.side).exists()
    for draft in drafts:
        own = draft.side_id == member.side_id and draft.classification <= member.clearance
        assert (draft.stance_en[:40] in board) == own, (username, draft.stance_en)
