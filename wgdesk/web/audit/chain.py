"""The hash rule of the audit chain: pure functions, shared by writing and verifying."""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "at",
    "actor_id",
    "actor",
    "verb",
    "object_type",
    "object_id",
    "working_group_id",
    "side_id",
    "data",
)


def canonical_json(value: Any) -> str:
    """Serialise with sorted keys, no spaces and raw Unicode, so equal data hashes equally."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def event_hash(prev_hash: str, payload: dict[str, Any]) -> str:
    """Return sha256 over the previous hash and the canonical JSON of the event's fields."""
    body = canonical_json({name: payload[name] for name in HASHED_FIELDS})
    return hashlib.sha256(f"{prev_hash}\n{body}".encode()).hexdigest()
