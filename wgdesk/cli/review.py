"""`wgdesk review`: review a proposed cooperation project against UN sanctions (contracts.md §2).

Exit codes: 0 whatever the verdict; 2 for a project file with problems (every problem
is listed, with its location) or unreadable lists. Nothing is written on failure.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wgdesk.rules.engine import Engine, Review
from wgdesk.rules.files import atomic_write
from wgdesk.rules.hs import Nomenclature
from wgdesk.rules.project import Project, ProjectError, load_project
from wgdesk.rules.report import FORMATS, render

if TYPE_CHECKING:
    from wgdesk.screening.screener import Screener

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["en", "ko"]),
    default="en",
    show_default=True,
    help="Language of headings, rule summaries and notes.",
)
DATE_OPTION = click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Judge by the measures in force on this day (default: the project's start, else today).",
)
LIST_OPTION = click.option(
    "--list",
    "lists",
    multiple=True,
    type=click.Path(exists=True),
    metavar="SOURCE",
    help="A UN XML, OFAC CSV or FtM entity file, or a folder of them, to screen parties against "
    "(repeatable). Default: the store's active lists.",
)


def installed_nomenclature() -> tuple[Nomenclature | None, str | None]:
    """Return the installed HS nomenclature (or None), and a warning if it is unreadable."""
    try:
        return Nomenclature.installed(), None
    except (OSError, ValueError) as error:
        return None, f"the installed HS nomenclature is unreadable ({error})"


def read_project_or_exit(path: Path) -> Project:
    """Load a project, or print every problem with its location and exit 2."""
    nomenclature, warning = installed_nomenclature()
    if warning:
        click.echo(f"warning: {warning}", err=True)
    try:
        return load_project(path, nomenclature)
    except ProjectError as error:
        count = len(error.problems)
        click.echo(f"error: {path} has {count} problem{'s' if count != 1 else ''}:", err=True)
        for problem in error.problems:
            click.echo(f"  {problem.render(str(path))}", err=True)
        sys.exit(2)


def build_engine(lists: tuple[str, ...]) -> Engine:
    """Return an engine screening parties against --list sources or the store's lists."""
    engine = engine_for(_screener(lists))
    if engine.screener is None:
        click.echo(f"warning: parties are not screened: {engine.unscreened_reason}", err=True)
    return engine


def _screener(lists: tuple[str, ...]) -> Screener:
    """Build the screener over --list sources or the store's active lists."""
    from wgdesk.screening.lists import ListError
    from wgdesk.screening.screener import Screener

    try:
        return Screener.from_lists(lists) if lists else Screener.from_store()
    except ListError as error:
        raise click.UsageError(f"cannot read the lists: {error}") from None


def engine_for(screener: Screener | None) -> Engine:
    """Return the rules engine screening parties with ``screener`` (none without lists).

    The CLI and the desk build their engines here, so both name the lists the same way
    and give the same reason when parties cannot be screened.
    """
    if screener is None or not screener.versions:
        reason = "no sanctions list is loaded (run `wgdesk lists fetch` or pass --list)"
        return Engine(screener=None, unscreened_reason=reason, lists=[])
    names = [f"{v.source} {v.version}" for v in screener.versions]
    return Engine(screener=screener, unscreened_reason="", lists=names)


def run_review(project: Project, engine: Engine, day: dt.datetime | None) -> Review:
    """Review the project on the requested day."""
    return engine.review(project, day.date() if day else None)


def write_output(text: str, out: Path | None) -> None:
    """Write the rendered report to --out atomically, or to standard output."""
    if out is None:
        click.echo(text, nl=False)
        return
    atomic_write(out, text.encode("utf-8"))
    click.echo(f"wrote {out}", err=True)


@click.command("review")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@LIST_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here.")
@LANG_OPTION
@DATE_OPTION
def review(
    project: Path,
    lists: tuple[str, ...],
    fmt: str,
    out: Path | None,
    lang: str,
    day: dt.datetime | None,
) -> None:
    """Review PROJECT.yaml|json against the UN Security Council measures on the DPRK."""
    loaded = read_project_or_exit(project)
    engine = build_engine(lists)
    result = run_review(loaded, engine, day)
    write_output(render(result, fmt, lang), out)
