"""One Screener per process over the list store's active versions, rebuilt when they change.

Building a Screener indexes every list name (a few seconds for UN + OFAC), so the desk
builds it once, on first use, and shares it between requests and threads. Each request
first reads which versions are active (one small SQLite query); when that differs from
what the cached Screener was built on (`wgdesk lists fetch`, `load` or `activate` ran
meanwhile), the next request rebuilds it. Screening itself only reads the index, so
requests use the shared Screener without a lock.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wgdesk import config
from wgdesk.runtime import gc_paused, keep_out_of_collection
from wgdesk.screening.lists.errors import StoreError
from wgdesk.screening.results import Thresholds
from wgdesk.screening.screener import Screener
from wgdesk.screening.store import STORE_FILE, SqliteListStore, StoredVersion

Key = tuple[str, tuple[tuple[int, str], ...]]


@dataclass(frozen=True)
class StoreState:
    """The active list versions of the store (metadata only), or why it cannot be read."""

    path: str
    versions: tuple[StoredVersion, ...] = ()
    problem: str | None = None

    @property
    def key(self) -> Key:
        """What identifies the lists a Screener was built on: the store and its versions."""
        return self.path, tuple((v.id, v.sha256) for v in self.versions)

    @property
    def empty(self) -> bool:
        """True when there is no list to screen against."""
        return not self.versions

    def labels(self) -> list[str]:
        """The versions as the rules engine names them ("un 2025-04-19")."""
        return [f"{v.source} {v.version}" for v in self.versions]

    def described(self) -> list[dict[str, str]]:
        """The versions as stored with a saved review: source, version and content hash."""
        return [
            {"source": v.source, "version": v.version, "sha256": v.sha256} for v in self.versions
        ]


def store_path() -> Path:
    """The list store of the configured data folder (the path only: nothing is created)."""
    return Path(config.get("data_dir")).expanduser() / STORE_FILE


def store_state() -> StoreState:
    """Read the store's active versions; a missing store is an empty one, not created."""
    path = store_path()
    if not path.exists():
        return StoreState(str(path))
    try:
        with SqliteListStore(path) as store:
            return StoreState(str(path), tuple(store.active_versions()))
    except StoreError as error:
        return StoreState(str(path), problem=str(error))


def build_screener(state: StoreState) -> Screener:
    """Index exactly the versions the state names (not whatever is active by now).

    The desk process decides how its collector runs (wgdesk/runtime.py): paused while the
    index is built, which holds no cycles, and the index kept out of later scans.
    """
    with gc_paused(), SqliteListStore(Path(state.path)) as store:
        screener = Screener([store.load(v.id) for v in state.versions])
    keep_out_of_collection()
    return screener


class ScreenerCache:
    """Holds the Screener of the latest store state; builds it at most once per state."""

    def __init__(self, build: Callable[[StoreState], Screener] = build_screener) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._key: Key | None = None
        self._screener: Screener | None = None

    def get(self) -> tuple[Screener | None, StoreState]:
        """Return the Screener over the active lists (None when there are none), and the state."""
        state = store_state()
        if state.empty:
            return None, state
        # One builder at a time: requests arriving during a build wait for it rather than
        # indexing the same lists in parallel.
        with self._lock:
            if self._key != state.key or self._screener is None:
                self._screener = None  # let the old index go before building the new one
                self._screener = self._build(state)
                self._key = state.key
            return self._screener, state


_CACHE = ScreenerCache()


def current() -> tuple[Screener | None, StoreState]:
    """The process's Screener over the store's active lists, and the store state."""
    return _CACHE.get()


def with_thresholds(screener: Screener, thresholds: Thresholds | None) -> Screener:
    """The same index with other thresholds for one request (the index is shared, not copied)."""
    if thresholds is None:
        return screener
    variant = copy.copy(screener)
    variant.thresholds = thresholds
    return variant
