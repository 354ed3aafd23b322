"""`wgdesk screen`: screen names against sanctions lists (contract: docs/contracts.md §1).

Exit codes: 0 whatever was found; 3 with --fail-on-match when any decision is match;
2 for bad arguments and for lists that cannot be read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from wgdesk.cli.screen_io import (
    CsvWriter,
    Record,
    count_lines,
    input_kind,
    read_records,
    screen_record,
    stdin_bytes,
)
from wgdesk.screening.results import Decision, Query, Thresholds

if TYPE_CHECKING:
    from wgdesk.screening.screener import Screener

PROGRESS_MIN_RECORDS = 2000  # files shorter than this finish before a bar would help


def _fraction(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """Check that a threshold lies in [0, 1]."""
    if value is not None and not 0.0 <= value <= 1.0:
        raise click.BadParameter(f"{value} is not between 0 and 1")
    return value


@click.command("screen")
@click.argument("names", nargs=-1)
@click.option(
    "--input",
    "input_path",
    metavar="FILE|-",
    help="Names to screen: .jsonl, .csv, .txt, or - for JSON lines on stdin.",
)
@click.option(
    "--list",
    "lists",
    multiple=True,
    type=click.Path(exists=True),
    metavar="SOURCE",
    help="A UN XML, OFAC CSV or FtM entity file, or a folder of them (repeatable). "
    "Default: the store's active lists.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv", "parquet"]),
    default="table",
    show_default=True,
    help="parquet needs --output and the pyarrow package.",
)
@click.option(
    "--output",
    "output_path",
    type=click.Path(dir_okay=False, writable=True),
    metavar="FILE",
    help="Write the results to FILE instead of standard output (required for parquet).",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=10,
    show_default=True,
    help="Most candidates per name.",
)
@click.option(
    "--review-threshold",
    type=float,
    callback=_fraction,
    help="Score from which a candidate needs review (default 0.70, WGDESK_REVIEW_THRESHOLD).",
)
@click.option(
    "--match-threshold",
    type=float,
    callback=_fraction,
    help="Score from which a candidate is a match (default 0.88, WGDESK_MATCH_THRESHOLD).",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "ko"]),
    default="en",
    show_default=True,
    help="Language of the explanations: ko shows them in Korean and adds explanation_ko "
    "(the explanation field stays English).",
)
@click.option(
    "--reasons",
    "with_reasons",
    is_flag=True,
    help="Add each match's reasons as codes and parameters (jsonl).",
)
@click.option("--fail-on-match", is_flag=True, help="Exit with 3 when any decision is match.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: for files over 2,000 lines, on a terminal).",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="tcp://HOST:PORT",
    help="Screen on the Dask cluster whose scheduler is at this address (docs/bulk.md).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Screen on a local Dask cluster of N worker processes (docs/bulk.md).",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=None,
    help="Records per Dask task (default 2000), with --dask or --workers.",
)
def screen(
    names: tuple[str, ...],
    input_path: str | None,
    lists: tuple[str, ...],
    fmt: str,
    limit: int,
    review_threshold: float | None,
    match_threshold: float | None,
    lang: str,
    with_reasons: bool,
    fail_on_match: bool,
    progress: bool | None,
    output_path: str | None,
    dask_address: str | None,
    workers: int | None,
    partition_size: int | None,
) -> None:
    """Screen NAMEs (or the records of --input) against sanctions lists."""
    if not names and input_path is None:
        raise click.UsageError("give one or more names, or --input FILE (- for stdin)")
    _check_bulk_options(dask_address, workers, partition_size)
    _check_output(fmt, output_path)
    kind = _input_kind(input_path)
    thresholds = _thresholds(review_threshold, match_threshold)
    if dask_address is not None or workers is not None:
        from wgdesk.cli.screen_bulk import run_bulk

        bulk = (dask_address, workers, partition_size)
        found_match = run_bulk(
            _records_source(names, input_path, kind),
            lists,
            thresholds,
            limit,
            fmt,
            output_path,
            progress,
            input_path,
            bulk,
            lang,
            with_reasons,
        )
    else:
        output = (fmt, output_path, lang, with_reasons)
        found_match = _run_serial(
            names, input_path, kind, lists, thresholds, limit, output, progress
        )
    if fail_on_match and found_match:
        sys.exit(3)


def _run_serial(
    names: tuple[str, ...],
    input_path: str | None,
    kind: str | None,
    lists: tuple[str, ...],
    thresholds: Thresholds | None,
    limit: int,
    output: tuple[str, str | None, str, bool],
    progress: bool | None,
) -> bool:
    """Screen in this process, record by record; return whether any decision is match.

    ``output`` is the format, the output file (None: stdout), the explanations' language
    and whether reason codes are added.
    """
    fmt, output_path, lang, with_reasons = output
    screener = _screener(lists, thresholds)
    if fmt == "table":
        _describe_lists(screener)
    found_match = False
    with ExitStack() as stack:
        records = _records(names, input_path, kind, stack)
        bar = _progress(stack, input_path, progress)
        stack.enter_context(_batch_collection())
        writer = open_writer(stack, fmt, output_path, lang)
        for record in records:
            data, matched = _screen_record(screener, record, limit, lang, with_reasons)
            found_match = found_match or matched
            writer(data)
            if bar is not None:
                bar()
    return found_match


def _check_bulk_options(
    dask_address: str | None, workers: int | None, partition_size: int | None
) -> None:
    """Refuse contradictory cluster options (exit 2)."""
    if dask_address is not None and workers is not None:
        raise click.UsageError("give --dask ADDRESS or --workers N, not both")
    if partition_size is not None and dask_address is None and workers is None:
        raise click.UsageError("--partition-size is for --dask or --workers")


def _check_output(fmt: str, output_path: str | None) -> None:
    """Parquet is binary: it needs a file, and the pyarrow package (exit 2 otherwise)."""
    if fmt != "parquet":
        return
    if output_path is None:
        raise click.UsageError("--format parquet needs --output FILE")
    from wgdesk.cli.screen_io import parquet_available

    if not parquet_available():
        raise click.UsageError(
            "--format parquet needs the pyarrow package: pip install 'wgdesk[parquet]'"
        )


def _records_source(
    names: tuple[str, ...], input_path: str | None, kind: str | None
) -> Callable[[ExitStack], Iterator[Record]]:
    """Return a function that opens the records on a given exit stack (read lazily)."""
    return lambda stack: _records(names, input_path, kind, stack)


def open_writer(stack: ExitStack, fmt: str, output_path: str | None, lang: str = "en") -> Any:
    """Return a function writing one result object to stdout or --output, closed by the stack."""
    try:
        if fmt == "parquet":
            from wgdesk.cli.screen_io import ParquetWriter

            parquet = stack.enter_context(ParquetWriter(Path(str(output_path))))
            return parquet.write
        out: TextIO = sys.stdout
        if output_path is not None:
            out = stack.enter_context(open(output_path, "w", encoding="utf-8", newline=""))  # noqa: SIM115
    except OSError as error:
        raise click.BadParameter(
            f"{output_path}: {error.strerror}", param_hint="--output"
        ) from None
    return _writer(fmt, out, lang)


def _batch_collection() -> Any:
    """Return the batch setting of the cyclic collector (see wgdesk/runtime.py)."""
    from wgdesk.runtime import batch_collection

    return batch_collection()


def _input_kind(input_path: str | None) -> str | None:
    """Return the input's kind, or exit 2 on an unknown extension."""
    if input_path is None:
        return None
    try:
        kind = input_kind(input_path)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--input") from None
    if input_path != "-" and not Path(input_path).is_file():
        raise click.BadParameter(f"{input_path}: no such file", param_hint="--input")
    return kind


