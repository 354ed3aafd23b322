"""Filtered, paged lists (decisions, engagements, action items, meetings, saved reviews):
filters narrow what the policy shows and never widen it, keep to every page, and a
malformed filter is an error rather than a silently unfiltered list."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from wgdesk.web.actionitems.models import OPEN_STATUSES, ActionItem
from wgdesk.web.core import paging
from wgdesk.web.decisions.models import Decision
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.sanctions.models import ProjectReview

pytestmark = pytest.mark.django_db


def _pks(response: Any, key: str) -> list[int]:
    """Primary keys of the rows a list page shows."""
    assert response.status_code == 200, response.content[:300]
    return [row.pk for row in response.context[key]]


def test_decisions_by_meeting_and_words(client_for: Any) -> None:
    client = client_for("rok.delegate")
    decision = Decision.objects.order_by("id").first()
    assert decision is not None
    by_meeting = _pks(client.get("/decisions/", {"meeting": decision.meeting_id}), "decisions")
    expected = Decision.objects.filter(meeting_id=decision.meeting_id, classification__lte=2)
    assert set(by_meeting) == set(expected.values_list("pk", flat=True))
    word = decision.text_en.split()[-1].strip(".,")
    found = _pks(client.get("/decisions/", {"q": word.upper()}), "decisions")
    assert decision.pk in found
    assert _pks(client.get("/decisions/", {"q": "zzqx-nowhere"}), "decisions") == []


def test_engagement_side_filter_never_widens_the_policy(client_for: Any) -> None:
    us = client_for("us.delegate")
    rok_rows = Engagement.objects.filter(
        pk__in=_pks(us.get("/engagements/", {"side": "ROK"}), "engagements")
    )
    assert all(e.side.code == "ROK" and e.visibility == "shared" for e in rok_rows)
    private = Engagement.objects.filter(side__code="ROK", visibility="side")
    assert private.exists() and not set(rok_rows) & set(private)


def test_action_items_default_to_not_done_and_filter_by_owner(client_for: Any) -> None:
    client = client_for("rok.delegate")
    default = ActionItem.objects.filter(pk__in=_pks(client.get("/action-items/"), "actions"))
    assert default and all(a.status in OPEN_STATUSES for a in default)
    owner = default[0].owner_id
    owned = _pks(client.get("/action-items/", {"status": "", "owner": owner}), "actions")
    assert owned and set(owned) == set(
        ActionItem.objects.filter(owner_id=owner, classification__lte=2).values_list(
            "pk", flat=True
        )
    )


def test_meetings_by_days_in_the_readers_zone(client_for: Any, users: dict[str, Any]) -> None:
    client = client_for("us.delegate")
    meeting = Meeting.objects.order_by("starts_at").first()
    assert meeting is not None
    zone = ZoneInfo(users["us.delegate"].member.time_zone)
    day = meeting.starts_at.astimezone(zone).date()
    on_day = {"start": day.isoformat(), "end": day.isoformat()}
    assert meeting.pk in _pks(client.get("/meetings/", on_day), "meetings")
    after = {"start": (day + dt.timedelta(days=1)).isoformat()}
    assert meeting.pk not in _pks(client.get("/meetings/", after), "meetings")


def test_saved_reviews_by_verdict(client_for: Any) -> None:
    client = client_for("rok.delegate")
    review = ProjectReview.objects.filter(visibility="shared").first()
    assert review is not None
    shown = _pks(client.get("/sanctions/", {"verdict": review.verdict}), "reviews")
    assert review.pk in shown
    others = [v for v in ("prohibited", "not_restricted") if v != review.verdict]
    assert review.pk not in _pks(client.get("/sanctions/", {"verdict": others[0]}), "reviews")


@pytest.mark.parametrize(
    ("url", "query"),
    [
        ("/decisions/", {"start": "soon"}),
        ("/engagements/", {"member": "999999"}),
        ("/action-items/", {"status": "finished"}),
        ("/meetings/", {"format": "telepathy"}),
        ("/sanctions/", {"track": "x"}),
    ],
)
def test_a_malformed_filter_is_a_400_with_the_error(
    client_for: Any, url: str, query: dict[str, str]
) -> None:
    response = client_for("rok.delegate").get(url, query)
    assert response.status_code == 400
    assert response.context["filter"].form.errors
    assert 'class="errorlist' in response.content.decode()


def test_pages_keep_the_filters(client_for: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paging, "PER_PAGE", 1)
    client = client_for("rok.delegate")
    html = client.get("/decisions/", {"q": "the"}).content.decode()
    found = re.search(r'<a href="([^"]+)" rel="next">', html)
    assert found and "q=the" in found.group(1) and "page=2" in found.group(1)
