"""Grow the demo working group to years of monthly meetings (``wgdesk demo --years N``).

The load benchmark needs a desk with history: five years of monthly meetings, each with
its agenda, minutes approved by both sides, decisions, action items (most done, some
carried over), positions revised by both sides, alignment changes, notes on both sides
(shared and side-only, some classified) and engagements. Every record is made through
the same actions the views call, so the audit chain, and any index or notification
hooked into the actions, covers it. The texts are generated from a few illustrative
topics: volume for measuring, not history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from wgdesk.web.actionitems import actions as action_items
from wgdesk.web.actionitems.models import ActionStatus
from wgdesk.web.agenda import actions as agenda
from wgdesk.web.agenda.models import AgendaItem, ItemStatus, Track
from wgdesk.web.core import records, zones
from wgdesk.web.core.scoping import Visibility
from wgdesk.web.decisions import actions as decisions
from wgdesk.web.demo.loader import GROUP_NAME_EN
from wgdesk.web.demo.users import DEMO_USERS
from wgdesk.web.engagements import actions as engagements
from wgdesk.web.groups.models import Member
from wgdesk.web.meetings import actions as meetings
from wgdesk.web.meetings.models import Meeting, MeetingFormat, MeetingSeries
from wgdesk.web.minutes import actions as minutes
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notes import actions as notes
from wgdesk.web.positions import actions as positions
from wgdesk.web.positions.models import Alignment

# track code -> topics (Korean, English) that new agenda items are drawn from, in turn.
TOPICS: dict[str, tuple[tuple[str, str], ...]] = {
    "diplomacy": (
        ("정상회담 후속 협의", "Follow-up to the summit"),
        ("실무협상 재개 방안", "Resuming working-level negotiations"),
        ("관련국 특별대표 협의", "Consultations with the envoys of the other parties"),
        ("공동성명 이행 점검", "Review of the joint statement's implementation"),
    ),
    "denuclearization": (
        ("핵시설 신고 범위", "Scope of a declaration of nuclear facilities"),
        ("검증 절차와 사찰단 접근", "Verification steps and inspectors' access"),
        ("미사일 시험장 폐기 확인", "Confirming the dismantlement of a missile test site"),
        ("단계별 상응조치 목록", "List of phased corresponding measures"),
    ),
    "sanctions": (
        ("면제 신청 서류 표준화", "Standard papers for exemption requests"),
        ("선박 간 환적 감시 정보 공유", "Sharing monitoring data on ship-to-ship transfers"),
        ("전문가 패널 보고서 검토", "Review of the Panel of Experts report"),
        ("인도적 물자 결제 경로", "Payment channels for humanitarian goods"),
    ),
    "inter-korean": (
        ("산림 협력 묘목 반출", "Seedlings for forestry cooperation"),
        ("공동연락사무소 물자 반입", "Supplies for the joint liaison office"),
        ("비무장지대 유해 공동발굴", "Joint recovery of remains in the DMZ"),
        ("보건의료 협력 물자", "Goods for health cooperation"),
    ),
}
PLACES = ("Seoul", "Washington, D.C.", "Video conference")
# The places in both languages, as the meeting and engagement forms take them.
PLACE_TEXTS = {
    "Seoul": ("서울", "Seoul"),
    "Washington, D.C.": ("워싱턴 D.C.", "Washington, D.C."),
    "Video conference": ("화상회의", "Video conference"),
}
# Each place's zone and local start: mornings where the meeting is held; the video
# conference is hosted from Seoul at 09:00 (19:00 or 20:00 the day before in Washington).
WHERE = {
    "Seoul": ("Asia/Seoul", time(10, 0)),
    "Washington, D.C.": ("America/New_York", time(10, 0)),
    "Video conference": ("Asia/Seoul", time(9, 0)),
}
ALIGNMENT_CYCLE = (
    Alignment.PENDING,
    Alignment.DIVERGING,
    Alignment.CLOSE,
    Alignment.ALIGNED,
)
# Action owners by month: members of both sides who may edit (not co-chairs, not observers).
OWNERS = ("rok.delegate", "us.delegate", "rok.liaison", "us.liaison", "rok.secretariat")


class GrowError(Exception):
    """The demo working group is missing: load it first (``wgdesk demo``)."""


@dataclass
class Cast:
    """The demo accounts that act in the grown months, and the shared references."""

    users: dict[str, Any]
    series: MeetingSeries
    tracks: list[Track]

    def member(self, username: str) -> Member:
        """The seat of a demo user."""
        member: Member = self.users[username].member
        return member


def _cast() -> Cast:
    """Find the demo group's accounts, plenary series and tracks."""
    users = {
        u.username: u
        for u in get_user_model()
        .objects.filter(username__in=[s.username for s in DEMO_USERS])
        .select_related("member")
    }
    series = MeetingSeries.objects.filter(working_group__name_en=GROUP_NAME_EN).first()
    if series is None or len(users) != len(DEMO_USERS):
        raise GrowError("the demo working group is not loaded: run `wgdesk demo` first")
    tracks = list(Track.objects.filter(working_group_id=series.working_group_id, code__in=TOPICS))
    return Cast(users, series, sorted(tracks, key=lambda t: t.order))


