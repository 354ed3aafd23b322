"""Crash tests: kill -9 in the middle of work, then check that nothing acknowledged is lost.

- The desk under a bounded write load (API clients reviewing projects, each review an
  audit event naming its project): killed with SIGKILL, restarted, and every write that
  was acknowledged (HTTP 200) must be in the audit trail, which must still verify.
- `wgdesk lists load` and `wgdesk lists fetch` killed at several moments: the store must
  open, pass SQLite's integrity check, and hold either the new version complete and
  active, or the previous version still active and no trace of the new one.

All on loopback, bounded in time and size. The desk runs under gunicorn when it is
installed (the production server), else under Django's runserver.
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

from wgdesk.screening.store import STORE_FILE, SqliteListStore

FIXTURES = Path(__file__).parent / "fixtures"
UN_MINI = FIXTURES / "lists" / "un_mini.xml"
OFAC = FIXTURES / "lists" / "ofac"
PG_SERVER = "postgres://postgres@127.0.0.1:5432"
LOAD_SECONDS = 60.0  # the longest the write load runs before the kill
KILL_AFTER_ACKS = 30  # or after this many acknowledged writes, whichever comes first


def wgdesk(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the wgdesk command with the given environment, to completion."""
    done = subprocess.run(
        [sys.executable, "-m", "wgdesk.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and done.returncode != 0:
        raise AssertionError(f"wgdesk {' '.join(args)}: {done.returncode}\n{done.stderr}")
    return done


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# The desk under write load.


@pytest.fixture(params=["sqlite", "postgresql"])
def desk_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A migrated demo desk with a list loaded and an API token, on either database."""
    env = {"WGDESK_DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": ""}
    admin = None
    name = f"wgdesk_scale_crash_{os.getpid()}"
    if request.param == "postgresql":
        psycopg = pytest.importorskip("psycopg")
        try:
            admin = psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3)
        except psycopg.OperationalError:
            pytest.skip("no PostgreSQL server on 127.0.0.1:5432")
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
        env["DATABASE_URL"] = f"{PG_SERVER}/{name}"
    try:
        wgdesk(env, "manage", "migrate", "--noinput", "-v0")
        wgdesk(env, "demo")
        wgdesk(env, "lists", "load", str(UN_MINI))
        code = (
            "from django.contrib.auth.models import User\n"
            "from wgdesk.web.api.actions import issue_token\n"
            "print(issue_token(User.objects.get(username='rok.delegate'), 'crash', None))"
        )
        env["TOKEN"] = wgdesk(env, "manage", "shell", "-c", code).stdout.strip().splitlines()[-1]
        yield env
    finally:
        if admin is not None:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.close()


def start_desk(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """Start the desk in a process group of its own, on loopback."""
    # Name symbols off: the first screening in each server process starts in a second
    # rather than loading rigour's tables (about 8 s of CPU), which is not what is tested.
    server_env = {**os.environ, **env, "WGDESK_LOCAL_HTTP": "1", "WGDESK_NAME_SYMBOLS": "0"}
    if importlib.util.find_spec("gunicorn") is not None:
        command = [
            sys.executable, "-m", "gunicorn", "wgdesk.web.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
            "--worker-class", "gthread",
        ]  # fmt: skip
    else:
        command = [
            sys.executable, "-m", "wgdesk.cli", "manage", "runserver", "--noreload",
            f"127.0.0.1:{port}",
        ]  # fmt: skip
    server = subprocess.Popen(
        command,
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # one process group: kill -9 reaches every worker
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if request(port, env["TOKEN"], "GET", "/api/v1/lists")[0] == 200:
                warm_up(port, env["TOKEN"])
                return server
        if server.poll() is not None:
            raise AssertionError(f"the desk exited with {server.returncode} while starting")
        time.sleep(0.3)
    kill(server)
    raise AssertionError("the desk did not answer within 120 s")


def warm_up(port: int, token: str) -> None:
    """Review one project per server thread, so the load does not wait for first imports."""
    for _ in range(2):
        status, _ = request(port, token, "POST", "/api/v1/review", project("warm-up"), 180)
        assert status == 200


def kill(server: subprocess.Popen[bytes]) -> None:
    """kill -9 the desk's whole process group, and reap it."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.pid, signal.SIGKILL)
    server.wait(timeout=30)


def request(
    port: int,
    token: str,
    method: str,
    path: str,
    body: dict[str, Any] | None = None,
    timeout: float = 30,
) -> tuple[int, bytes]:
    """Send one API request; return the status and body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        payload = json.dumps(body).encode() if body is not None else None
        connection.request(method, path, body=payload, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def project(title: str) -> dict[str, Any]:
    """A small project whose review is audited under its title."""
    item = {"id": "rice", "description": "rice", "hs": "1006", "direction": "to_dprk"}
    return {"title": title, "items": [item]}


def write_load(port: int, token: str, acked: list[str], stop: threading.Event, worker: int) -> None:
    """Review projects until stopped; keep the title of every acknowledged review."""
    number = 0
    while not stop.is_set():
        title = f"crash-{worker}-{number}"
        number += 1
        try:
            status, _ = request(port, token, "POST", "/api/v1/review", project(title))
        except (OSError, http.client.HTTPException):
            continue  # the desk died under this request: not acknowledged
        if status == 200:
            acked.append(title)


def audited_titles(env: dict[str, str]) -> set[str]:
    """The project titles of the review events in the audit trail."""
    code = (
        "from wgdesk.web.audit.models import AuditEvent\n"
        "import json\n"
        "rows = AuditEvent.objects.filter(verb='review').values_list('data', flat=True)\n"
        "print(json.dumps([r.get('project') for r in rows]))"
    )
    out = wgdesk(env, "manage", "shell", "-c", code).stdout.strip().splitlines()[-1]
    return {t for t in json.loads(out) if t}


def test_kill_9_under_write_load_loses_no_acknowledged_write(desk_env: dict[str, str]) -> None:
    port = free_port()
    server = start_desk(desk_env, port)
    acked: list[str] = []
    stop = threading.Event()
    clients = [
        threading.Thread(target=write_load, args=(port, desk_env["TOKEN"], acked, stop, n))
        for n in range(3)
    ]
    try:
        for client in clients:
            client.start()
        deadline = time.monotonic() + LOAD_SECONDS
        while time.monotonic() < deadline and len(acked) < KILL_AFTER_ACKS:
            time.sleep(0.05)
        kill(server)  # mid-load: requests are in flight
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=60)
        kill(server)
    assert acked, "no write was acknowledged before the kill"
    server = start_desk(desk_env, port)
    try:
        status, _ = request(port, desk_env["TOKEN"], "POST", "/api/v1/review", project("after"))
        assert status == 200
    finally:
        kill(server)
    found = audited_titles(desk_env)
    missing = sorted(set(acked) - found)
    assert not missing, f"{len(missing)} acknowledged writes lost: {missing[:5]}"
    assert "after" in found
    verified = wgdesk(desk_env, "audit", "verify", check=False)
    assert verified.returncode == 0, verified.stderr
    assert "audit chain intact" in verified.stdout


# The list store under kill -9.


def big_ofac(folder: Path, rows: int) -> Path:
    """Write an OFAC sdn.csv of ``rows`` fictional entries: seconds to parse and store."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for number in range(rows):
        name = f"FICTIONAL TRADING COMPANY {number:06d} LIMITED"
        remarks = f"a.k.a. 'FTC {number}'; Website www.ftc{number}.example"
        lines.append(
            f'{100000 + number},"{name}",-0- ,"DPRK3",'
            f'-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"{remarks}"'
        )
    path = folder / "sdn.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def store_state(data: Path) -> tuple[dict[str, int], list[tuple[int, str, int, int]]]:
    """The store's active version per source, and each version with its stored entry count."""
    path = data / STORE_FILE
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with SqliteListStore(path) as store:  # opens, migrates nothing, reads every version
        active = {v.source: v.id for v in store.active_versions()}
        versions = [
            (v.id, v.source, v.entry_count, len(store.load(v.id).entries)) for v in store.versions()
        ]
    return active, versions


def run_and_kill(env: dict[str, str], args: list[str], after: float) -> int | None:
    """Start a wgdesk command, kill -9 it after ``after`` seconds; return its exit code."""
    process = subprocess.Popen(
        [sys.executable, "-m", "wgdesk.cli", *args],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        process.wait(timeout=after)
        return process.returncode  # finished before the kill
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        return None


def check_consistent(data: Path, previous: int, source: str) -> bool:
    """The store is whole; return whether the new version landed (complete and active)."""
    active, versions = store_state(data)
    for _, _, declared, stored in versions:
        assert declared == stored, "a version's entries are incomplete"
    if active.get(source) == previous:
        assert len([v for v in versions if v[1] == source]) == 1, "a half-imported version"
        return False
    newest = max(v[0] for v in versions if v[1] == source)
    assert active[source] == newest
    return True


def test_kill_9_during_lists_load_keeps_the_store_consistent(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"WGDESK_DATA_DIR": str(data)}
    wgdesk(env, "lists", "load", str(OFAC))
    previous = store_state(data)[0]["ofac"]
    big = big_ofac(tmp_path / "big", 15_000)
    # How long a whole load takes here (into a store of its own): the kills are spread
    # over its last part, where the version is stored, whatever the machine's speed.
    started = time.monotonic()
    wgdesk({"WGDESK_DATA_DIR": str(tmp_path / "timing")}, "lists", "load", str(big))
    whole = time.monotonic() - started
    killed = 0
    for share in (0.5, 0.75, 0.85, 0.92, 0.97, 1.0):
        if run_and_kill(env, ["lists", "load", str(big)], whole * share) is None:
            killed += 1
        if check_consistent(data, previous, "ofac"):
            break  # the new version landed whole; later kills would change nothing
    assert killed >= 1, "every load finished before the kill: nothing was tested"
    wgdesk(env, "lists", "load", str(big))  # and a load after the crashes works
    assert check_consistent(data, previous, "ofac")


class _Trickle(BaseHTTPRequestHandler):
    """Serves a list slowly, so a download is cut mid-way by the kill."""

    body = b""
    sent: ClassVar[list[int]] = []  # bytes sent per request, updated as they go

    def do_GET(self) -> None:
        self.sent.append(0)
        number = len(self.sent) - 1
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            for start in range(0, len(self.body), 4096):
                self.wfile.write(self.body[start : start + 4096])
                self.wfile.flush()
                self.sent[number] = start + 4096
                time.sleep(0.02)

    def log_message(self, *args: object) -> None:
        """Keep test output quiet."""


def test_kill_9_during_lists_fetch_keeps_the_previous_version_active(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {"WGDESK_DATA_DIR": str(data), "TMPDIR": str(tmp_path)}
    wgdesk(env, "lists", "load", str(OFAC))
    previous = store_state(data)[0]["ofac"]
    big = big_ofac(tmp_path / "big", 20_000)
    _Trickle.body = big.read_bytes()  # about 2 MB: 500 blocks, 10 s or more to send
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    downloads = 0
    env |= {
        "WGDESK_OFAC_SDN_URL": f"{base}/SDN.CSV",
        "WGDESK_OFAC_ALT_URL": f"{base}/ALT.CSV",
        "WGDESK_OFAC_ADD_URL": f"{base}/ADD.CSV",
    }
    try:
        for after in (1.0, 3.0, 6.0):
            _Trickle.sent.clear()
            assert run_and_kill(env, ["lists", "fetch", "--source", "ofac"], after) is None
            assert not check_consistent(data, previous, "ofac")
            if _Trickle.sent:  # killed mid-download, not before the first request
                assert 0 < _Trickle.sent[0] < len(_Trickle.body)
                downloads += 1
        assert downloads >= 1, "no kill came during a download: nothing was tested"
    finally:
        httpd.shutdown()
        httpd.server_close()
