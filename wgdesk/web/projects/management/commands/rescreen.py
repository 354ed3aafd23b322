"""`wgdesk manage rescreen`: screen open projects and saved reviews again on new lists.

Once (cron), or ``--watch``: a long-lived worker that looks at the list store every
``--interval`` seconds and re-screens when its active versions changed, until SIGTERM.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections, connection

from wgdesk.web.projects import rescreen
from wgdesk.web.sanctions import screeners

DEFAULT_INTERVAL = 60.0  # seconds between two looks at the store: one tiny query


class Command(BaseCommand):
    """Re-screen every record last screened against other list versions than the active."""

    help = (
        "Screen the parties of open projects and saved reviews again when the active list "
        "versions changed; flag changed decisions (run from cron after list updates, or "
        "keep running with --watch)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """The Dask options of `wgdesk screen`, and the watcher's."""
        parser.add_argument("--dask", metavar="tcp://HOST:PORT", help="Screen on this cluster.")
        parser.add_argument("--workers", type=int, help="Screen on a local cluster of N.")
        parser.add_argument("--partition-size", type=int, help="Names per Dask task.")
        parser.add_argument("--watch", action="store_true", help="Keep running; see --interval.")
        parser.add_argument("--interval", type=float, default=DEFAULT_INTERVAL)
        parser.add_argument("--max-runs", type=int, help="With --watch: stop after N runs.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Run once, or watch the list store until told to stop."""
        bulk = _bulk_options(options)
        if not options["watch"]:
            self._run_once(bulk, None)
            return
        from wgdesk.screening.watch import stop_on_signals, watch

        stop = threading.Event()
        interval = max(float(options["interval"]), 0.01)
        self.stdout.write(f"rescreen: watching {screeners.store_path()} every {interval:g}s")
        with stop_on_signals(stop):
            runs = watch(
                Path(screeners.store_path()),
                lambda: self._run_once(bulk, stop),
                interval=interval,
                stop=stop,
                max_runs=options["max_runs"],
            )
        self.stdout.write(f"rescreen: stopped after {runs} run(s)")

    def _run_once(self, bulk: rescreen.BulkOptions | None, stop: threading.Event | None) -> None:
        """One re-screening run, printed; a cluster that cannot be used is a command error."""
        from wgdesk.bulk import BulkError

        _drop_stale_connections()
        try:
            report = rescreen.run(bulk=bulk, stop=stop.is_set if stop is not None else None)
        except BulkError as error:
            raise CommandError(str(error)) from None
        finally:
            _drop_stale_connections()
        self._print(report)

    def _print(self, report: rescreen.RunReport) -> None:
        """Print what a run did, and each changed decision."""
        if report.skipped:
            self.stdout.write("rescreen: no lists in the store; nothing screened")
            return
        self.stdout.write(
            f"rescreen: {report.projects} project(s), {report.reviews} saved review(s) "
            f"screened against {report.versions}; {len(report.flags)} decision(s) changed"
        )
        for flag in report.flags:
            where = (
                f"project {flag.project_id}"
                if hasattr(flag, "project_id")
                else (f"saved review {flag.review_id}")
            )
            mark = " (newly listed: blocks the next step)" if flag.blocking else ""
            self.stdout.write(
                f"  {where}: {flag.party}: {flag.old_decision} -> {flag.new_decision}{mark}"
            )


def _drop_stale_connections() -> None:
    """Close broken or expired database connections between runs of a long-lived worker.

    Not inside a transaction: that connection belongs to whoever opened it (a test's
    transaction, or a caller of call_command), and closing it would end their work.
    """
    if not connection.in_atomic_block:
        close_old_connections()


def _bulk_options(options: dict[str, Any]) -> rescreen.BulkOptions | None:
    """(address, workers, partition size) when screening on Dask, else None."""
    address, workers, size = options["dask"], options["workers"], options["partition_size"]
    if address is not None and workers is not None:
        raise CommandError("give --dask ADDRESS or --workers N, not both")
    if address is None and workers is None:
        if size is not None:
            raise CommandError("--partition-size is for --dask or --workers")
        return None
    if (workers is not None and workers < 1) or (size is not None and size < 1):
        raise CommandError("--workers and --partition-size must be at least 1")
    return address, workers, size
