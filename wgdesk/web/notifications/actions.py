"""Sending notifications. Event emails go out after the transaction commits, so a change
that rolls back never announces itself; reminders are logged per day so cron can rerun."""

from __future__ import annotations

import contextvars
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction

from wgdesk.web import policy
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.models import Amendment, Minutes, MinutesStatus
from wgdesk.web.notifications import mail, queries
from wgdesk.web.notifications.models import Preference, SentNotification

log = logging.getLogger(__name__)
REMINDER = "reminder"


def set_preference(user: Any, language: str, email_enabled: bool) -> Preference:
    """Store the user's email language and on/off choice."""
    preference, _ = Preference.objects.update_or_create(
        user=user, defaults={"language": language, "email_enabled": email_enabled}
    )
    return preference


def _after_commit(send: Callable[[], None]) -> None:
    """Run ``send`` once the transaction commits, in the context it was queued from: the
    address of the request being answered (core.links) goes with it for the links."""
    queued = contextvars.copy_context()
    transaction.on_commit(lambda: queued.run(send))


def _deliver(user: Any, template: str, context: dict[str, Any]) -> None:
    """Send one event email; a mail failure is logged, never undoes the committed change."""
    try:
        mail.send(user, template, context)
    except Exception:  # an SMTP outage must not turn a saved change into an error page
        log.exception("could not send %s email to user %s", template, user.pk)


def action_item_added(action: ActionItem) -> None:
    """Tell the owner of a new action item, once the transaction that made it commits."""
    _after_commit(partial(_send_assigned, action.pk))


def _send_assigned(action_id: int) -> None:
    """Email the owner, if they may see the item (its classification may exceed theirs)."""
    action = ActionItem.objects.select_related("owner__user", "meeting").filter(pk=action_id)
    found = action.first()
    if found is None:
        return
    owner = found.owner.user
    if queries.reachable(owner) and policy.can_view(owner, found):
        _deliver(owner, "action_assigned", {"action": found})


def minutes_awaiting(minutes: Minutes) -> None:
    """After a submission or a first approval, tell each side still to approve."""
    _after_commit(partial(_send_awaiting, minutes.pk))


def _send_awaiting(minutes_id: int) -> None:
    """Email the approvers of every side that has not approved these minutes yet."""
    minutes = Minutes.objects.select_related("meeting__series").filter(pk=minutes_id).first()
    if minutes is None or minutes.status != MinutesStatus.SUBMITTED:
        return
    for user in queries.approvers_awaited(minutes):
        _deliver(user, "minutes_awaiting", {"minutes": minutes, "meeting": minutes.meeting})


def minutes_amended(amendment: Amendment) -> None:
    """After an amendment reopened locked minutes, tell both sides (after commit)."""
    _after_commit(partial(_send_amended, amendment.pk))


def _send_amended(amendment_id: int) -> None:
    """Email every reachable member of the group who may read these minutes."""
    amendment = (
        Amendment.objects.select_related("minutes__meeting__series", "proposed_by")
        .filter(pk=amendment_id)
        .first()
    )
    if amendment is None:
        return
    minutes = amendment.minutes
    context = {"minutes": minutes, "meeting": minutes.meeting, "amendment": amendment}
    for user in queries.minutes_readers(minutes):
        _deliver(user, "minutes_amended", context)


def meeting_rescheduled(meeting: Meeting, template: str) -> None:
    """After a meeting was postponed or cancelled, tell both sides (after commit)."""
    _after_commit(partial(_send_rescheduled, meeting.pk, template))


def _send_rescheduled(meeting_id: int, template: str) -> None:
    """Email every reachable member of the group who may see the meeting."""
    meeting = Meeting.objects.select_related("series").filter(pk=meeting_id).first()
    if meeting is None:
        return
    for user in queries.meeting_readers(meeting):
        _deliver(user, template, {"meeting": meeting})


def project_step(project: Any, event: str) -> None:
    """After a project's workflow step, tell the co-chairs and secretariat of both sides
    who may read the project (a draft's only reach its own side: the policy decides)."""
    _after_commit(partial(_send_project_step, project.pk, event))


def _send_project_step(project_id: int, event: str) -> None:
    """Email the steering members who may see the project: its title, state and link."""
    from wgdesk.web.projects.models import Project

    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return
    for user in queries.steering_readers(project):
        _deliver(user, "project_step", {"project": project, "event": event})


