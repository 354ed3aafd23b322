"""`wgdesk lists`: load, fetch, show, activate and compare sanctions list versions.

A thin layer over `wgdesk.screening.lists`, `.store` and `.diff`. Problems are printed
as one message on stderr, never a traceback: bad input (a malformed file, an unknown
version) exits 2, a failed download exits 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click

from wgdesk.screening.diff import diff_to_json, diff_versions, render_text
from wgdesk.screening.lists import FetchError, ListError, load_path
from wgdesk.screening.lists.detect import FORMATS
from wgdesk.screening.lists.fetch import SOURCES, fetch_into
from wgdesk.screening.model import ListVersion
from wgdesk.screening.store import ImportResult, ListStore, SqliteListStore, StoredVersion

EXIT_FAILED = 1  # a download failed
EXIT_BAD_INPUT = 2  # a bad file, argument or version reference
_SHOWN_WARNINGS = 10


def _fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print an error on stderr and exit with the given code."""
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


@contextmanager
def _reported_errors() -> Iterator[None]:
    """Turn list errors into a message and an exit code (2 for bad input, 1 for downloads)."""
    try:
        yield
    except FetchError as error:
        _fail(str(error), EXIT_FAILED)
    except ListError as error:
        _fail(str(error))


def _open_store() -> SqliteListStore:
    """Open the configured store, reporting a store that cannot be opened."""
    with _reported_errors():
        return SqliteListStore.default()


def _warn(version: ListVersion) -> None:
    """Print a version's load warnings on stderr, the first few in full."""
    for warning in version.warnings[:_SHOWN_WARNINGS]:
        click.echo(f"warning: {version.source}: {warning}", err=True)
    hidden = len(version.warnings) - _SHOWN_WARNINGS
    if hidden > 0:
        click.echo(f"warning: {version.source}: ... and {hidden} more", err=True)


RESCREEN_NOTICE = (
    "note: the active lists changed: the desk screens open projects and saved reviews "
    "again on its next `wgdesk rescreen` run, or now where `wgdesk rescreen --watch` runs"
)


def _active(store: ListStore) -> list[tuple[int, str]]:
    """The active versions by store id and content hash: what the desk screened against."""
    return [(v.id, v.sha256) for v in store.active_versions()]


@contextmanager
def _rescreen_notice(store: ListStore) -> Iterator[None]:
    """Tell the operator when the block changed the active lists (on stderr: stdout is data).

    The engine does not re-screen the desk itself (it never imports the desk); the desk's
    `rescreen` command or watcher sees the change in the store.
    """
    before = _active(store)
    try:
        yield
    finally:
        if _changed(store, before):
            click.echo(RESCREEN_NOTICE, err=True)


def _changed(store: ListStore, before: list[tuple[int, str]]) -> bool:
    """True when the active versions differ from ``before`` (False if they cannot be read)."""
    try:
        return _active(store) != before
    except ListError:  # never hide the error being reported behind this one
        return False


def _report(result: ImportResult) -> str:
    """Return one line saying what an import did."""
    stored = result.version
    what = "stored as" if result.created else "already stored as"
    state = "active" if stored.active else "not active"
    return (
        f"{stored.source}: {stored.version}: {what} version {stored.id} "
        f"({stored.entry_count} entries), {state}"
    )


@click.group()
def lists() -> None:
    """Load, fetch, show and compare versions of the sanctions lists (UN, OFAC, FtM files)."""


@lists.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--version",
    "label",
    metavar="LABEL",
    help="Version label for an OFAC CSV or FtM file (default: a date plus a content hash).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", *FORMATS]),
    default="auto",
    show_default=True,
    help="The file's format; auto reads it from the content (ftm: FollowTheMoney JSON lines).",
)
@click.option(
    "--source",
    metavar="NAME",
    help="The list a FollowTheMoney file holds, e.g. eu_fsf (default: the entities' dataset).",
)
def load(paths: tuple[Path, ...], label: str | None, fmt: str, source: str | None) -> None:
    """Load list files or folders (UN XML, OFAC sdn.csv with its companions, FollowTheMoney
    entity files) into the store.

    Every file is parsed before anything is stored: if one is bad, nothing changes.
    The version loaded last becomes the active one of its source.
    """
    forced = FORMATS.get(fmt)
    if (forced is not None or source is not None) and len(paths) != 1:
        _fail("--format and --source apply to one file; load other files separately")
    with _reported_errors():
        versions = [
            version for path in paths for version in load_path(path, source=source, fmt=forced)
        ]
    if label is not None:
        versions = _relabel(versions, label)
    with _open_store() as store, _rescreen_notice(store), _reported_errors():
        for version in versions:
            _warn(version)
            click.echo(_report(store.import_version(version)))


def _relabel(versions: list[ListVersion], label: str) -> list[ListVersion]:
    """Apply --version to the one OFAC or FtM list loaded; refuse it when that is ambiguous."""
    labelled = [v for v in versions if v.source != "un"]
    if len(labelled) != 1:
        _fail(f"--version applies to exactly one OFAC or FtM list; {len(labelled)} were given")
    return [replace(v, version=label) if v.source != "un" else v for v in versions]


@lists.command()
@click.option(
    "--source",
    type=click.Choice([*SOURCES, "all"]),
    default="all",
    show_default=True,
    help="Which list to download.",
)
def fetch(source: str) -> None:
    """Download the official lists, verify them and load them into the store.

    A failed or partial download changes nothing. URLs and the timeout are settings
    (docs/settings.md).
    """
    failed = False
    with _open_store() as store, _rescreen_notice(store):
        for name in SOURCES if source == "all" else (source,):
            try:
                click.echo(_report(fetch_into(store, name)))
            except ListError as error:
                click.echo(f"error: {error}", err=True)
                failed = True
    if failed:
        sys.exit(EXIT_FAILED)


