"""Locked minutes freeze what they record: the meeting's facts, agenda, attendance,
decisions and the action items raised at it (both languages). Only an amendment, which
reopens the minutes, lets those change again; an action item's progress is follow-up,
not the record, so its status stays free.

The rule is enforced twice: each action checks ``ensure_open`` before writing (clear
error, nothing half-done), and ``pre_save``/``pre_delete`` receivers refuse any model
save or delete that would change a frozen row, whatever code path tries it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.signals import pre_delete, pre_save

LOCKED = "locked"

# Fields that stay changeable on a frozen row; every other concrete field is frozen.
FOLLOW_UP: dict[str, frozenset[str]] = {
    "actionitems.ActionItem": frozenset({"status", "closed_at"}),
}
# The lookup from each frozen model to its meeting's id.
MEETING_OF: dict[str, str] = {
    "meetings.Meeting": "id",
    "meetings.AgendaEntry": "meeting_id",
    "meetings.Attendance": "meeting_id",
    "decisions.Decision": "meeting_id",
    "actionitems.ActionItem": "meeting_id",
}


class RecordFrozen(PermissionDenied):
    """The meeting's minutes are locked: what they record changes only by an amendment."""


def is_frozen(meeting_id: Any) -> bool:
    """True when the meeting's minutes are approved and locked."""
    from wgdesk.web.minutes.models import Minutes

    return (
        meeting_id is not None
        and Minutes.objects.filter(meeting_id=meeting_id, status=LOCKED).exists()
    )


def ensure_open(meeting_id: Any) -> None:
    """Raise RecordFrozen when the meeting's minutes are locked."""
    if is_frozen(meeting_id):
        raise RecordFrozen(f"the minutes of meeting {meeting_id} are locked")


def frozen_fields(obj: models.Model) -> list[str]:
    """The attribute names of a row that the lock freezes."""
    free = FOLLOW_UP.get(obj._meta.label, frozenset())
    return [f.attname for f in obj._meta.concrete_fields if f.name not in free]


def _guard_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """Refuse saving a new row on a frozen meeting, or changing a frozen field of one."""
    if kwargs.get("raw"):
        return  # fixtures load history as it was
    lookup = MEETING_OF[sender._meta.label]
    new_meeting = getattr(instance, lookup)
    old = sender._default_manager.filter(pk=instance.pk).first() if instance.pk else None
    if old is None:
        ensure_open(new_meeting)
        return
    changed = [
        name for name in frozen_fields(instance) if getattr(old, name) != getattr(instance, name)
    ]
    if changed:
        ensure_open(getattr(old, lookup))
        ensure_open(new_meeting)


def _guard_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """Refuse deleting a row of a frozen meeting (a meeting itself included)."""
    ensure_open(getattr(instance, MEETING_OF[sender._meta.label]))


def _guard_minutes(sender: type[models.Model], instance: Any, **kwargs: Any) -> None:
    """Refuse changing the text or marking of locked minutes through a model save."""
    if kwargs.get("raw") or not instance.pk:
        return
    old: Any = sender._default_manager.filter(pk=instance.pk).first()
    if old is None or old.status != LOCKED:
        return
    fields = ("body_ko", "body_en", "body_stale", "classification", "meeting_id", "revision")
    if any(getattr(old, name) != getattr(instance, name) for name in fields):
        raise RecordFrozen(f"minutes {instance.pk} are locked")


def connect() -> None:
    """Connect the guards to every frozen model (called once, from the app's ready())."""
    from django.apps import apps

    for label in MEETING_OF:
        model = apps.get_model(label)
        pre_save.connect(_guard_save, sender=model, dispatch_uid=f"freeze-save-{label}")
        pre_delete.connect(_guard_delete, sender=model, dispatch_uid=f"freeze-delete-{label}")
    minutes = apps.get_model("minutes.Minutes")
    pre_save.connect(_guard_minutes, sender=minutes, dispatch_uid="freeze-save-minutes")