def _next_month(day: date) -> date:
    """The 15th of the month after ``day``."""
    return (day.replace(day=1) + timedelta(days=32)).replace(day=15)


def _new_item(cast: Cast, n: int, on: date) -> AgendaItem:
    """A new agenda item for meeting ``n``: nested under its track's oldest open item, and
    every third one a level deeper, so the tree grows in depth as well as breadth."""
    track = cast.tracks[n % len(cast.tracks)]
    topics = TOPICS[track.code]
    ko, en = topics[(n // len(cast.tracks)) % len(topics)]
    open_items = AgendaItem.objects.filter(track=track, status=ItemStatus.OPEN).order_by("path")
    parent = open_items.filter(parent__isnull=True).first()
    if n % 3 == 0 and parent is not None:
        parent = open_items.filter(parent=parent).last() or parent
    phase = f" ({n + 1})"
    return agenda.add_item(
        cast.users["rok.secretariat" if n % 2 else "us.secretariat"],
        track,
        parent,
        (ko + phase, en + phase),
        (f"{ko}에 관한 {n + 1}차 논의.", f"Discussion no. {n + 1} on this question."),
        on,
    )


def _agenda_for(cast: Cast, n: int, new_item: AgendaItem) -> list[AgendaItem]:
    """The new item and three other open items, taken in turn."""
    others = list(
        AgendaItem.objects.filter(track__in=cast.tracks, status=ItemStatus.OPEN)
        .exclude(pk=new_item.pk)
        .order_by("id")
    )
    start = (3 * n) % max(len(others), 1)
    return [new_item, *(others[start:] + others[:start])[:3]]


@dataclass
class Month:
    """One grown month: its number (0 = the first grown meeting), the newest number to
    grow, its meeting and the agenda items on it."""

    n: int
    last: int
    meeting: Meeting
    items: list[AgendaItem]

    @property
    def recent(self) -> bool:
        """The last three meetings: their actions are still open, their minutes newest."""
        return self.n > self.last - 3


def _hold_meeting(cast: Cast, n: int, on: date, items: list[AgendaItem]) -> Meeting:
    """Schedule meeting ``n`` with its agenda and attendance."""
    clerk = cast.users["rok.secretariat" if n % 2 else "us.secretariat"]
    place = PLACES[n % len(PLACES)]
    zone_name, start = WHERE[place]
    meeting = meetings.add_meeting(
        clerk,
        cast.series,
        (f"제{n + 4}차 한미 워킹그룹 회의", f"Working group meeting no. {n + 4}"),
        zones.aware(datetime.combine(on, start), zones.zone(zone_name)),
        PLACE_TEXTS[place],
        MeetingFormat.VIDEO if n % len(PLACES) == 2 else MeetingFormat.IN_PERSON,
        zone_name,
    )
    for item in items:
        meetings.add_to_agenda(clerk, meeting, item)
    present = Member.objects.filter(working_group_id=cast.series.working_group_id).exclude(
        role="observer"
    )
    meetings.set_attendance(clerk, meeting, dict.fromkeys(present, "present"))
    return meeting


def _record_minutes(cast: Cast, month: Month) -> None:
    """Minutes in both languages, approved by both sides (locked), except the newest: the
    last meeting's are a draft and the one before awaits the US side."""
    clerk = cast.users["rok.secretariat"]
    record = minutes.start(clerk, month.meeting)
    record = minutes.save(
        clerk,
        record,
        record.revision,
        "양측은 다음 의제를 논의했다: "
        + ", ".join(i.title.ko for i in month.items)
        + ". 다음 회의에서 진전 상황을 점검하기로 했다.",
        "The two sides discussed: "
        + ", ".join(i.title.en for i in month.items)
        + ". They will review progress at the next meeting.",
    )
    if month.n == month.last:
        return
    record = minutes.approve(cast.users["lee.dohoon"], minutes.submit(clerk, record))
    if month.n < month.last - 1:
        minutes.approve(cast.users["stephen.biegun"], record)


def _record_decisions(cast: Cast, month: Month) -> None:
    """Two decisions on the meeting's first agenda items, of varying classification."""
    for k, item in enumerate(month.items[:2]):
        decisions.add_decision(
            cast.users["us.secretariat"],
            month.meeting,
            item,
            (f"{item.title.ko}: 실무 협의를 계속한다.", f"{item.title.en}: talks continue."),
            month.meeting.local_start().date(),
            (month.n + k) % 3,
        )


def _record_actions(cast: Cast, month: Month) -> None:
    """Three action items due four weeks later; done on their due date, except those of
    the newest meetings and every seventh one, which stay open and are carried over."""
    for k in range(3):
        owner = cast.users[OWNERS[(month.n + k) % len(OWNERS)]]
        item = month.items[k % len(month.items)]
        due = month.meeting.local_start().date() + timedelta(days=28)
        title = (f"{item.title.ko} 자료 준비", f"Prepare papers on {item.title.en}")
        action = action_items.add_action(owner, month.meeting, item, title, owner.member, due)
        if month.recent or (month.n + k) % 7 == 0:
            continue
        action_items.edit_action(owner, action, title, owner.member, due, ActionStatus.DONE)
        closed = zones.aware(datetime.combine(due, time(9)), zones.display_zone(owner))
        records.update(owner, action, closed_at=closed)


def _record_positions(cast: Cast, month: Month) -> None:
    """Both sides state a position on the new item and revise one on an older item; every
    fourth US position stays a side-only draft. The alignment moves on in turn."""
    new_item, older = month.items[0], month.items[-1]
    for side, author in (("ROK", "lee.dohoon"), ("US", "stephen.biegun")):
        user = cast.users[author]
        for item in (new_item, older):
            stance = (
                f"{side} 측 입장 ({month.n + 1}차): {item.title.ko}은 단계적으로 추진한다.",
                f"{side} position (round {month.n + 1}): take {item.title.en} step by step.",
            )
            position = positions.save_position(user, item, stance, month.n % 2)
            if not (side == "US" and month.n % 4 == 0):
                positions.share_position(user, position)
    state = ALIGNMENT_CYCLE[month.n % len(ALIGNMENT_CYCLE)]
    positions.set_alignment(cast.users["rok.delegate"], new_item, state)


def _record_notes(cast: Cast, month: Month) -> None:
    """Notes on the meeting, its minutes and its new item: each side keeps one to itself
    (some classified) and one note is shared."""
    record = Minutes.objects.get(meeting=month.meeting)
    n = month.n
    notes.add_note(
        cast.users["rok.delegate"],
        month.meeting,
        f"한국 측 내부 메모 {n + 1}: 미국 측의 유연성을 타진할 것.",
        Visibility.SIDE,
        n % 3,
    )
    notes.add_note(
        cast.users["us.delegate"],
        record,
        f"US internal note {n + 1}: check Treasury's reading before the next round.",
        Visibility.SIDE,
        (n + 1) % 3,
    )
    notes.add_note(
        cast.users["rok.liaison"],
        month.items[0],
        f"Shared note {n + 1}: the ministry's papers are on the desk.",
        Visibility.SHARED,
        0,
    )


def _record_engagement(cast: Cast, month: Month) -> None:
    """One engagement a month, the sides in turn; every third one kept to its side."""
    username = "lee.dohoon" if month.n % 2 else "stephen.biegun"
    user = cast.users[username]
    counterpart = (
        ("청와대 국가안보실장", "the National Security Adviser")
        if month.n % 2
        else ("상원 외교위원회", "the Senate Foreign Relations Committee")
    )
    entry = engagements.EngagementEntry(
        counterpart,
        (f"{counterpart[0]}에게 워킹그룹 논의 설명", f"Briefed {counterpart[1]} on the group"),
        month.meeting.local_start().date() + timedelta(days=3),
        PLACE_TEXTS[PLACES[month.n % 2]],
        Visibility.SIDE if month.n % 3 == 0 else Visibility.SHARED,
        month.n % 2,
    )
    engagements.log_engagement(user, user.member, entry)


def _close_old_item(cast: Cast, month: Month) -> None:
    """Every sixth month the oldest open grown item is closed, so the tree has both."""
    if month.n % 6 != 5:
        return
    oldest = (
        AgendaItem.objects.filter(track__in=cast.tracks, status=ItemStatus.OPEN, children=None)
        .exclude(meetings=month.meeting)
        .order_by("id")
        .first()
    )
    if oldest is not None:
        agenda.edit_item(
            cast.users["rok.secretariat"],
            oldest,
            (oldest.title.ko, oldest.title.en),
            (oldest.description.ko, oldest.description.en),
            ItemStatus.CLOSED,
        )


def _grow_month(cast: Cast, n: int, last: int, on: date) -> None:
    """Hold grown meeting ``n`` on ``on`` and record everything that comes with it."""
    with transaction.atomic():
        new_item = _new_item(cast, n, on)
        items = _agenda_for(cast, n, new_item)
        month = Month(n, last, _hold_meeting(cast, n, on, items), items)
        # Decisions and actions first: once the minutes lock, what they record is frozen.
        for step in (
            _record_decisions,
            _record_actions,
            _record_minutes,
            _record_positions,
            _record_notes,
            _record_engagement,
            _close_old_item,
        ):
            step(cast, month)


def grow(years: int) -> int:
    """Add monthly meetings after the newest one until the demo series holds ``years`` × 12
    meetings; return how many were added (0 when it already does: idempotent)."""
    cast = _cast()
    held = Meeting.objects.filter(series=cast.series)
    target = years * 12
    count = held.count()
    newest = held.order_by("-starts_at").first()
    if newest is None or count >= target:
        return 0
    on = newest.local_start().date()
    for n in range(target - count):
        on = _next_month(on)
        _grow_month(cast, n, target - count - 1, on)
    return target - count
