"""SQL queries per page stay few and do not grow with the data (no N+1 regressions).

Each main page is loaded for members of both sides and roles on the demo group, the group
is then grown by a year of monthly meetings (hundreds of rows on every list), and the same
pages are loaded again: the number of queries must be unchanged, and within the cap.
This asserts behaviour (how the pages read), not time.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.demo.grow import grow
from wgdesk.web.meetings.models import Meeting

pytestmark = pytest.mark.django_db

# page -> most queries it may take (today's count plus a little room for new features).
CAPS = {
    "dashboard": 16,
    "meeting list": 7,
    "meeting page": 20,
    "minutes": 13,
    "minutes history": 9,
    "agenda tree": 8,
    "agenda item": 18,
    "positions": 10,
    "item positions": 12,
    "action items": 9,
    "decisions": 7,
    "engagements": 7,
    "working group": 10,
    "audit trail": 8,  # +1: the per-reader event numbers (issue 11.5)
    "invitations": 8,
    "exports": 30,
    "pace chart": 30,
    "pace track": 30,
    "notifications": 30,
}
USERS = ("rok.delegate", "lee.dohoon", "us.observer", "us.liaison")


def pages() -> dict[str, str]:
    """The pages to count, on demo records that exist before the group grows."""
    seoul = Meeting.objects.get(title_en="Working Group meeting in Seoul")
    rail = AgendaItem.objects.get(title_en="Inter-Korean railway and road connection")
    return {
        "dashboard": "/",
        "meeting list": "/meetings/",
        "meeting page": f"/meetings/{seoul.pk}/",
        "minutes": f"/minutes/{seoul.pk}/",
        "minutes history": f"/minutes/{seoul.pk}/history/",
        "agenda tree": "/agenda/",
        "agenda item": f"/agenda/items/{rail.pk}/",
        "positions": "/positions/",
        "item positions": f"/positions/items/{rail.pk}/",
        "action items": "/action-items/",
        "decisions": "/decisions/",
        "engagements": "/engagements/",
        "working group": "/group/",
        "audit trail": "/audit/",
        "invitations": "/group/invitations/",
        "exports": "/exports/",
        "pace chart": "/pace/",
        "pace track": f"/pace/tracks/{rail.track_id}/",
        "notifications": "/notifications/",
    }


def count_queries(client: Client) -> dict[str, tuple[int, int]]:
    """(status, number of queries) of every page, each loaded once before counting."""
    counts = {}
    for name, url in pages().items():
        client.get(url)  # first load warms per-process caches (content types, templates)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts[name] = (response.status_code, len(queries))
    return counts


def test_queries_per_page_are_capped_and_independent_of_data_size(client_for: Any) -> None:
    """Growing the group by a year of meetings adds no query to any page, for any user."""
    clients = {username: client_for(username) for username in USERS}
    before = {username: count_queries(client) for username, client in clients.items()}
    assert grow(1) > 0
    after = {username: count_queries(client) for username, client in clients.items()}
    for username in USERS:
        for page, (status, queries) in after[username].items():
            assert (status, queries) == before[username][page], (username, page)
            if status == 200:
                assert queries <= CAPS[page], f"{page} for {username}: {queries} queries"
    assert set(CAPS) == set(pages()), "every counted page has a cap"


def test_search_queries_do_not_grow_with_the_results(client_for: Any) -> None:
    """A search with nine note results (each on an agenda item) takes as many queries as
    one with a single such result: headings and links are loaded per kind, not per row."""
    grow(1)
    client = client_for("us.liaison")
    counts = []
    for text, results in (('"Shared note 3:"', 1), ("ministry's papers", 9)):
        client.get(f"/search/?q={text}")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/search/?q={text}")
        assert response.content.decode().count('class="snippet"') == results
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
