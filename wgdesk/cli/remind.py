"""`wgdesk remind`: email today's due-date and approval reminders (run it daily from cron)."""

from __future__ import annotations

import sys
from datetime import date

import click

from wgdesk import config
from wgdesk.cli.web import _setup_django


@click.command("remind")
@click.option("--dry-run", is_flag=True, help="List the reminders without sending or logging.")
@click.option(
    "--lead-days",
    type=click.IntRange(min=0),
    default=None,
    help="Remind of items due within this many days (default: WGDESK_REMIND_LEAD_DAYS).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Act as if today were this date (YYYY-MM-DD), e.g. to catch up a missed day.",
)
def remind(dry_run: bool, lead_days: int | None, today: object) -> None:
    """Send each member one email listing what is due; a second run the same day sends none."""
    _setup_django()
    from django.utils import timezone

    from wgdesk.web.core.links import UNSET_MESSAGE, base_url
    from wgdesk.web.notifications.actions import send_reminders

    # No request here to take the desk's address from: the links need the setting.
    if base_url() is None:
        if not dry_run:
            raise click.ClickException(f"{UNSET_MESSAGE}; nothing was sent")
        click.echo(f"warning: {UNSET_MESSAGE}", err=True)

    day: date = today.date() if today is not None else timezone.localdate()  # type: ignore[attr-defined]
    lead = lead_days if lead_days is not None else config.get_int("remind_lead_days")
    run = send_reminders(day, lead, dry_run=dry_run)
    for reminder in run.sent:
        mark = "would send" if dry_run else "sent"
        click.echo(
            f"{mark}: {reminder.user.username} <{reminder.user.email}>: "
            f"{len(reminder.actions)} action item(s), {len(reminder.minutes)} minutes, "
            f"{len(reminder.projects)} expiring approval(s)"
        )
    for reminder, problem in run.failed:
        click.echo(f"FAILED: {reminder.user.username} <{reminder.user.email}>: {problem}", err=True)
    verb = "would be sent" if dry_run else "sent"
    click.echo(f"{len(run.sent)} reminder email(s) {verb} for {day.isoformat()}")
    if run.failed:
        # Cron mails a failing job's output to its owner; the next run retries these.
        click.echo(f"{len(run.failed)} reminder email(s) failed; they will be retried", err=True)
        sys.exit(1)
