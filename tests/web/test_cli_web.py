"""The desk's commands, run in-process with click's CliRunner."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from wgdesk.cli import main
from wgdesk.web.groups.models import Member, WorkingGroup

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_prints_logins() -> None:
    before = (WorkingGroup.objects.count(), Member.objects.count())
    result = CliRunner().invoke(main, ["demo"])
    assert result.exit_code == 0, result.output
    assert "already present" in result.output
    assert "lee.dohoon" in result.output and "wgdesk-demo-2018" in result.output
    assert (WorkingGroup.objects.count(), Member.objects.count()) == before


def test_demo_codes_prints_a_six_digit_code_per_user() -> None:
    result = CliRunner().invoke(main, ["demo", "codes"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 10
    assert all(re.fullmatch(r"[a-z.]+\s+\d{6}", line) for line in lines)


def test_sqlite_database_runs_in_wal_mode(tmp_path: object) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])\n"
    )
    env = {
        **os.environ,
        "WGDESK_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "wgdesk.web.settings",
    }
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "wal", out.stderr