def _fetch_missing(store: ListStore, sources: list[str]) -> list[str]:
    """Try to download each source; return those still without an active version."""
    missing = []
    for name in sources:
        try:
            click.echo(_report(fetch_into(store, name)))
        except ListError as error:
            click.echo(f"warning: {error}", err=True)
            missing.append(name)
    return missing


def _load_fallback(store: ListStore, folder: Path, sources: list[str]) -> list[str]:
    """Load the missing sources from a local folder, oldest version first; return what is left."""
    with _reported_errors():
        found = [v for v in load_path(folder) if v.source in sources]
    # Loading oldest first leaves the newest version of each source active.
    for version in sorted(found, key=lambda v: (v.source, v.version)):
        click.echo(_report(store.import_version(version)))
    return [name for name in sources if store.active(name) is None]


@lists.command()
@click.option(
    "--fallback",
    type=click.Path(path_type=Path),
    help="Folder of list files to load when a download fails (e.g. an offline copy).",
)
def ensure(fallback: Path | None) -> None:
    """Make sure every list has an active version: download what is missing.

    Lists already in the store are left alone. When a download fails (offline), the
    missing lists are loaded from --fallback if given. Exits 1 when a list is still
    missing; `make run` uses this to set up a fresh machine.
    """
    with _open_store() as store, _rescreen_notice(store):
        missing = [name for name in SOURCES if store.active(name) is None]
        if not missing:
            click.echo("lists: every list has an active version (`wgdesk lists show`)")
            return
        missing = _fetch_missing(store, missing)
        if missing and fallback is not None and fallback.is_dir():
            click.echo(f"lists: loading {', '.join(missing)} from {fallback}")
            missing = _load_fallback(store, fallback, missing)
    if missing:
        _fail(f"no active list for {', '.join(missing)}: run `wgdesk lists fetch`", EXIT_FAILED)


@lists.command()
@click.argument("version")
def activate(version: str) -> None:
    """Make a stored VERSION the active one of its source (an id, or SOURCE@VERSION)."""
    with _open_store() as store, _rescreen_notice(store), _reported_errors():
        stored = store.activate(store.resolve(version).id)
        click.echo(f"{stored.source}: {stored.version}: version {stored.id} is now active")


def _version_json(stored: StoredVersion) -> dict[str, Any]:
    """Return one stored version for `show --format json`."""
    return {
        "id": stored.id,
        "source": stored.source,
        "version": stored.version,
        "active": stored.active,
        "entries": stored.entry_count,
        "regimes": dict(stored.regime_counts),
        "loaded_at": stored.loaded_at,
        "origin": stored.origin,
        "sha256": stored.sha256,
        "warnings": len(stored.warnings),
    }


def _table(rows: list[list[str]]) -> list[str]:
    """Return rows as left-aligned columns separated by two spaces."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _show_table(versions: list[StoredVersion]) -> str:
    """Return the versions as a table, then each version's counts by regime."""
    header = ["ID", "ACTIVE", "SOURCE", "VERSION", "ENTRIES", "LOADED (UTC)", "ORIGIN"]
    rows = [
        [
            str(v.id),
            "*" if v.active else "",
            v.source,
            v.version,
            str(v.entry_count),
            v.loaded_at.replace("+00:00", ""),
            v.origin,
        ]
        for v in versions
    ]
    lines = _table([header, *rows])
    for v in versions:
        counts = ", ".join(f"{regime} {count}" for regime, count in v.regime_counts)
        lines += ["", f"{v.id} {v.source}@{v.version} by regime: {counts}"]
    return "\n".join(lines)


def _format_option(*choices: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Return a --format option over the given choices, the first being the default."""
    return click.option(
        "--format", "output", type=click.Choice(choices), default=choices[0], show_default=True
    )


@lists.command()
@_format_option("table", "json")
def show(output: str) -> None:
    """Show the stored versions: which is active, entry counts by regime, load dates."""
    with _open_store() as store:
        versions = store.versions()
    if output == "json":
        click.echo(json.dumps({"versions": [_version_json(v) for v in versions]}, indent=2))
    elif not versions:
        click.echo("No lists loaded. Use `wgdesk lists fetch` or `wgdesk lists load PATH`.")
    else:
        click.echo(_show_table(versions))


def _one_version(spec: str, store_loader: Callable[[str], ListVersion]) -> ListVersion:
    """Return the list a diff argument names: a file path, or else a stored version."""
    path = Path(spec).expanduser()
    if path.exists():
        found = load_path(path)
        if len(found) != 1:
            _fail(f"{spec}: holds {len(found)} lists; name one file")
        return found[0]
    return store_loader(spec)


@lists.command()
@click.argument("old")
@click.argument("new")
@_format_option("text", "json")
def diff(old: str, new: str, output: str) -> None:
    """Show the entries added, removed and changed from OLD to NEW.

    OLD and NEW are list files, or stored versions: an id ("3"), a source for its
    active version ("un"), or SOURCE@VERSION with any unique prefix of the version
    ("un@2020-11-30"). See `wgdesk lists show`.
    """
    with _open_store() as store, _reported_errors():

        def from_store(spec: str) -> ListVersion:
            return store.load(store.resolve(spec).id)

        result = diff_versions(_one_version(old, from_store), _one_version(new, from_store))
    if output == "json":
        click.echo(json.dumps(diff_to_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(result), nl=False)
