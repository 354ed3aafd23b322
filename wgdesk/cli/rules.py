"""`wgdesk rules`: list the rule base and generate docs/rules.md from it.

Exit codes: 0 on success; 1 when `docs --check` finds the file out of date.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from wgdesk.rules.docs import render_rules_markdown
from wgdesk.rules.files import atomic_write
from wgdesk.rules.rulebase import default_rulebase


@click.group("rules")
def rules() -> None:
    """The UN measures rule base."""


@rules.command("list")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only records in force that day.",
)
@click.option("--lang", type=click.Choice(["en", "ko"]), default="en", show_default=True)
def list_rules(day: dt.datetime | None, lang: str) -> None:
    """Print every record: id, citation, confirmation and summary."""
    base = default_rulebase()
    selected = base.in_force(day.date()) if day else list(base)
    for rule in selected:
        mark = "" if rule.confirmed else " [unconfirmed]"
        click.echo(f"{rule.id:<16} {rule.citation}{mark}: {rule.summary.get(lang)}")


@rules.command("docs")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout."
)
@click.option("--check", is_flag=True, help="Exit 1 if --out differs from the generated text.")
def docs(out: Path | None, check: bool) -> None:
    """Generate the rule-base documentation (docs/rules.md) from the data."""
    text = render_rules_markdown(default_rulebase())
    if check:
        if out is None:
            raise click.UsageError("--check needs --out")
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            click.echo(f"{out} is out of date: run `wgdesk rules docs --out {out}`", err=True)
            sys.exit(1)
        click.echo(f"{out} is up to date")
        return
    if out is None:
        click.echo(text, nl=False)
    else:
        atomic_write(out, text.encode("utf-8"))
        click.echo(f"wrote {out}", err=True)
