"""Reads of notes and files hung on a record, through the policy (one query each)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from wgdesk.web import policy
from wgdesk.web.attachments.forms import UploadForm
from wgdesk.web.attachments.models import Attachment
from wgdesk.web.notes.forms import NoteForm
from wgdesk.web.notes.models import Note


def _on(model: type[models.Model], target: models.Model) -> models.QuerySet[Any]:
    """Every note or attachment on one record (before the policy filters them)."""
    content_type = ContentType.objects.get_for_model(type(target))
    return model._default_manager.filter(
        target_type=content_type, target_id=target.pk
    ).select_related("created_by", "side")


def on_record(user: Any, model: type[models.Model], target: models.Model) -> models.QuerySet[Any]:
    """Notes or attachments on one record that the user may see."""
    return policy.visible(user, _on(model, target))


def panel(user: Any, target: models.Model) -> dict[str, Any]:
    """Context of the notes-and-files panel shown under a record."""
    member = policy.member_of(user)
    can_write = policy.can(user, policy.Cap.EDIT)
    clearance = member.clearance if member else 0
    return {
        "target": target,
        "target_label": target._meta.label,
        # A list read through the policy: each note's "Edit" check needs no query of its own.
        "notes": policy.visible_list(user, _on(Note, target)),
        "attachments": on_record(user, Attachment, target),
        "note_form": NoteForm(clearance=clearance) if can_write else None,
        "upload_form": UploadForm(clearance=clearance) if can_write else None,
    }
