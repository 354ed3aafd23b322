"""Process-wide tuning that belongs to the entry points (CLI, desk, API, workers), not the engine.

The engine (``wgdesk.screening``, ``wgdesk.rules``) never touches process-wide state: it
may run inside a web server's thread, a notebook or a Dask worker, whose owners decide how
the garbage collector runs. Our own entry points know their workload and decide here:

- :func:`gc_paused` while building many small acyclic objects (loading a list, building a
  screening index): the cyclic collector's scans of them free nothing;
- :func:`keep_out_of_collection` once a long-lived index is built: ``gc.freeze()`` moves
  every object then alive out of the collector's scans (a full scan of the UN + OFAC
  index took 0.3 s and came every few thousand queries, freeing nothing; the index holds
  no reference cycles, so reference counting still frees it, a test checks);
- :func:`batch_collection` while screening a batch: the first collection threshold is
  raised (the collector still runs), and restored when the last running batch ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between the cyclic collector's passes during a batch (Python's default: 700),
# and young passes between two passes over the older objects (default: 10). What a batch
# keeps alive is the engine's caches, which each pass scans and none frees: measured on a
# bulk run, 20,000 and 10 spent 5.6% of its time in the collector, 50,000 and 50 half that.
BATCH_COLLECTION_THRESHOLD = 50000
BATCH_OLDER_THRESHOLD = 50

_batches = 0  # batches running in this process, across threads and generators
_lock = threading.Lock()
_threshold_before: tuple[int, int, int] = (700, 10, 10)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector while building many small acyclic objects."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def keep_out_of_collection() -> None:
    """Move every object alive now (a freshly built index) out of the collector's scans."""
    gc.freeze()


@contextmanager
def batch_collection() -> Iterator[None]:
    """Let the cyclic collector run less often while batches of queries are screened.

    Screening allocates many short-lived containers and no reference cycles (tested), so
    the collector's frequent passes find nothing: about a tenth of a bulk run at Python's
    default thresholds. The young and the middle generations' thresholds are raised (the
    collector still runs). Batches in several threads or interleaved generators are
    counted; the thresholds come back when the last one ends.
    """
    global _batches, _threshold_before
    with _lock:
        if _batches == 0:
            _threshold_before = gc.get_threshold()
            first, older, oldest = _threshold_before
            gc.set_threshold(
                max(first, BATCH_COLLECTION_THRESHOLD), max(older, BATCH_OLDER_THRESHOLD), oldest
            )
        _batches += 1
    try:
        yield
    finally:
        with _lock:
            _batches -= 1
            if _batches == 0:
                gc.set_threshold(*_threshold_before)
