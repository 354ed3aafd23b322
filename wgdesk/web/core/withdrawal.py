"""Withdrawing a record: a soft delete with a reason, audited, never undone.

The row stays (with who, when and why) so those who could see it still see that it was
withdrawn and the audit chain keeps pointing at something. A withdrawn record is no
longer live content: search leaves it out, exports leave it out, it takes no new notes,
files or edits, and a withdrawn file is no longer served. A record that locked minutes
record (a decision of that meeting) can only change by an amendment, so withdrawing it
is refused like any other change (``RecordFrozen``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from wgdesk.web.audit.actions import record

M = TypeVar("M", bound=models.Model)

# The kinds of record that can be withdrawn.
WITHDRAWABLE = (
    "agenda.AgendaItem",
    "decisions.Decision",
    "notes.Note",
    "attachments.Attachment",
)
REASON_MAX = 2000
_LOGGED_REASON = 500


class AlreadyWithdrawn(Exception):
    """The record was withdrawn before (by this request or another)."""


def is_withdrawable(obj: models.Model) -> bool:
    """True for a kind of record that can be withdrawn and has not been yet."""
    return obj._meta.label in WITHDRAWABLE and getattr(obj, "withdrawn_at", None) is None


def withdraw(actor: Any, obj: M, reason: str) -> M:
    """Withdraw a record once, with a non-empty reason; log "withdraw" with the reason."""
    from wgdesk.web.minutes import freeze  # the minutes app loads after core

    reason = reason.strip()
    if not reason:
        raise ValueError("a withdrawal needs a reason")
    if obj._meta.label not in WITHDRAWABLE:
        raise ValueError(f"{obj._meta.label} records cannot be withdrawn")
    model = type(obj)
    with transaction.atomic():
        lookup = freeze.MEETING_OF.get(obj._meta.label)
        if lookup is not None:
            freeze.ensure_open(getattr(obj, lookup))
        # A conditional UPDATE: of two concurrent withdrawals only one changes the row.
        fields = {
            "withdrawn_at": timezone.now(),
            "withdrawn_by": actor.member,
            "withdrawal_reason": reason[:REASON_MAX],
        }
        if not model._default_manager.filter(pk=obj.pk, withdrawn_at__isnull=True).update(**fields):
            raise AlreadyWithdrawn(f"{obj._meta.label} {obj.pk} is already withdrawn")
        for name, value in fields.items():
            setattr(obj, name, value)
        record(actor, "withdraw", obj, {"reason": reason[:_LOGGED_REASON]})
    return obj


def live(rows: QuerySet[M]) -> QuerySet[M]:
    """The rows that are live content: not withdrawn (every row of a kind that cannot be)."""
    if rows.model._meta.label not in WITHDRAWABLE:
        return rows
    return rows.filter(withdrawn_at__isnull=True)
