"""Growing the demo to years of monthly meetings (the load benchmark's data)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from click.testing import CliRunner

from wgdesk.cli import main
from wgdesk.web import policy
from wgdesk.web.actionitems.models import OPEN_STATUSES, ActionItem
from wgdesk.web.actionitems.queries import carried_over
from wgdesk.web.audit.queries import verify_chain
from wgdesk.web.demo.grow import grow
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.models import Minutes, MinutesStatus
from wgdesk.web.notes.models import Note
from wgdesk.web.positions.models import Position, PositionRevision

pytestmark = pytest.mark.django_db


def test_grow_adds_monthly_meetings_with_everything_and_is_idempotent(
    users: dict[str, Any],
) -> None:
    """One year = 12 meetings a month apart, each with agenda, minutes (all locked but the
    newest two), decisions, actions, positions and notes of both sides; audited."""
    before = Meeting.objects.count()
    assert grow(1) == 12 - before
    assert grow(1) == 0
    held = list(Meeting.objects.order_by("starts_at"))
    assert len(held) == 12
    grown = held[before:]
    # A month apart by the calendar where each is held (Seoul, Washington: zones differ).
    gaps = {(b.local_start().date() - a.local_start().date()).days for a, b in pairwise(grown)}
    assert gaps <= {28, 29, 30, 31}
    for meeting in grown:
        assert meeting.entries.count() == 4
        assert meeting.decisions.count() == 2 and meeting.action_items.count() == 3
    statuses = [Minutes.objects.get(meeting=m).status for m in grown]
    assert statuses[-1] == MinutesStatus.DRAFT and statuses[-2] == MinutesStatus.SUBMITTED
    assert set(statuses[:-2]) == {MinutesStatus.LOCKED}
    assert ActionItem.objects.filter(meeting__in=grown, status__in=OPEN_STATUSES).exists()
    assert PositionRevision.objects.count() > Position.objects.count()
    side_only = Note.objects.filter(visibility="side")
    assert {n.side.code for n in side_only} == {"ROK", "US"}
    assert not verify_chain()[1]


def test_grown_side_only_records_stay_with_their_side(users: dict[str, Any]) -> None:
    """The grown notes and drafts obey the policy like the demo's own."""
    grow(1)
    us_notes = policy.visible(users["us.delegate"], Note)
    assert not us_notes.filter(side__code="ROK", visibility="side").exists()
    assert us_notes.filter(side__code="US", visibility="side").exists()
    drafts = Position.objects.filter(side__code="US", status="draft")
    assert drafts.exists()
    assert not policy.visible(users["rok.delegate"], Position).filter(pk__in=drafts).exists()
    newest = Meeting.objects.order_by("-starts_at").first()
    assert newest is not None
    assert carried_over(users["lee.dohoon"], newest).exists()


def test_demo_years_option_is_checked() -> None:
    """`wgdesk demo --years 0` is refused with a usage error, before touching anything."""
    result = CliRunner().invoke(main, ["demo", "--years", "0"])
    assert result.exit_code == 2
    assert "--years" in result.output
