"""Commands of the desk. Django is imported inside each command, never at module load."""

from __future__ import annotations

import os
import sys

import click


def _setup_django() -> None:
    """Configure Django with the desk's settings (once per process)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wgdesk.web.settings")
    import django

    django.setup()


@click.command(
    "manage",
    context_settings={"ignore_unknown_options": True, "help_option_names": []},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run a Django management command on the desk (migrate, runserver, makemessages, ...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wgdesk.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["wgdesk manage", *args])


@click.group("demo", invoke_without_command=True)
@click.option(
    "--years",
    type=click.IntRange(1, 30),
    default=None,
    help="Grow the demo to this many years of monthly meetings (for the load benchmark).",
)
@click.pass_context
def demo(ctx: click.Context, years: int | None) -> None:
    """Load the demo ROK–US working group (idempotent); `demo codes` prints TOTP codes."""
    if ctx.invoked_subcommand is not None:
        return
    _setup_django()
    from wgdesk.web.demo import load
    from wgdesk.web.demo.users import DEMO_PASSWORD, DEMO_USERS

    created = load()
    click.echo("Demo working group loaded." if created else "Demo working group already present.")
    if years:
        from wgdesk.web.demo.grow import grow

        added = grow(years)
        click.echo(f"Grown to {years} years of monthly meetings ({added} meetings added).")
    click.echo(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for spec in DEMO_USERS:
        click.echo(f"  {spec.username:<16} {spec.side:<4} {spec.role}")
    click.echo("Second factor: `wgdesk demo codes` prints each user's current TOTP code.")


@demo.command("codes")
def demo_codes() -> None:
    """Print the current TOTP code of every demo user."""
    _setup_django()
    from wgdesk.web.demo import current_codes

    for username, code in current_codes():
        click.echo(f"{username:<16} {code}")


@click.group("audit")
def audit() -> None:
    """Inspect the desk's audit trail."""


@audit.command("verify")
def audit_verify() -> None:
    """Recompute the hash chain; exit 1 and list the broken links if anything was tampered."""
    _setup_django()
    from wgdesk.web.audit.queries import verify_chain

    count, problems = verify_chain()
    if not problems:
        click.echo(f"audit chain intact: {count} events verified")
        return
    for problem in problems:
        click.echo(f"event {problem.event_id}: {problem.reason}", err=True)
    click.echo(f"audit chain BROKEN: {len(problems)} problem(s) in {count} events", err=True)
    sys.exit(1)
