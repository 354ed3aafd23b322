"""The minutes lifecycle: draft → submitted → approved by each side → locked."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from wgdesk.web.audit.actions import record
from wgdesk.web.core.bilingual import next_stale
from wgdesk.web.groups.models import Side
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.models import (
    Amendment,
    Minutes,
    MinutesApproval,
    MinutesRevision,
    MinutesStatus,
)
from wgdesk.web.notifications import actions as notifications


class EditConflict(Exception):
    """Someone saved the minutes since the editor loaded them, or they left draft."""

    def __init__(self, current: Minutes) -> None:
        super().__init__(f"minutes {current.pk} are now at revision {current.revision}")
        self.current = current


class WrongState(Exception):
    """The minutes are not in the state the step needs."""


def start(user: Any, meeting: Meeting, classification: int = 0) -> Minutes:
    """Return the meeting's minutes, opening an empty draft the first time."""
    with transaction.atomic():
        minutes, created = Minutes.objects.get_or_create(
            meeting=meeting, defaults={"classification": classification}
        )
        if created:
            record(user, "create", minutes, {"classification": classification})
    return minutes


def save(user: Any, minutes: Minutes, base_revision: int, ko: str, en: str) -> Minutes:
    """Save both texts if nobody saved since ``base_revision``; else raise EditConflict."""
    body = minutes.body
    stale = next_stale(body.ko, body.en, ko, en, body.stale)
    with transaction.atomic():
        # Optimistic lock: the row changes only if it is still at the editor's revision.
        updated = Minutes.objects.filter(
            pk=minutes.pk, revision=base_revision, status=MinutesStatus.DRAFT
        ).update(
            body_ko=ko,
            body_en=en,
            body_stale=stale,
            revision=F("revision") + 1,
            updated_at=timezone.now(),
        )
        if updated != 1:
            raise EditConflict(Minutes.objects.get(pk=minutes.pk))
        minutes.refresh_from_db()
        MinutesRevision.objects.create(
            minutes=minutes, number=minutes.revision, body_ko=ko, body_en=en, author=user.member
        )
        record(user, "change", minutes, {"revision": minutes.revision})
    return minutes


def _transition(user: Any, minutes: Minutes, source: str, target: str, verb: str) -> Minutes:
    """Move the minutes from one status to another, refusing if they are elsewhere."""
    with transaction.atomic():
        moved = Minutes.objects.filter(pk=minutes.pk, status=source).update(status=target)
        if moved != 1:
            raise WrongState(verb)
        minutes.refresh_from_db()
        record(user, verb, minutes, {"revision": minutes.revision})
    return minutes


def submit(user: Any, minutes: Minutes) -> Minutes:
    """Send a draft to both sides for approval."""
    if not (minutes.body.ko.strip() or minutes.body.en.strip()):
        raise WrongState("empty")
    minutes = _transition(user, minutes, MinutesStatus.DRAFT, MinutesStatus.SUBMITTED, "submit")
    notifications.minutes_awaiting(minutes)
    return minutes


def reopen(user: Any, minutes: Minutes) -> Minutes:
    """Take submitted minutes back to draft; approvals given so far no longer count."""
    with transaction.atomic():
        minutes = _transition(user, minutes, MinutesStatus.SUBMITTED, MinutesStatus.DRAFT, "reopen")
        minutes.approvals.all().delete()
    return minutes


def approve(user: Any, minutes: Minutes) -> Minutes:
    """Approve for the user's side; when every side has approved, lock the minutes."""
    member = user.member
    with transaction.atomic():
        current = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if current.status != MinutesStatus.SUBMITTED:
            raise WrongState("approve")
        MinutesApproval.objects.create(
            minutes=current, side_id=member.side_id, member=member, revision=current.revision
        )
        record(user, "approve", current, {"side": member.side_id, "revision": current.revision})
        sides = Side.objects.filter(working_group_id=member.working_group_id).count()
        if current.approvals.count() >= sides:
            Minutes.objects.filter(pk=current.pk).update(
                status=MinutesStatus.LOCKED, locked_at=timezone.now()
            )
            record(user, "lock", current, {"revision": current.revision})
        current.refresh_from_db()
        if current.status == MinutesStatus.SUBMITTED:
            notifications.minutes_awaiting(current)  # the other side is now the one awaited
    return current


def _withdrawn(minutes: Minutes) -> list[dict[str, Any]]:
    """The approvals an amendment withdraws, as facts the amendment keeps."""
    rows = minutes.approvals.select_related("side", "member").order_by("side_id")
    return [
        {
            "side": a.side.code,
            "member": str(a.member),
            "revision": a.revision,
            "approved_at": a.approved_at.isoformat(),
        }
        for a in rows
    ]


def amend(user: Any, minutes: Minutes, reason: str) -> Amendment:
    """Reopen locked minutes as a new draft revision, for a stated reason: both approvals
    are withdrawn (and kept on the amendment), the change is audited and both sides told."""
    reason = reason.strip()
    if not reason:
        raise WrongState("reason")
    with transaction.atomic():
        current = Minutes.objects.select_for_update().get(pk=minutes.pk)
        if current.status != MinutesStatus.LOCKED:
            raise WrongState("amend")
        amendment = Amendment.objects.create(
            minutes=current,
            number=current.amendments.count() + 1,
            reason=reason,
            proposed_by=user.member,
            locked_revision=current.revision,
            withdrawn=_withdrawn(current),
        )
        current.approvals.all().delete()
        # A new revision number: the amended text can never pass for the approved one.
        Minutes.objects.filter(pk=current.pk).update(
            status=MinutesStatus.DRAFT, locked_at=None, revision=F("revision") + 1
        )
        current.refresh_from_db()
        MinutesRevision.objects.create(
            minutes=current,
            number=current.revision,
            body_ko=current.body.ko,
            body_en=current.body.en,
            author=user.member,
        )
        record(
            user,
            "amend",
            current,
            {"amendment": amendment.number, "reason": reason[:200], "revision": current.revision},
        )
        notifications.minutes_amended(amendment)
    return amendment
