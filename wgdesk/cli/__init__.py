"""The `wgdesk` command line: a thin layer that parses arguments and calls the library.

Sub-commands are registered by import path and loaded on first use, so `wgdesk screen`
never pays for importing Django and the web commands never pay for the matcher.
"""

from __future__ import annotations

import importlib

import click

from wgdesk import __version__

# name -> "module:attribute" of a click command or group.
COMMANDS: dict[str, str] = {
    "lists": "wgdesk.cli.lists:lists",
    "screen": "wgdesk.cli.screen:screen",
    "demo-screen": "wgdesk.cli.demo:demo_screen",
    "review": "wgdesk.cli.review:review",
    "exemption": "wgdesk.cli.exemption:exemption",
    "hs": "wgdesk.cli.hs:hs",
    "rules": "wgdesk.cli.rules:rules",
    "manage": "wgdesk.cli.web:manage",
    "demo": "wgdesk.cli.web:demo",
    "audit": "wgdesk.cli.web:audit",
    "remind": "wgdesk.cli.remind:remind",
    "backup": "wgdesk.cli.backup:backup",
    "restore": "wgdesk.cli.backup:restore",
    "rescreen": "wgdesk.cli.rescreen:rescreen",
    "engine": "wgdesk.cli.engine:engine",
}


class LazyGroup(click.Group):
    """A click group whose sub-commands are imported only when invoked or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return every registered sub-command name, sorted."""
        return sorted(set(super().list_commands(ctx)) | set(COMMANDS))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import a registered sub-command on demand."""
        target = COMMANDS.get(cmd_name)
        if target is None:
            return super().get_command(ctx, cmd_name)
        module_name, attribute = target.split(":")
        command = getattr(importlib.import_module(module_name), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wgdesk")
def main() -> None:
    """wgdesk: sanctions screening, UN DPRK measures review and the working-group desk."""
