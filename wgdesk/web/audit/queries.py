"""Reading the audit chain: verification of every link."""

from __future__ import annotations

from dataclasses import dataclass

from wgdesk.web.audit.chain import GENESIS, event_hash
from wgdesk.web.audit.models import AuditEvent


@dataclass(frozen=True)
class ChainProblem:
    """One broken link: the event id and what is wrong with it."""

    event_id: int
    reason: str


def _payload(event: AuditEvent) -> dict[str, object]:
    """Return the hashed fields of a stored event, in the form they were hashed."""
    at = event.at.isoformat()
    return {
        "at": at,
        "actor_id": event.actor_id,
        "actor": event.actor,
        "verb": event.verb,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "working_group_id": event.working_group_id,
        "side_id": event.side_id,
        "data": event.data,
    }


def verify_chain() -> tuple[int, list[ChainProblem]]:
    """Recompute every hash in order; return the event count and every broken link."""
    problems: list[ChainProblem] = []
    expected_prev = GENESIS
    count = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        count += 1
        if event.prev_hash != expected_prev:
            problems.append(
                ChainProblem(event.id, "previous-hash link broken (row removed or reordered)")
            )
        if event_hash(event.prev_hash, _payload(event)) != event.hash:
            problems.append(ChainProblem(event.id, "content does not match its hash (row altered)"))
        expected_prev = event.hash
    return count, problems
