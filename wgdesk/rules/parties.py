"""What the rules engine needs from name screening: one call per party.

The screening engine's ``wgdesk.screening.Screener`` satisfies this protocol; the
rules engine depends only on the protocol, so it can be tested and reused without a
list store.
"""

from __future__ import annotations

from typing import Protocol

from wgdesk.screening.model import EntityType
from wgdesk.screening.results import ScreeningResult

PARTY_TYPES = {
    "person": EntityType.PERSON,
    "organization": EntityType.ORGANIZATION,
    "vessel": EntityType.VESSEL,
    "aircraft": EntityType.AIRCRAFT,
}


class PartyScreener(Protocol):
    """Screens one name against sanctions lists."""

    def screen(
        self,
        name: str,
        *,
        type: EntityType | None = None,
        birth_date: str | None = None,
        nationality: str | None = None,
        country: str | None = None,
    ) -> ScreeningResult:
        """Return the decision and ranked candidates for one name."""
        ...
