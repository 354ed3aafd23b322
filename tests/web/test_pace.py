"""The pace chart: counts per track and month through the policy, SVG under the CSP."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any
from xml.etree import ElementTree

import pytest
from django.contrib.auth import get_user_model

from tests.web.markup import inline_scripts
from wgdesk.web.agenda import actions as agenda_actions
from wgdesk.web.agenda.models import AgendaItem, Track
from wgdesk.web.decisions.models import Decision
from wgdesk.web.groups.models import Member, Side, WorkingGroup
from wgdesk.web.pace import charts, svg
from wgdesk.web.pace.queries import _month_axis, pace

pytestmark = pytest.mark.django_db


def _month(day: date) -> date:
    """The first day of a date's month."""
    return day.replace(day=1)


def _oracle(clearance: int) -> dict[str, Counter[tuple[int, date]]]:
    """Counts per (track, month) computed straight from the rows, decisions by clearance."""
    return {
        "opened": Counter((i.track_id, _month(i.opened_on)) for i in AgendaItem.objects.all()),
        "closed": Counter(
            (i.track_id, _month(i.closed_on)) for i in AgendaItem.objects.exclude(closed_on=None)
        ),
        "decisions": Counter(
            (d.agenda_item.track_id, _month(d.decided_on))
            for d in Decision.objects.filter(classification__lte=clearance)
        ),
    }


@pytest.mark.parametrize("username", ["lee.dohoon", "rok.observer", "us.liaison"])
def test_counts_match_the_rows_the_user_may_see(username: str, users: dict[str, Any]) -> None:
    user = users[username]
    data = pace(user)
    expected = _oracle(user.member.clearance)
    for row in data.tracks:
        for index, month in enumerate(data.months):
            for name in ("opened", "closed", "decisions"):
                got = getattr(row, name)[index]
                assert got == expected[name][(row.track.pk, month)], (row.track, month, name)


def test_restricted_decision_is_not_counted_for_an_uncleared_observer(
    users: dict[str, Any],
) -> None:
    def total(username: str) -> int:
        return sum(row.totals["decisions"] for row in pace(users[username]).tracks)

    # The demo's three decisions and the joint decision on the ceremony project (unclassified).
    assert total("lee.dohoon") == Decision.objects.count() == 4
    assert total("rok.observer") == Decision.objects.filter(classification=0).count() == 3


def test_full_page_draws_a_line_per_track_and_a_data_table(client_for: Any) -> None:
    response = client_for("us.delegate").get("/pace/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<polyline") == Track.objects.count()
    assert html.count('<table class="pace-table">') == Track.objects.count()
    assert "Inter-Korean cooperation within UN sanctions" in html
    assert "<style" not in html and " style=" not in html and inline_scripts(html) == []
    for chart in re.findall(r"<svg viewBox.*?</svg>", html, flags=re.S):
        ElementTree.fromstring(chart)  # well-formed SVG


def test_track_page_and_hidden_track(client_for: Any) -> None:
    track = Track.objects.get(code="inter-korean")
    html = client_for("rok.liaison").get(f"/pace/tracks/{track.pk}/").content.decode()
    assert html.count('<table class="pace-table">') == 1 and "<rect" in html
    assert client_for("rok.liaison").get("/pace/tracks/999999/").status_code == 404


def test_empty_track_and_empty_group(client_for: Any, users: dict[str, Any]) -> None:
    track = agenda_actions.add_track(users["lee.dohoon"], "economy", ("경제", "Economy"))
    html = client_for("lee.dohoon").get(f"/pace/tracks/{track.pk}/").content.decode()
    assert "Nothing has been opened, closed or decided yet on this track." in html
    group = WorkingGroup.objects.create(name_en="Empty group", launched_on=date(2020, 1, 1))
    side = Side.objects.create(working_group=group, code="A", name_en="Side A")
    newcomer = get_user_model().objects.create_user("newcomer", password="x" * 14)
    Member.objects.create(
        user=newcomer, working_group=group, side=side, role="delegate", name_en="New"
    )
    assert pace(newcomer).empty
    client = client_for("lee.dohoon")
    client.force_login(newcomer)
    html = client.get("/pace/").content.decode()
    assert "Nothing has been opened, closed or decided yet" in html and "<polyline" not in html


def test_month_axis_fills_gaps_and_labels_thin_out() -> None:
    counts = [{(1, date(2018, 11, 1)): 2}, {(2, date(2019, 2, 1)): 1}]
    axis = [f"{m:%Y-%m}" for m in _month_axis(counts)]
    assert axis == ["2018-11", "2018-12", "2019-01", "2019-02"]
    frame = charts.PANEL
    months = [date(2019, m, 1) for m in range(1, 13)] + [date(2020, m, 1) for m in range(1, 13)]
    ticks = svg.month_ticks(frame, months, most=6)
    assert [t.value for t in ticks] == [
        "2019-01",
        "2019-05",
        "2019-09",
        "2020-01",
        "2020-05",
        "2020-09",
    ]


def test_scales_and_labels() -> None:
    assert [svg.nice_ceiling(v) for v in (0, 1, 3, 7, 12, 60, 101)] == [1, 1, 5, 10, 20, 100, 200]
    assert svg.spread_labels([100.0, 101.0, 50.0]) == [100.0, 114.0, 50.0]
    [line] = svg.lines(charts.OVERLAY, [("A", [0, 2, 4])], top=4)
    assert line.points[0].y == charts.OVERLAY.base and line.points[-1].y == charts.OVERLAY.top
