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


def _parse_anchor(value: str) -> tuple[int, str]:
    """Parse an anchor written as EVENT_ID:HASH, as `wgdesk audit head` prints it."""
    event_id, _, digest = value.partition(":")
    if not event_id.isdigit() or len(digest) != 64:
        raise click.BadParameter(f"{value!r} is not EVENT_ID:HASH (see `wgdesk audit head`)")
    return int(event_id), digest.lower()


def _anchors_in(path: str) -> list[tuple[int, str]]:
    """Anchors kept in a file, one per line as `audit head --stamp` appends them.

    The anchor is the line's last word, so a time stamp or a note before it is allowed;
    blank lines and lines starting with # are skipped.
    """
    with open(path, encoding="utf-8") as kept:
        lines = [line.strip() for line in kept]
    return [_parse_anchor(line.split()[-1]) for line in lines if line and line[0] != "#"]


@audit.command("verify")
@click.option(
    "--anchor",
    "anchors",
    multiple=True,
    metavar="EVENT_ID:HASH",
    help="A head printed earlier by `wgdesk audit head`; detects a chain cut short after it.",
)
@click.option(
    "--anchor-file",
    "anchor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="A file of heads, one per line (as `wgdesk audit head --stamp >> FILE` writes).",
)
def audit_verify(anchors: tuple[str, ...], anchor_files: tuple[str, ...]) -> None:
    """Recompute the hash chain; exit 1 and list the broken links if anything was tampered."""
    parsed = [_parse_anchor(a) for a in anchors]
    parsed += [anchor for path in anchor_files for anchor in _anchors_in(path)]
    _setup_django()
    from wgdesk.web.audit.queries import check_anchor, verify_chain

    count, problems = verify_chain()
    problems += [p for p in (check_anchor(i, h) for i, h in parsed) if p is not None]
    if not problems:
        anchored = f", {len(parsed)} anchor(s) found" if parsed else ""
        click.echo(f"audit chain intact: {count} events verified{anchored}")
        return
    for problem in problems:
        click.echo(f"event {problem.event_id}: {problem.reason}", err=True)
    click.echo(f"audit chain BROKEN: {len(problems)} problem(s) in {count} events", err=True)
    sys.exit(1)


@audit.command("head")
@click.option(
    "--stamp",
    is_flag=True,
    help="Put the UTC time first (a line to append to an anchor file or send the other side).",
)
def audit_head(stamp: bool) -> None:
    """Print the newest event as EVENT_ID:HASH, to keep outside the database as an anchor."""
    _setup_django()
    from datetime import UTC, datetime

    from wgdesk.web.audit.queries import head

    newest = head()
    if newest is None:
        click.echo("error: the audit trail is empty", err=True)
        sys.exit(1)
    taken = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ ") if stamp else ""
    click.echo(f"{taken}{newest[0]}:{newest[1]}")
