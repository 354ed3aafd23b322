"""Watching the list store for a change of its active versions (`wgdesk rescreen --watch`).

The check is one read-only SQLite query over the store's small ``active_versions`` table:
which version of each source is active, by store id and content hash. That pair is what
the desk records with each screening, so a change of it is exactly what makes records
stale. Pure Python: no Django; the desk passes in what to do when the lists change.
"""

from __future__ import annotations

import signal
import sqlite3
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from wgdesk.screening.lists.errors import StoreError

ActiveKey = tuple[tuple[int, str], ...]  # (store id, content hash) of each active version

_ACTIVE = """
    SELECT a.version_id, v.sha256
    FROM active_versions a JOIN list_versions v ON v.id = a.version_id
    ORDER BY a.version_id
"""


def active_key(path: Path) -> ActiveKey:
    """Return the store's active versions as (id, sha256) pairs; () when there is no store."""
    if not path.exists():
        return ()
    try:
        # Read-only: the watcher never creates, migrates or locks the store for writing.
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        try:
            rows = db.execute(_ACTIVE).fetchall()
        finally:
            db.close()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: cannot read the list store: {error}") from None
    return tuple((int(row[0]), str(row[1])) for row in rows)


def pause(stop: threading.Event, seconds: float) -> bool:
    """Sleep until the next check or until asked to stop; True when asked to stop."""
    return stop.wait(seconds)


def watch(
    path: Path,
    on_change: Callable[[], None],
    *,
    interval: float,
    stop: threading.Event,
    max_runs: int | None = None,
) -> int:
    """Call ``on_change`` at start and whenever the active versions change, until ``stop``.

    A run that fails is reported on stderr and tried again at the next check (the state it
    was meant for is not marked done). Returns the number of runs that finished.
    """
    seen: ActiveKey | None = None  # None: nothing done yet, so the first check runs
    runs = 0
    while not stop.is_set() and (max_runs is None or runs < max_runs):
        key: ActiveKey | None
        try:
            key = active_key(path)
        except StoreError as error:  # e.g. a store being restored: look again later
            print(f"rescreen: {error}", file=sys.stderr)
            key = seen
        if key != seen and _ran(on_change):
            seen = key
            runs += 1
            continue  # count it, then look again at once: the lists may have moved on
        if pause(stop, interval):
            break
    return runs


def _ran(on_change: Callable[[], None]) -> bool:
    """Run the callback; a failure is printed with its traceback and reported as False."""
    try:
        on_change()
    except Exception:  # a long-lived worker outlives a failed run (database or cluster down)
        print("rescreen: the run failed; trying again at the next check", file=sys.stderr)
        traceback.print_exc(file=sys.stderr)
        return False
    return True


@contextmanager
def stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Set ``stop`` on SIGTERM or SIGINT for the block (the main thread's handlers)."""

    def handle(number: int, frame: FrameType | None) -> None:
        stop.set()

    saved = {sig: signal.signal(sig, handle) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


__all__ = ["ActiveKey", "active_key", "pause", "stop_on_signals", "watch"]
