"""Listed entries as the desk shows them, and how old the active lists are.

Entries are read from the versions the shared Screener indexed, so an entry page shows
exactly the entry a hit was scored against (same version), without reading the store.
"""

from __future__ import annotations

import datetime as dt
import re
import weakref
from dataclasses import dataclass

from wgdesk import config
from wgdesk.screening.model import Entry, ListVersion
from wgdesk.screening.screener import Screener
from wgdesk.screening.store import StoredVersion

# Where a reader checks an entry against the publisher's own list. OFAC has a page per
# entry (its ent_num); the UN publishes the consolidated list as a whole, so its link is
# the list's page and the reference number is what to look up there.
OFFICIAL_LINKS = {
    "ofac": "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={ref}",
    "un": "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list",
}

_WEB_URL = re.compile(r"https?://[^\s<>\"']+\Z", re.IGNORECASE)
_LEADING_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")

_BY_UID: weakref.WeakKeyDictionary[Screener, dict[str, tuple[Entry, ListVersion]]] = (
    weakref.WeakKeyDictionary()
)


@dataclass(frozen=True)
class FoundEntry:
    """A listed entry with the version it came from and the publisher's link."""

    entry: Entry
    version: ListVersion

    @property
    def official_url(self) -> str:
        """The publisher's page for this entry (or for its list, when there is none), "" when
        unknown: an FtM list's own source URL, if it is http(s), else the known list pages."""
        own = source_url(self.entry)
        if own:
            return own
        return OFFICIAL_LINKS.get(self.entry.source, "").format(ref=self.entry.ref)

    @property
    def version_label(self) -> str:
        """The list version as the rules engine names it ("un 2025-04-19")."""
        return f"{self.version.source} {self.version.version}"


def source_url(entry: Entry) -> str | None:
    """The entry's own source URL (FtM `sourceUrl`), only when it is an http(s) address:
    a list file is untrusted and a link must never run script (``javascript:``)."""
    for key, value in entry.extra:
        if key == "source_url" and _WEB_URL.match(value):
            return value
    return None


def find_entry(screener: Screener, source: str, ref: str) -> FoundEntry | None:
    """The entry of the screener's lists with this source and reference, if any."""
    table = _BY_UID.get(screener)
    if table is None:
        # Built once per Screener (a dict over some thousands of entries), then shared.
        table = {e.uid: (e, v) for v in screener.versions for e in v.entries}
        _BY_UID[screener] = table
    found = table.get(f"{source}:{ref}")
    return None if found is None else FoundEntry(*found)


def published_on(version: StoredVersion) -> dt.date:
    """The day a list version was published: its stamp's leading date, else when it was loaded
    (an OFAC stamp such as "2021-04+f987ccca4ee1" gives its month's first day)."""
    match = _LEADING_DATE.match(version.version)
    if match:
        year, month, day = match.groups()
        try:
            return dt.date(int(year), int(month), int(day or 1))
        except ValueError:
            pass
    return dt.date.fromisoformat(version.loaded_at[:10])


def stale_versions(
    versions: tuple[StoredVersion, ...] | list[StoredVersion],
    today: dt.date,
    max_days: int | None = None,
) -> list[tuple[StoredVersion, int]]:
    """Active versions older than the configured age (list_max_age_days), with their age."""
    limit = config.get_int("list_max_age_days") if max_days is None else max_days
    aged = [(v, (today - published_on(v)).days) for v in versions]
    return [(v, days) for v, days in aged if days > limit]
