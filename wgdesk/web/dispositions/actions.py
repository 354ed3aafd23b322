"""Recording a disposition: stored for the reviewer's side and audited with it."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wgdesk.web.audit.actions import record
from wgdesk.web.dispositions.entries import FoundEntry
from wgdesk.web.dispositions.models import Disposition, name_key
from wgdesk.web.projects.rescreen import resolve_flags


def dispose(user: Any, name: str, found: FoundEntry, verdict: str, reason: str) -> Disposition:
    """Keep one disposition of a hit; the audit event stays with the reviewer's side."""
    member = user.member
    disposition = Disposition(
        working_group_id=member.working_group_id,
        side_id=member.side_id,
        created_by=member,
        name=name,
        name_key=name_key(name),
        source=found.entry.source,
        ref=found.entry.ref,
        entry_name=found.entry.name[:500],
        list_version=found.version_label[:200],
        verdict=verdict,
        reason=reason,
    )
    with transaction.atomic():
        disposition.save()
        # Like a screening run's, the event names the entry and the verdict, not the
        # screened name: the disposition row itself keeps the name and the reason.
        facts = {
            "entry": found.entry.uid,
            "verdict": verdict,
            "list": disposition.list_version,
        }
        record(user, "dispose", disposition, facts)
        # A disposition settles the re-screening flags this hit raised on projects and
        # saved reviews, so their next step is no longer held (projects/rescreen.py).
        resolve_flags(member.side_id, disposition.name_key, disposition.source, disposition.ref)
    return disposition
