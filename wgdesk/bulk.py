"""Bulk screening on a Dask ``distributed`` cluster: millions of names, in input order.

The client names the list versions once, as a :class:`ListBundle` (every entry in the
store's compact form, with a SHA-256 over it all). The bundle is broadcast to every
worker; a worker checks the bundle it received against the digest the client named and
builds its index once per digest (kept for the process's life, so later partitions and
later runs against the same lists reuse it). Rules:

- input is read in partitions of ``partition_size`` records, never all at once: at most
  ``in_flight`` partitions are out on the cluster at a time;
- each partition is one task with a key of its own, and results are written strictly in
  input order, each partition exactly once (a finished partition is held until all those
  before it are written);
- a worker that dies takes its running partitions with it: the scheduler runs them again
  elsewhere (``allowed-failures`` times), and the client still receives one result per
  key. So a killed worker costs a retry, never a lost or duplicated row;
- a bad record becomes an error object, as in ``wgdesk screen`` (contracts.md §1).

Pure Python: no Django. ``wgdesk screen --dask ADDRESS`` / ``--workers N`` drive it.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from wgdesk.screening.lists.serialize import decode_entry, encode_entry
from wgdesk.screening.model import ListVersion
from wgdesk.screening.results import Thresholds

if TYPE_CHECKING:
    from distributed import Client, Future

    from wgdesk.cli.screen_io import Record
    from wgdesk.screening.screener import Screener

PARTITION_SIZE = 2000  # records per task: seconds of work, small next to a task's overhead
Result = dict[str, Any]


class BulkError(Exception):
    """A bulk run that cannot go on: the cluster is unreachable or the lists do not verify."""


@dataclass(frozen=True, slots=True)
class PackedVersion:
    """One list version with its entries packed (compressed JSON lines of the store's form)."""

    source: str
    version: str
    sha256: str  # of the file(s) the version was loaded from
    origin: str
    warnings: tuple[str, ...]
    packed: bytes


@dataclass(frozen=True, slots=True)
class ListBundle:
    """The list versions a run screens against, as the workers receive them."""

    versions: tuple[PackedVersion, ...]

    @classmethod
    def pack(cls, versions: Sequence[ListVersion]) -> ListBundle:
        """Pack parsed list versions for the workers."""
        return cls(tuple(_pack_version(v) for v in versions))

    @property
    def digest(self) -> str:
        """Return the SHA-256 over every version's identity and packed entries."""
        digest = hashlib.sha256()
        for packed in self.versions:
            head = [packed.source, packed.version, packed.sha256, len(packed.packed)]
            digest.update(json.dumps(head).encode())
            digest.update(packed.packed)
        return digest.hexdigest()

    def labels(self) -> list[str]:
        """Return "source@version" for each version, as the CLI names them."""
        return [f"{v.source}@{v.version}" for v in self.versions]

    def unpack(self) -> list[ListVersion]:
        """Return the parsed list versions."""
        return [_unpack_version(v) for v in self.versions]


def _pack_version(version: ListVersion) -> PackedVersion:
    """Pack one version's entries in the list store's compact JSON form."""
    text = "\n".join(encode_entry(entry) for entry in version.entries)
    return PackedVersion(
        version.source,
        version.version,
        version.sha256,
        version.origin,
        version.warnings,
        zlib.compress(text.encode("utf-8"), 6),
    )


def _unpack_version(packed: PackedVersion) -> ListVersion:
    """Rebuild one version from its packed entries."""
    text = zlib.decompress(packed.packed).decode("utf-8")
    lines = text.split("\n") if text else []
    return ListVersion(
        source=packed.source,
        version=packed.version,
        sha256=packed.sha256,
        origin=packed.origin,
        entries=tuple(decode_entry(packed.source, line) for line in lines),
        warnings=packed.warnings,
    )


@dataclass(frozen=True, slots=True)
class Task:
    """What every partition of a run is screened with."""

    digest: str  # the bundle's SHA-256, as the client computed it
    thresholds: Thresholds
    limit: int
    lang: str = "en"  # the language of the added explanation_ko field (en adds none)
    reasons: bool = False  # add each match's reason codes


# Worker side: one screener per bundle digest, per process.
_screeners: dict[tuple[str, Thresholds], Screener] = {}
_build_lock = threading.Lock()
BUILDS: list[str] = []  # digests this process built an index for (tests count them)


def worker_screener(bundle: ListBundle, task: Task) -> Screener:
    """Return this process's screener for the bundle, building it once after checking it."""
    with _build_lock:  # a worker with several threads still builds one index
        key = (task.digest, task.thresholds)  # the thresholds are the screener's own
        screener = _screeners.get(key)
        if screener is None:
            screener = _build(bundle, task)
            _screeners.clear()  # one index per process: an older run's lists are dropped
            _screeners[key] = screener
            BUILDS.append(task.digest)
    return screener


def _build(bundle: ListBundle, task: Task) -> Screener:
    """Check the bundle against the named digest, then index its versions."""
    from wgdesk.runtime import gc_paused, keep_out_of_collection
    from wgdesk.screening.screener import Screener

    found = bundle.digest
    if found != task.digest:
        raise BulkError(
            f"the list versions received do not match the ones named: content hash {found[:12]}"
            f" is not {task.digest[:12]}"
        )
    with gc_paused():
        screener = Screener(bundle.unpack(), task.thresholds)
    keep_out_of_collection()  # the index lives as long as the worker
    return screener


def screen_partition(bundle: ListBundle, task: Task, records: list[Record]) -> list[Result]:
    """Screen one partition of records on a worker; one contract object per record, in order."""
    from wgdesk.cli.screen_io import screen_record
    from wgdesk.runtime import batch_collection

    screener = worker_screener(bundle, task)
    with batch_collection():
        return [
            screen_record(screener, record, task.limit, task.lang, task.reasons)
            for record in records
        ]


def worker_builds() -> list[str]:
    """Return the digests this worker process built an index for (run on each worker)."""
    return list(BUILDS)


def worker_memory() -> int:
    """Return this worker process's resident memory in bytes."""
    import psutil

    return int(psutil.Process().memory_info().rss)


# Client side.


def partitions(records: Iterable[Record], size: int) -> Iterator[list[Record]]:
    """Cut a stream of records into lists of at most ``size``, reading lazily."""
    iterator = iter(records)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


@dataclass
class Progress:
    """Counts of a bulk run, passed to the progress callback after each written partition."""

    records: int = 0
    partitions: int = 0
    finished: bool = False  # set on the last call: every record is written


def screen_bulk(
    client: Client,
    records: Iterable[Record],
    versions: Sequence[ListVersion],
    *,
    thresholds: Thresholds,
    limit: int = 10,
    partition_size: int = PARTITION_SIZE,
    in_flight: int | None = None,
    on_progress: Callable[[Progress], None] | None = None,
    lang: str = "en",
    reasons: bool = False,
) -> Iterator[Result]:
    """Screen records on the cluster; yield one contract object per record, in input order."""
    bundle = ListBundle.pack(versions)
    task = Task(bundle.digest, thresholds, limit, lang, reasons)
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    window = in_flight or max(4, 3 * workers)
    shared = client.scatter(bundle, broadcast=True, hash=False)
    run = uuid.uuid4().hex[:12]
    pending: dict[int, Future[list[Result]]] = {}
    progress = Progress()
    chunks = enumerate(partitions(records, partition_size))
    next_out = 0
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < window:
                item = next(chunks, None)
                if item is None:
                    exhausted = True
                    break
                number, chunk = item
                pending[number] = client.submit(
                    screen_partition, shared, task, chunk, key=f"wgdesk-screen-{run}-{number}"
                )
            if next_out not in pending:
                return
            # Results leave in input order: wait for the oldest partition out.
            results = _result(pending.pop(next_out), next_out, partition_size)
            next_out += 1
            yield from results
            progress.records += len(results)
            progress.partitions += 1
            progress.finished = exhausted and not pending
            if on_progress is not None:
                on_progress(progress)
    finally:
        for future in pending.values():
            future.cancel()
        shared.release()


def _result(future: Future[list[Result]], number: int, size: int) -> list[Result]:
    """Wait for one partition; a partition that keeps killing workers stops the run clearly."""
    from distributed import KilledWorker

    try:
        return future.result()
    except KilledWorker:
        first = number * size + 1
        raise BulkError(
            f"the partition of records {first}-{first + size - 1} killed its workers every "
            "time it ran (out of memory?); stopped: the output ends before it"
        ) from None


def connect(address: str | None, workers: int | None, threads: int = 1) -> Client:
    """Connect to a scheduler at ``address``, or start a LocalCluster of ``workers`` processes."""
    from distributed import Client

    try:
        if address is not None:
            return Client(address, timeout="10s")
        # A client given no address starts a LocalCluster of its own and stops it on close.
        return Client(
            n_workers=workers or 1,
            threads_per_worker=threads,  # screening holds the GIL: one thread per process
            processes=True,
            dashboard_address=":0",  # a free port: never in the way of another cluster
            host="127.0.0.1",
        )
    except (OSError, TimeoutError) as error:
        raise BulkError(f"cannot reach the Dask scheduler {address}: {error}") from None


__all__ = [
    "PARTITION_SIZE",
    "BulkError",
    "ListBundle",
    "Progress",
    "Task",
    "connect",
    "partitions",
    "screen_bulk",
    "screen_partition",
    "worker_builds",
    "worker_memory",
    "worker_screener",
]
