"""State changes of notes."""

from __future__ import annotations

from typing import Any

from django.db import models

from wgdesk.web.core import records
from wgdesk.web.core.attached import inherited_scope
from wgdesk.web.notes.models import Note


def add_note(
    user: Any, target: models.Model, body: str, visibility: str, classification: int
) -> Note:
    """Add a note to a record, scoped no wider than the record."""
    scope = inherited_scope(user, target, visibility, classification)
    return records.create(user, Note, body=body, **scope)


def edit_note(user: Any, note: Note, body: str) -> Note:
    """Change a note's text (its scope stays as created)."""
    return records.update(user, note, body=body)
