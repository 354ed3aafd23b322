"""`wgdesk hs`: fetch the HS 2022 nomenclature, show a code, search codes by description.

Exit codes: 0 on success; 2 for an impossible code, a missing nomenclature or a
download that fails (the installed files are then left as they were).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from wgdesk.rules.engine import Engine
from wgdesk.rules.hs import HSCodeError, Nomenclature, fetch, parse_code
from wgdesk.rules.hs_search import SearchIndex
from wgdesk.rules.model import Verdict
from wgdesk.rules.project import Item, Project

NOMENCLATURE_OPTION = click.option(
    "--nomenclature",
    "nomenclature_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="An HS nomenclature CSV to use instead of the one `wgdesk hs fetch` installed.",
)


def _nomenclature(path: Path | None) -> Nomenclature:
    """Load the given or installed nomenclature, or exit 2 saying how to get one."""
    try:
        loaded = Nomenclature.load(path) if path else Nomenclature.installed()
    except (OSError, ValueError) as error:
        raise click.UsageError(f"cannot read the HS nomenclature: {error}") from None
    if loaded is None:
        raise click.UsageError("no HS nomenclature installed: run `wgdesk hs fetch` first")
    return loaded


@click.group("hs")
def hs() -> None:
    """HS 2022 codes: fetch the nomenclature, show a code, search by description."""


@hs.command("fetch")
@click.option(
    "--from",
    "source",
    metavar="PATH|URL",
    help="Install from this CSV (sections.csv beside it) instead of the configured URL.",
)
def fetch_command(source: str | None) -> None:
    """Download the HS 2022 nomenclature into the data folder (replaced atomically)."""
    try:
        path, count = fetch(source=source)
    except (OSError, ValueError) as error:
        click.echo(f"error: could not install the nomenclature: {error}", err=True)
        sys.exit(2)
    click.echo(f"installed {count} HS codes into {path}")


@hs.command("show")
@click.argument("code")
@NOMENCLATURE_OPTION
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Measures in force on this day.",
)
def show(code: str, nomenclature_path: Path | None, day: dt.datetime | None) -> None:
    """Describe CODE and list the UN measures on it in each direction."""
    nomenclature = _nomenclature(nomenclature_path)
    try:
        parsed = parse_code(code, nomenclature)
    except HSCodeError as error:
        raise click.BadParameter(str(error), param_hint="CODE") from None
    for entry in nomenclature.lineage(parsed):
        section = nomenclature.section_name(entry)
        prefix = f"section {entry.section} ({section}) / " if section and entry.level == 2 else ""
        click.echo(f"{prefix}{entry.code}: {entry.description}")
    if parsed.subheading and parsed.subheading not in nomenclature:
        click.echo(f"({parsed.dotted()} itself is not an HS 2022 subheading)")
    when = day.date() if day else dt.date.today()
    for direction in ("to_dprk", "from_dprk"):
        click.echo(_measures_line(parsed.digits, direction, when))


def _measures_line(digits: str, direction: str, day: dt.date) -> str:
    """Summarise what the rule base says about a code in one direction on one day."""
    item = Item(id="code", hs=parse_code(digits), direction=direction)
    review = Engine().review(Project(title="hs show", items=(item,)), day)
    finding = review.items[0].finding
    label = "to the DPRK" if direction == "to_dprk" else "from the DPRK"
    if finding.verdict is Verdict.NOT_RESTRICTED:
        return f"{label} on {day}: not restricted by a UN measure on the code itself"
    cites = "; ".join(f"{r.citation} ({r.id})" for r in finding.rules)
    return f"{label} on {day}: {finding.verdict.value} - {cites}"


@hs.command("search")
@click.argument("query")
@NOMENCLATURE_OPTION
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
def search(query: str, nomenclature_path: Path | None, limit: int, fmt: str) -> None:
    """Find candidate HS codes for a description, in English or Korean."""
    index = SearchIndex(_nomenclature(nomenclature_path))
    hits = index.search(query, limit)
    if fmt == "json":
        rows = [{"code": h.code, "score": h.score, "description": h.description} for h in hits]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("no candidate codes found", err=True)
    for hit in hits:
        dotted = hit.code if len(hit.code) == 4 else f"{hit.code[:4]}.{hit.code[4:]}"
        click.echo(f"{dotted:<8} {hit.score:>7.2f}  {hit.description}")
