"""Build the demo working group through the same actions the desk uses (so it is audited)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pyotp
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from wgdesk.web.accounts.models import TotpDevice
from wgdesk.web.actionitems import actions as action_items
from wgdesk.web.agenda import actions as agenda
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.audit.actions import record
from wgdesk.web.core import records, zones
from wgdesk.web.decisions import actions as decisions
from wgdesk.web.demo import content as c
from wgdesk.web.demo.users import DEMO_PASSWORD, DEMO_USERS, DemoUser
from wgdesk.web.engagements import actions as engagements
from wgdesk.web.groups import actions as groups
from wgdesk.web.groups.models import Member, Ministry, Side, WorkingGroup
from wgdesk.web.meetings import actions as meetings
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes import actions as minutes
from wgdesk.web.notes import actions as notes
from wgdesk.web.positions import actions as positions
from wgdesk.web.positions.models import PositionStatus
from wgdesk.web.sanctions import actions as sanctions
from wgdesk.web.sanctions import runs, screeners
from wgdesk.web.sanctions.models import ProjectReview

GROUP_NAME_EN = "ROK–US Working Group"


def _day(text: str) -> date:
    """Parse an ISO date."""
    return date.fromisoformat(text)


def _ensure_account(spec: DemoUser) -> Any:
    """Create or reset a demo account: known password, confirmed TOTP with the known secret."""
    user, _ = get_user_model().objects.get_or_create(username=spec.username)
    user.set_password(DEMO_PASSWORD)
    user.save()
    TotpDevice.objects.update_or_create(
        user=user,
        defaults={"secret": spec.totp_secret, "confirmed_at": timezone.now(), "last_step": 0},
    )
    return user


def _build_group() -> tuple[WorkingGroup, dict[str, Side], dict[str, Ministry]]:
    """Create the group, its two sides and the ministries taking part."""
    spec: dict[str, Any] = c.GROUP
    group = records.create(
        None,
        WorkingGroup,
        {"name": spec["name"], "place": spec["place"]},
        launched_on=_day(spec["launched_on"]),
    )
    sides = {
        code: records.create(None, Side, {"name": name}, working_group=group, code=code)
        for code, name in c.SIDES.items()
    }
    ministries = {
        key: records.create(
            None, Ministry, {"name": name}, side=sides[side], joined_on=_day(joined)
        )
        for key, (side, name, joined) in c.MINISTRIES.items()
    }
    return group, sides, ministries


def _build_members(
    group: WorkingGroup, sides: dict[str, Side], ministries: dict[str, Ministry]
) -> dict[str, Any]:
    """Create the demo accounts and seats; the co-chairs head their delegations."""
    users = {}
    for spec in DEMO_USERS:
        user = _ensure_account(spec)
        member = records.create(
            None,
            Member,
            {"name": (spec.name_ko, spec.name_en), "title": (spec.title_ko, spec.title_en)},
            user=user,
            working_group=group,
            side=sides[spec.side],
            ministry=ministries.get(spec.ministry or ""),
            role=spec.role,
            clearance=spec.clearance,
            time_zone=c.SIDE_ZONES[spec.side],
        )
        if spec.role == "co_chair":
            records.update(None, sides[spec.side], head=member)
        users[spec.username] = user
    return users


def _build_agenda(users: dict[str, Any]) -> dict[str, Any]:
    """Create the four tracks and the nested agenda items."""
    clerk = users["rok.secretariat"]
    tracks = {code: agenda.add_track(clerk, code, title) for code, title in c.TRACKS}
    items: dict[str, Any] = {}
    for key, (track, parent, title, description, opened) in c.AGENDA.items():
        items[key] = agenda.add_item(
            clerk, tracks[track], items.get(parent or ""), title, description, _day(opened)
        )
    return items


def _build_meetings(users: dict[str, Any], items: dict[str, Any]) -> dict[str, Any]:
    """Create the series, its meetings with ordered agendas and attendance."""
    clerk = users["us.secretariat"]
    series = meetings.add_series(clerk, ("전체회의", "Plenary meetings"))
    built = {}
    specs: dict[str, dict[str, Any]] = c.MEETINGS
    for key, spec in specs.items():
        # Local time where the meeting was held, in that place's zone.
        where = zones.zone(spec["time_zone"])
        meeting = meetings.add_meeting(
            clerk,
            series,
            spec["title"],
            zones.aware(datetime.fromisoformat(spec["starts_at"]), where),
            spec["place"],
            spec["format"],
            spec["time_zone"],
        )
        for item_key in spec["agenda"]:
            meetings.add_to_agenda(clerk, meeting, items[item_key])
        if key != "january":
            present = Member.objects.exclude(role="observer")
            meetings.set_attendance(clerk, meeting, dict.fromkeys(present, "present"))
        built[key] = meeting
    return built


def _build_minutes(users: dict[str, Any], built: dict[str, Any]) -> None:
    """Launch minutes approved by both sides (locked); Seoul minutes approved by ROK only."""
    for key, (ko, en) in c.MINUTES.items():
        clerk = users["rok.secretariat"]
        record = minutes.start(clerk, built[key])
        record = minutes.save(clerk, record, record.revision, ko, en)
        record = minutes.submit(clerk, record)
        record = minutes.approve(users["lee.dohoon"], record)
        if key == "launch":
            minutes.approve(users["stephen.biegun"], record)


def _build_outcomes(users: dict[str, Any], items: dict[str, Any], built: dict[str, Any]) -> None:
    """Create decisions, action items, positions and alignment states."""
    for meeting, item, text, level in c.DECISIONS:
        decisions.add_decision(
            users["rok.secretariat"],
            built[meeting],
            items[item],
            text,
            built[meeting].local_start().date(),
            level,
        )
    for meeting, item, title, owner, due, status in c.ACTIONS:
        owner_user = users[owner]
        action = action_items.add_action(
            owner_user, built[meeting], items[item], title, owner_user.member, _day(due)
        )
        if status != "open":
            action_items.edit_action(
                owner_user, action, title, owner_user.member, _day(due), status
            )
        if status == "done":
            # The demo is history: the item was closed on its due date, not today.
            owner_zone = zones.display_zone(owner_user)
            closed = zones.aware(datetime.combine(_day(due), time(18)), owner_zone)
            records.update(owner_user, action, closed_at=closed)
    for item, side, stance, status, level in c.POSITIONS:
        author = users["lee.dohoon" if side == "ROK" else "stephen.biegun"]
        position = positions.save_position(author, items[item], stance, level)
        if status == PositionStatus.SHARED:
            positions.share_position(author, position)
    for item, state in c.ALIGNMENTS.items():
        positions.set_alignment(users["rok.delegate"], items[item], state)


def _build_log(users: dict[str, Any], items: dict[str, Any], built: dict[str, Any]) -> None:
    """Create engagements and notes, some for one side only."""
    for username, counterpart, summary, held, place, visibility, level in c.ENGAGEMENTS:
        user = users[username]
        entry = engagements.EngagementEntry(
            counterpart, summary, _day(held), place, visibility, level
        )
        engagements.log_engagement(user, user.member, entry)
    # Trade ministry officials joined in 2019: one invitation is still open.
    motie = Ministry.objects.get(name_en="Ministry of Trade, Industry and Energy")
    groups.invite(users["lee.dohoon"], motie, "liaison", 1, "liaison@motie.example.kr")
    targets = {"agenda": items, "meeting": built}
    for username, (kind, key), body, visibility, level in c.NOTES:
        notes.add_note(users[username], targets[kind][key], body, visibility, level)


def _build_stale_translation(users: dict[str, Any]) -> None:
    """The Treasury officer widened the English wording only: the Korean now needs updating
    (before the minutes lock the meeting the action was raised at)."""
    action = users["us.liaison"].member.actions.get()
    action_items.edit_action(
        users["us.liaison"],
        action,
        (
            action.title_ko,
            "Brief the ROK side on OFAC guidance for humanitarian shipments and payments",
        ),
        action.owner,
        action.due_on,
        action.status,
    )


def _build_reviews(users: dict[str, Any], items: dict[str, Any]) -> None:
    """Review the demo projects with the engine and save them: one shared, one side-only."""
    screener, state = screeners.current()
    for username, item, title, text, visibility, level in c.PROJECT_REVIEWS:
        run = runs.run_review(text, "yaml", None, screener, state)
        sanctions.save_review(users[username], run, items[item], title, visibility, level)


def _build_projects(users: dict[str, Any], items: dict[str, Any], built: dict[str, Any]) -> None:
    """Cooperation projects in several states, each carried through the workflow's actions:
    the railway survey still a draft, the video reunions under review (the ROK review
    shared, the US one still side-only), the ceremony goods approved with a shipment."""
    from wgdesk.web.minutes.freeze import is_frozen
    from wgdesk.web.projects import actions as projects
    from wgdesk.web.projects.models import SideReview

    specs: dict[str, dict[str, Any]] = c.PROJECTS
    for key, spec in specs.items():
        author = users[spec["user"]]
        item = items[spec["item"]]
        sponsor = Ministry.objects.get(name_en=c.MINISTRIES[spec["sponsor"]][1][1])
        record_ = projects.Record(
            track=item.track,
            agenda_item=item,
            sponsor=sponsor,
            texts={"title": spec["title"], "summary": spec["summary"]},
            file_text=spec["file"],
            classification=0,
        )
        project = projects.create_project(author, record_)
        if spec["state"] == "draft":
            continue
        project = projects.submit(author, project)
        rok_notes = f"Seoul supports the {key} project: humanitarian and temporary."
        rok = projects.save_review(users["rok.delegate"], project, "support", "", rok_notes, 0)
        projects.share_review(users["rok.delegate"], rok)
        us_notes = f"Washington checks the {key} goods for dual use before we support it."
        projects.save_review(users["us.delegate"], project, "conditions", us_notes, us_notes, 1)
        seoul = built["seoul"]
        # An older demo whose Seoul minutes were locked since: no decision can go there.
        if spec["state"] == "submitted" or is_frozen(seoul.pk):
            continue
        us = SideReview.objects.get(project=project, side__code="US")
        projects.share_review(users["us.delegate"], us)
        project = projects.decide(
            users["rok.secretariat"],
            project,
            seoul,
            "exemption",
            ("착공식 물자의 면제 신청에 합의", "Agreed to request an exemption for the goods"),
            seoul.local_start().date(),
        )
        project = projects.to_committee(users["rok.delegate"], project, _day("2018-12-21"), "")
        project = projects.committee_decision(
            users["rok.delegate"],
            project,
            True,
            _day("2018-12-24"),
            "All goods return south after the ceremony.",
            _day("2019-06-24"),
            "",
        )
        projects.add_shipment(
            users["rok.delegate"], project, "stage", 1, _day("2018-12-26"), "Panmun Station", ""
        )


def _add_projects_to_existing(group: WorkingGroup) -> None:
    """Give a demo loaded before cooperation projects existed its demo projects (once)."""
    from wgdesk.web.projects.models import Project

    if Project.objects.filter(working_group=group).exists():
        return
    users = {
        spec.username: get_user_model().objects.get(username=spec.username) for spec in DEMO_USERS
    }
    specs: dict[str, dict[str, Any]] = c.PROJECTS
    keys = {str(spec["item"]) for spec in specs.values()}
    items = {
        key: AgendaItem.objects.get(track__working_group=group, title_en=c.AGENDA[key][2][1])
        for key in keys
    }
    seoul = Meeting.objects.get(
        series__working_group=group, title_en=c.MEETINGS["seoul"]["title"][1]
    )
    _build_projects(users, items, {"seoul": seoul})


def _add_reviews_to_existing(group: WorkingGroup) -> None:
    """Give a demo loaded before saved reviews existed its demo reviews (once)."""
    if ProjectReview.objects.filter(working_group=group).exists():
        return
    users = {
        spec.username: get_user_model().objects.get(username=spec.username) for spec in DEMO_USERS
    }
    titles = {key: c.AGENDA[key][2][1] for key in {r[1] for r in c.PROJECT_REVIEWS}}
    items = {
        key: AgendaItem.objects.get(track__working_group=group, title_en=title)
        for key, title in titles.items()
    }
    _build_reviews(users, items)


def _add_review_titles_to_existing(group: WorkingGroup) -> None:
    """Give the demo reviews of a demo loaded before their titles were bilingual their
    Korean titles (once: the migration kept the English one, the Korean half was empty)."""
    for _user, _item, (ko, en), *_rest in c.PROJECT_REVIEWS:
        for review in ProjectReview.objects.filter(working_group=group, title_en=en, title_ko=""):
            records.update(None, review, texts={"title": (ko, en)})


def _add_zones_to_existing(group: WorkingGroup) -> None:
    """Give a demo loaded before time zones existed its real zones (once): its meetings
    were stored as the right instants, and only lack the zone they were held in."""
    specs: dict[str, dict[str, Any]] = c.MEETINGS
    for spec in specs.values():
        meeting = Meeting.objects.filter(
            series__working_group=group, title_en=spec["title"][1], time_zone="UTC"
        ).first()
        if meeting is not None:
            # Fills in a fact the older database lacked; the instant, the record itself,
            # stays. A queryset update, so locked minutes' freeze (on saves) lets it in.
            with transaction.atomic():
                Meeting.objects.filter(pk=meeting.pk).update(time_zone=spec["time_zone"])
                record(None, "change", meeting, {"time_zone": spec["time_zone"]})
    for code, name in c.SIDE_ZONES.items():
        Member.objects.filter(
            user__username__in=[u.username for u in DEMO_USERS if u.side == code],
            time_zone="",
        ).update(time_zone=name)


def load() -> bool:
    """Load the demo group once; later runs only reset the demo accounts. True if created."""
    with transaction.atomic():
        group = WorkingGroup.objects.filter(name_en=GROUP_NAME_EN).first()
        if group is not None:
            for spec in DEMO_USERS:
                _ensure_account(spec)
            _add_reviews_to_existing(group)
            _add_review_titles_to_existing(group)
            _add_zones_to_existing(group)
            _add_projects_to_existing(group)
            return False
        group, sides, ministries = _build_group()
        users = _build_members(group, sides, ministries)
        items = _build_agenda(users)
        built = _build_meetings(users, items)
        # Outcomes before the minutes: approving them locks what the meeting recorded.
        _build_outcomes(users, items, built)
        _build_stale_translation(users)
        _build_minutes(users, built)
        _build_log(users, items, built)
        _build_reviews(users, items)
        _build_projects(users, items, built)
    return True


def current_codes() -> list[tuple[str, str]]:
    """Return (username, current TOTP code) for every demo user."""
    return [(spec.username, pyotp.TOTP(spec.totp_secret).now()) for spec in DEMO_USERS]