def _thresholds(review: float | None, match: float | None) -> Thresholds | None:
    """Build the thresholds from the options and the settings, or exit 2 if inconsistent."""
    if review is None and match is None:
        return None
    from wgdesk.screening.screener import default_thresholds

    defaults = default_thresholds()
    try:
        return Thresholds(
            review if review is not None else defaults.review,
            match if match is not None else defaults.match,
        )
    except ValueError as error:
        raise click.UsageError(str(error)) from None


def _screener(lists: tuple[str, ...], thresholds: Thresholds | None) -> Screener:
    """Build the screener over --list sources, or over the store's active lists."""
    from wgdesk.runtime import gc_paused, keep_out_of_collection
    from wgdesk.screening.lists import ListError
    from wgdesk.screening.screener import Screener

    try:
        with gc_paused():  # many small acyclic objects: the collector's scans free nothing
            if lists:
                screener = Screener.from_lists(lists, thresholds)
            else:
                screener = Screener.from_store(thresholds=thresholds)
    except ListError as error:
        raise click.UsageError(f"cannot read the lists: {error}") from None
    keep_out_of_collection()  # the index lives as long as the command
    if not screener.versions:
        raise click.UsageError(
            "the list store is empty: run `wgdesk lists fetch` (download the official lists) "
            "or `wgdesk lists load PATH` first, or pass --list FILE"
        )
    return screener


