"""`wgdesk backup` and `wgdesk restore`: one archive of the desk, checked before it is restored.

The archive format and the rules are in wgdesk/backup.py and docs/backup.md. Exit codes:
0 done; 1 the audit chain does not verify after a restore; 2 bad arguments, or an archive
or a database that cannot be used (nothing was replaced).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wgdesk import __version__, config

if TYPE_CHECKING:
    from wgdesk.backup import Desk


def _desk() -> Desk:
    """Return the desk's database, list store and attachments folder, as configured."""
    from wgdesk.backup import BackupError, Database, Desk
    from wgdesk.screening.store import STORE_FILE
    from wgdesk.web import secrets

    data = config.data_dir()
    try:
        database = Database.from_url(secrets.database_url(), data / "desk.sqlite3")
    except BackupError as error:
        raise click.UsageError(str(error)) from None
    return Desk(database, data / STORE_FILE, data / "attachments")


def _setup_django() -> None:
    """Configure Django with the desk's settings (for the audit trail)."""
    from wgdesk.cli.web import _setup_django as setup

    setup()


def _audit_head() -> str | None:
    """Return the audit trail's newest EVENT_ID:HASH, or None for a desk without one yet."""
    _setup_django()
    from django.db import DatabaseError

    from wgdesk.web.audit.queries import head

    try:
        newest = head()
    except DatabaseError:  # no tables yet: a desk never migrated has no audit trail
        return None
    return None if newest is None else f"{newest[0]}:{newest[1]}"


@click.command("backup")
@click.argument("archive", required=False, type=click.Path(dir_okay=False))
def backup(archive: str | None) -> None:
    """Write one archive of the desk's database, attachments and list store (default: in
    the data folder's backups/)."""
    from wgdesk.backup import BackupError, create

    desk = _desk()
    if archive is None:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = config.data_dir() / "backups" / f"wgdesk-{stamp}.tar"
    else:
        target = Path(archive)
    head = _audit_head()  # before the snapshot: the snapshot holds at least this event
    _close_django()
    try:
        manifest = create(desk, target, version=__version__, audit_head=head)
    except BackupError as error:
        raise click.UsageError(str(error)) from None
    size = sum(int(f["size"]) for f in manifest.files.values())
    click.echo(
        f"backup written: {target} ({manifest.database} database, {len(manifest.files)} files, "
        f"{size:,} bytes; audit head {manifest.audit_head or 'none'})"
    )


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option("--check", "check_only", is_flag=True, help="Only check the archive; change nothing.")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore(archive: str, check_only: bool, yes: bool) -> None:
    """Check ARCHIVE completely, then replace the desk's database, attachments and list store.

    Stop the desk (and any worker) first: a restore replaces the database under it.
    """
    from wgdesk.backup import BackupError, verify
    from wgdesk.backup import restore as restore_archive

    desk = _desk()
    try:
        manifest = verify(Path(archive))
    except BackupError as error:
        raise click.UsageError(str(error)) from None
    click.echo(
        f"archive checked: {len(manifest.files)} files match the manifest "
        f"({manifest.database}, taken {manifest.created_at} by wgdesk {manifest.wgdesk_version})"
    )
    if check_only:
        return
    if not yes:
        click.confirm("Replace the desk's database, attachments and list store?", abort=True)
    try:
        restore_archive(Path(archive), desk)
    except BackupError as error:
        raise click.UsageError(f"{error} (nothing was replaced)") from None
    click.echo("restored")
    _verify_audit(manifest.audit_head)


def _close_django() -> None:
    """Close Django's connections (the snapshot and the restore use their own)."""
    from django.db import connections

    connections.close_all()


def _verify_audit(anchor: str | None) -> None:
    """Verify the restored audit chain, and that it reaches the head taken at backup time."""
    _setup_django()
    _close_django()  # connections opened before the restore see the old database
    from wgdesk.web.audit.queries import check_anchor, verify_chain

    count, problems = verify_chain()
    if anchor:
        event_id, _, digest = anchor.partition(":")
        problem = check_anchor(int(event_id), digest)
        problems += [problem] if problem is not None else []
    if problems:
        for problem in problems:
            click.echo(f"event {problem.event_id}: {problem.reason}", err=True)
        click.echo(f"audit chain BROKEN after the restore: {len(problems)} problem(s)", err=True)
        sys.exit(1)
    reached = f", reaching the backup's head {anchor}" if anchor else ""
    click.echo(f"audit chain intact: {count} events verified{reached}")
