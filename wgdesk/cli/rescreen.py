"""`wgdesk rescreen`: screen open projects and saved reviews again on new list versions.

Run it from cron (e.g. every ten minutes) or right after `wgdesk lists fetch/load/activate`.
A record is screened again only when the active versions differ from those it was last
screened against, so a run after no list change does nothing.
"""

from __future__ import annotations

import click

from wgdesk.cli.web import _setup_django


@click.command("rescreen")
def rescreen() -> None:
    """Screen every party of open projects and saved reviews again when the lists changed."""
    _setup_django()
    from django.core.management import call_command

    from wgdesk.web.core.links import UNSET_MESSAGE, base_url

    if base_url() is None:
        # Flags are still recorded and shown on the desk; only the emails need the address.
        click.echo(f"warning: {UNSET_MESSAGE}; flags are recorded but no email is sent", err=True)
    call_command("rescreen")
