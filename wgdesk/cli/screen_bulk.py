"""`wgdesk screen --dask ADDRESS | --workers N`: the bulk path of `wgdesk screen` (docs/bulk.md).

The same records, the same output objects and the same exit codes as the serial path
(contracts.md §1); only where the screening runs differs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.progress import ProgressColumn
from rich.text import Text

from wgdesk.screening.results import Decision, Thresholds

if TYPE_CHECKING:
    from rich.progress import Task

    from wgdesk.bulk import Progress as Done
    from wgdesk.cli.screen_io import Record
    from wgdesk.screening.model import ListVersion

BulkOptions = tuple[str | None, int | None, int | None]  # address, workers, partition size


def run_bulk(
    open_records: Callable[[ExitStack], Iterator[Record]],
    lists: tuple[str, ...],
    thresholds: Thresholds | None,
    limit: int,
    fmt: str,
    output_path: str | None,
    progress: bool | None,
    input_path: str | None,
    bulk: BulkOptions,
    lang: str = "en",
    with_reasons: bool = False,
) -> bool:
    """Screen the records on a Dask cluster and write them in input order; True on any match."""
    from wgdesk.bulk import PARTITION_SIZE, BulkError, connect, screen_bulk
    from wgdesk.cli.screen import open_writer
    from wgdesk.screening.screener import default_thresholds

    address, workers, partition_size = bulk
    versions = _versions(lists)
    if fmt == "table":
        shown = ", ".join(f"{v.source} {v.version} ({len(v.entries)} entries)" for v in versions)
        click.echo(f"screening against: {shown}", err=True)
    found_match = False
    try:
        with ExitStack() as stack:
            client = stack.enter_context(connect(address, workers))
            records = open_records(stack)
            on_progress = _progress(stack, input_path, progress)
            writer = open_writer(stack, fmt, output_path, lang)
            results = screen_bulk(
                client,
                records,
                versions,
                thresholds=thresholds or default_thresholds(),
                limit=limit,
                partition_size=partition_size or PARTITION_SIZE,
                on_progress=on_progress,
                lang=lang,
                reasons=with_reasons,
            )
            for data in results:
                found_match = found_match or data.get("decision") == Decision.MATCH.value
                writer(data)
    except BulkError as error:
        raise click.UsageError(str(error)) from None
    return found_match


def _versions(lists: tuple[str, ...]) -> Sequence[ListVersion]:
    """Return the list versions to screen against: --list sources, or the store's active ones."""
    from wgdesk.screening.lists import ListError, load_path
    from wgdesk.screening.screener import newest_per_source
    from wgdesk.screening.store import SqliteListStore

    try:
        if lists:
            return newest_per_source(v for path in lists for v in load_path(Path(path)))
        with SqliteListStore.default() as store:
            versions = store.load_active()
    except ListError as error:
        raise click.UsageError(f"cannot read the lists: {error}") from None
    if not versions:
        raise click.UsageError(
            "the list store is empty: run `wgdesk lists fetch` (download the official lists) "
            "or `wgdesk lists load PATH` first, or pass --list FILE"
        )
    return versions


def _progress(
    stack: ExitStack, input_path: str | None, wanted: bool | None
) -> Callable[[Done], None] | None:
    """Return a callback that shows a bar with throughput and time left on stderr, or None."""
    if input_path in (None, "-") or wanted is False:
        return None
    if wanted is None and not sys.stderr.isatty():
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from wgdesk.cli.screen_io import count_lines

    total = count_lines(str(input_path))  # lines: a CSV header or blank lines overcount a little
    bar = Progress(
        TextColumn("screening"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("left"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
        speed_estimate_period=60,
    )
    stack.enter_context(bar)
    task = bar.add_task("screening", total=total)

    def advance(done: Done) -> None:
        # The line count overcounts by a CSV header or blank lines: the end is the end.
        total = done.records if done.finished else None
        bar.update(task, completed=done.records, total=total)

    return advance


class _RateColumn(ProgressColumn):
    """Names screened per second, averaged over the last minute."""

    def render(self, task: Task) -> Text:
        """Render the throughput of a task."""
        speed = task.speed
        return Text("" if speed is None else f"{speed:,.0f} names/s")
