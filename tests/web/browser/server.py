"""The desk under test: a fresh database with the demo loaded, served on 127.0.0.1.

``python -m tests.web.browser.server`` migrates the database named by the environment
(SQLite in ``WGDESK_DATA_DIR``, or ``DATABASE_URL``), loads the demo working group and
serves the desk's WSGI application with Django's threaded WSGI server on a free loopback
port, printed as ``PORT <n>``. ``LiveDesk`` runs it in a child process, so the browser
tests reach the desk over HTTP only, exactly as a user does, and DEBUG stays off.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT = 120.0  # migrating and loading the demo on PostgreSQL takes a few seconds


def serve() -> None:
    """Migrate, load the demo and serve until terminated (runs in the child process)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wgdesk.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    from wgdesk.web.demo import load

    call_command("migrate", interactive=False, verbosity=0)
    load()
    httpd = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    httpd.set_app(get_wsgi_application())
    print(f"PORT {httpd.server_port}", flush=True)
    httpd.serve_forever()


def _admin_dsn(url: str) -> str:
    """The same PostgreSQL server, database ``postgres`` (to create and drop databases)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))


def _database_name(url: str) -> str:
    """A database of our own beside the suite's, one per xdist worker."""
    base = urlsplit(url).path.lstrip("/") or "wgdesk"
    return f"{base}_browser_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"


def _recreate_postgres(url: str, name: str, create: bool) -> None:
    """Drop the browser tests' database (forcing out old sessions) and create it again."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(_admin_dsn(url), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        if create:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class LiveDesk:
    """A desk server in a child process, with its own data folder and database."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.log_path = workdir / "server.log"
        self.url = ""
        self.postgres_url = os.environ.get("DATABASE_URL", "")
        self.postgres_name = _database_name(self.postgres_url) if self.postgres_url else ""
        self._process: subprocess.Popen[str] | None = None

    def _environment(self) -> dict[str, str]:
        """The child's environment: production mode, a fresh data folder and database."""
        env = dict(os.environ)
        env.pop("WGDESK_DEBUG", None)
        env["WGDESK_DATA_DIR"] = str(self.workdir / "data")
        env["DJANGO_SETTINGS_MODULE"] = "wgdesk.web.settings"
        if self.postgres_url:
            parts = urlsplit(self.postgres_url)
            path = f"/{self.postgres_name}"
            env["DATABASE_URL"] = urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))
        return env

    def start(self) -> str:
        """Start the server and return its base URL once it listens."""
        if self.postgres_url:
            _recreate_postgres(self.postgres_url, self.postgres_name, create=True)
        with self.log_path.open("w") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "tests.web.browser.server"],
                cwd=REPO_ROOT,
                env=self._environment(),
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
        self.url = f"http://127.0.0.1:{self._wait_for_port()}"
        return self.url

    def _wait_for_port(self) -> int:
        """Read ``PORT <n>`` from the child, failing with its log if it dies or hangs."""
        assert self._process is not None and self._process.stdout is not None
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self._process.stdout], [], [], 0.5)
            if ready:
                line = self._process.stdout.readline()
                if line.startswith("PORT "):
                    return int(line.split()[1])
                if not line and self._process.poll() is not None:
                    break
        self.stop()
        raise RuntimeError(f"the desk server did not start:\n{self.log_path.read_text()}")

    def stop(self) -> None:
        """Stop the server and drop its PostgreSQL database."""
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
            self._process = None
        if self.postgres_url:
            _recreate_postgres(self.postgres_url, self.postgres_name, create=False)


if __name__ == "__main__":
    serve()