def screening_flagged(flags: list[Any]) -> None:
    """After re-screening, tell both sides' secretariats of the changed decisions they may
    see (a flag on a side-only saved review reaches only that side)."""
    _after_commit(partial(_send_flags, [(f._meta.label, f.pk) for f in flags]))


def _send_flags(keys: list[tuple[str, int]]) -> None:
    """One email per secretariat member listing the flags visible to them."""
    from django.apps import apps

    flags = [apps.get_model(label).objects.get(pk=pk) for label, pk in keys]
    for user in queries.recipients():
        if not queries.reachable(user) or user.member.role != "secretariat":
            continue
        mine = [f for f in flags if policy.can_view(user, f)]
        if mine:
            _deliver(user, "screening_flagged", {"flags": mine})


@dataclass
class Reminder:
    """One reminder email: who, and the records it mentions."""

    user: Any
    actions: list[ActionItem] = field(default_factory=list)
    minutes: list[Minutes] = field(default_factory=list)
    projects: list[Any] = field(default_factory=list)  # approvals about to expire

    @property
    def keys(self) -> list[str]:
        """The log keys of the records mentioned."""
        mentioned = (*self.actions, *self.minutes, *self.projects)
        return [f"{r._meta.label}:{r.pk}" for r in mentioned]


def _sent_today(user: Any, today: date) -> set[str]:
    """Keys of records already mentioned to a user in today's reminders."""
    rows = SentNotification.objects.filter(kind=REMINDER, user=user, day=today)
    return set(rows.values_list("key", flat=True))


def pending_reminders(today: date, lead_days: int) -> list[Reminder]:
    """What each reachable user should be reminded of today and has not been yet."""
    pending = []
    for user in queries.recipients():
        if not queries.reachable(user):
            continue
        done = _sent_today(user, today)
        reminder = Reminder(user)
        due = queries.due_actions(user, today, lead_days)
        reminder.actions = [a for a in due if f"actionitems.ActionItem:{a.pk}" not in done]
        awaiting = queries.minutes_to_approve(user)
        reminder.minutes = [m for m in awaiting if f"minutes.Minutes:{m.pk}" not in done]
        expiring = queries.approvals_expiring(user, today)
        reminder.projects = [p for p in expiring if f"projects.Project:{p.pk}" not in done]
        if reminder.keys:
            pending.append(reminder)
    return pending


def _claim(reminder: Reminder, today: date) -> bool:
    """Log the reminder's records for today; False if another run logged them first."""
    try:
        with transaction.atomic():
            for key in reminder.keys:
                SentNotification.objects.create(
                    kind=REMINDER, user=reminder.user, key=key, day=today
                )
    except IntegrityError:
        return False
    return True


def _send_reminder(reminder: Reminder, today: date) -> bool:
    """Claim, then send one reminder; a failed send gives the claim back for the next run.

    The claim commits before the mail server is contacted, so no database lock is held
    while SMTP talks (SQLite has one writer at a time).
    """
    if not _claim(reminder, today):
        return False
    context = {
        "actions": reminder.actions,
        "minutes": reminder.minutes,
        "projects": reminder.projects,
        "today": today,
    }
    try:
        mail.send(reminder.user, "reminder", context)
    except Exception:
        SentNotification.objects.filter(
            kind=REMINDER, user=reminder.user, day=today, key__in=reminder.keys
        ).delete()
        raise
    return True


@dataclass
class RemindRun:
    """What one run of the reminders did."""

    sent: list[Reminder] = field(default_factory=list)
    failed: list[tuple[Reminder, str]] = field(default_factory=list)


def send_reminders(today: date, lead_days: int, dry_run: bool = False) -> RemindRun:
    """Send today's reminders (dry: only list them as sent); one failure stops no other."""
    run = RemindRun()
    for reminder in pending_reminders(today, lead_days):
        if dry_run:
            run.sent.append(reminder)
            continue
        try:
            if _send_reminder(reminder, today):
                run.sent.append(reminder)
        except Exception as error:  # the mail server refused: report it, go on with others
            log.exception("reminder to user %s failed", reminder.user.pk)
            run.failed.append((reminder, str(error)))
    return run
