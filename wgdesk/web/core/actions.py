"""Actions shared by every feature: confirming a stale translation."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction

from wgdesk.web.audit.actions import record
from wgdesk.web.core.bilingual import confirm


def confirm_translation(actor: Any, obj: models.Model, name: str) -> bool:
    """Clear a pair's stale flag after someone checked both texts; log it."""
    with transaction.atomic():
        if not confirm(obj, name):
            return False
        obj.save(update_fields=[f"{name}_stale"])
        record(actor, "confirm_translation", obj, {"field": name})
    return True
