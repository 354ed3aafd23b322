"""`wgdesk rescreen`: screen open projects and saved reviews again on new list versions.

Run it from cron (e.g. every ten minutes) or right after `wgdesk lists fetch/load/activate`,
or keep it running with `--watch` (a systemd service: docs/deploy.md). A record is
screened again only when the active versions differ from those it was last screened
against, so a run after no list change does nothing. `--dask`/`--workers` screen the
names on a Dask cluster through the bulk path of `wgdesk screen` (docs/bulk.md).
"""

from __future__ import annotations

import click

from wgdesk.cli.web import _setup_django


@click.command("rescreen")
@click.option(
    "--dask",
    "dask_address",
    metavar="tcp://HOST:PORT",
    help="Screen on the Dask cluster whose scheduler is at this address (docs/bulk.md).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Screen on a local Dask cluster of N worker processes, started for each run.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=None,
    help="Names per Dask task (default 2000), with --dask or --workers.",
)
@click.option(
    "--watch",
    is_flag=True,
    help="Keep running: re-screen whenever the active lists change; stop on SIGTERM.",
)
@click.option(
    "--interval",
    type=click.FloatRange(min=0.01),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="With --watch: how often to look at the list store (one small query).",
)
@click.option(
    "--max-runs",
    type=click.IntRange(min=1),
    default=None,
    help="With --watch: stop after N runs (the first is at start).",
)
def rescreen(
    dask_address: str | None,
    workers: int | None,
    partition_size: int | None,
    watch: bool,
    interval: float,
    max_runs: int | None,
) -> None:
    """Screen every party of open projects and saved reviews again when the lists changed."""
    if dask_address is not None and workers is not None:
        raise click.UsageError("give --dask ADDRESS or --workers N, not both")
    if partition_size is not None and dask_address is None and workers is None:
        raise click.UsageError("--partition-size is for --dask or --workers")
    if max_runs is not None and not watch:
        raise click.UsageError("--max-runs is for --watch")
    _setup_django()
    from django.core.management import call_command

    from wgdesk.web.core.links import UNSET_MESSAGE, base_url

    if base_url() is None:
        # Flags are still recorded and shown on the desk; only the emails need the address.
        click.echo(f"warning: {UNSET_MESSAGE}; flags are recorded but no email is sent", err=True)
    call_command(
        "rescreen",
        dask=dask_address,
        workers=workers,
        partition_size=partition_size,
        watch=watch,
        interval=interval,
        max_runs=max_runs,
    )
