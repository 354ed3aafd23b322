"""`wgdesk engine`: build, show or remove the compiled screening engine (mypyc).

Exit codes: 0 on success; 1 when a build fails (the previous build, or the pure-Python
engine, stays in use); with ``build --optional`` a failed build only prints why.
"""

from __future__ import annotations

import warnings

import click

with warnings.catch_warnings():
    # Importing the package warns when the build is stale: this command is the remedy.
    warnings.simplefilter("ignore", RuntimeWarning)
    from wgdesk.screening import native


@click.group()
def engine() -> None:
    """The screening engine's compiled hot path (same answers, faster)."""


@engine.command()
@click.option(
    "--optional",
    is_flag=True,
    help="Exit 0 when the build fails (no C compiler): the engine then runs as pure Python.",
)
def build(optional: bool) -> None:
    """Compile the hot modules with mypyc; a no-op when the build is current."""
    try:
        done = native.build()
    except (Exception, SystemExit) as error:  # setuptools exits on a compiler error
        click.echo(f"compiled engine not built: {error}", err=True)
        click.echo("the screening engine runs as pure Python (same answers, slower)", err=True)
        raise SystemExit(0 if optional else 1) from None
    click.echo(f"compiled engine: {done} ({len(native.COMPILED)} modules)")


@engine.command()
def status() -> None:
    """Print which build imports get: compiled, pure, stale or forced-pure."""
    click.echo(native.state())


@engine.command()
def clean() -> None:
    """Remove the compiled modules: the engine runs from its sources."""
    for path in native.remove():
        click.echo(f"removed {path}")