def _describe_lists(screener: Screener) -> None:
    """Say on stderr which list versions are screened against."""
    shown = ", ".join(
        f"{v.source} {v.version} ({len(v.entries)} entries)" for v in screener.versions
    )
    click.echo(f"screening against: {shown}", err=True)


def _records(
    names: tuple[str, ...], input_path: str | None, kind: str | None, stack: ExitStack
) -> Iterator[Record]:
    """Yield the command-line names, then the records of the input file or stdin."""
    for number, name in enumerate(names, 1):
        yield Record(number, Query(name=name), None, None, name)
    if input_path is None or kind is None:
        return
    if input_path == "-":
        stream = stdin_bytes()
    else:
        try:
            stream = stack.enter_context(open(input_path, "rb"))  # noqa: SIM115 - closed by the stack
        except OSError as error:
            raise click.BadParameter(
                f"{input_path}: {error.strerror}", param_hint="--input"
            ) from None
    yield from read_records(stream, kind)


def _progress(stack: ExitStack, input_path: str | None, wanted: bool | None) -> Any:
    """Return a callable that advances a progress bar on stderr, or None for no bar."""
    if input_path in (None, "-") or wanted is False:
        return None
    total = count_lines(str(input_path))
    if wanted is None and (total < PROGRESS_MIN_RECORDS or not sys.stderr.isatty()):
        return None
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    bar = Progress(
        TextColumn("screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    stack.enter_context(bar)
    task = bar.add_task("screening", total=total)
    return lambda: bar.advance(task)


def _screen_record(
    screener: Screener, record: Record, limit: int, lang: str, with_reasons: bool
) -> tuple[dict[str, Any], bool]:
    """Screen one record; return its output object and whether it is a match."""
    data = screen_record(screener, record, limit, lang, with_reasons)
    return data, data.get("decision") == Decision.MATCH.value


def _writer(fmt: str, out: TextIO, lang: str = "en") -> Any:
    """Return a function writing one output object in the chosen format."""
    if fmt == "jsonl":
        return lambda data: out.write(json.dumps(data, ensure_ascii=False) + "\n")
    if fmt == "csv":
        return CsvWriter(out, lang).write
    return lambda data: write_table_record(data, out, lang)


_DECISION_STYLE = {"match": "MATCH ", "review": "review", "clear": "clear "}


def write_table_record(data: dict[str, Any], out: TextIO, lang: str = "en") -> None:
    """Write one result for people: decision, name, then each candidate on its own line."""
    label = f"[{data['id']}] " if data.get("id") else ""
    if "error" in data:
        out.write(f"error   {label}{data.get('name') or ''}: {data['error']}\n")
        return
    out.write(f"{_DECISION_STYLE[data['decision']]}  {label}{data['name']}\n")
    for match in data["matches"]:
        listed = match["name"]
        via = "" if match["matched_name"] == listed else f" (as {match['matched_name']})"
        out.write(f"    {match['score']:.2f}  {match['source']} {match['ref']}  {listed}{via}\n")
        shown = match.get(f"explanation_{lang}", match["explanation"])
        out.write(f"          {shown}\n")
