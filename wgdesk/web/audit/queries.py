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


def head() -> tuple[int, str] | None:
    """Return the newest event's id and hash: the anchor to keep outside the database."""
    newest = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    return (newest[0], newest[1]) if newest else None


def check_anchor(event_id: int, expected_hash: str) -> ChainProblem | None:
    """An anchor taken earlier must still be in the chain with the same hash.

    The chain alone cannot show that its newest events were cut off; an anchor kept
    elsewhere (a printed head, a daily copy) can.
    """
    found = AuditEvent.objects.filter(id=event_id).values_list("hash", flat=True).first()
    if found is None:
        return ChainProblem(event_id, "anchored event is missing (the chain was truncated)")
    if found != expected_hash:
        return ChainProblem(event_id, "anchored event has a different hash (chain rewritten)")
    return None
