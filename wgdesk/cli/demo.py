"""`wgdesk demo-screen`: what `make run` shows until the web desk lands.

Screens a handful of demo names against the store's active lists or, when the store is
empty, against the list files in the shared reference folder, and prints the results.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from wgdesk import config

DEMO_NAMES = (
    ("Lee Won-ho", "a listed official, in a Southern spelling (listed as RI WON HO)"),
    ("리원호", "the same name in Hangul, North spelling"),
    ("Wonho Ri", "given name first, joined"),
    ("조선대성은행", "a listed bank, in Hangul (Choson Taesong Unhaeng)"),
    ("조선민족보험총회사", "a listed insurer, found only through the glossary"),
    ("CHOSON DAESEONG TRADING COMPANY LTD", "an organisation in another romanization"),
    ("Kim Song Min", "one syllable away from KIM SONG CHOL: a different person"),
    ("Korea Electric Power Corporation", "a South Korean utility: not listed"),
)


def _shared_lists() -> list[Path]:
    """Return the newest UN list and the OFAC list in the shared folder, when present."""
    folder = config.shared_dir() / "data" / "sanctions"
    un = sorted(folder.glob("un_consolidated_*.xml"))
    ofac = sorted(folder.glob("ofac_sdn_*.csv"))
    return [p for p in (un[-1:] + ofac[-1:]) if p.exists()]


@click.command("demo-screen")
def demo_screen() -> None:
    """Screen a few demo names and print the results."""
    from wgdesk.cli.screen import write_table_record
    from wgdesk.cli.screen_io import result_object
    from wgdesk.screening import Screener

    screener = Screener.from_store()
    if screener.versions:
        click.echo("Screening against the lists in the local store.", err=True)
    else:
        paths = _shared_lists()
        if not paths:
            raise click.ClickException(
                "no lists: the store is empty and the shared folder has no list files; "
                "run `wgdesk lists fetch` or `wgdesk lists load PATH`"
            )
        click.echo(
            "The list store is empty, so the demo reads the reference files instead: "
            + ", ".join(p.name for p in paths),
            err=True,
        )
        screener = Screener.from_lists(paths)
    for version in screener.versions:
        click.echo(
            f"  {version.source}: version {version.version}, {len(version.entries)} entries",
            err=True,
        )
    click.echo("")
    for name, why in DEMO_NAMES:
        click.echo(f"# {why}")
        write_table_record(result_object(screener.screen(name, limit=3)), sys.stdout)
        click.echo("")
