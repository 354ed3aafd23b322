"""Desk load benchmark: p50/p95/p99 page times under 50 concurrent signed-in users.

Target (issue 4): with the demo grown to 5 years of monthly meetings, the p95 page time is
at most 150 ms under 50 concurrent logged-in users, on SQLite and on PostgreSQL.

For each database this script
1. prepares a fresh desk: migrate, ``wgdesk demo --years 5``, then seats the users
   (``desk_members.py``: the demo's ten plus members invited per side and role);
2. starts gunicorn (gthread workers) on 127.0.0.1, DEBUG off, static files by WhiteNoise;
3. signs every user in over HTTP (password, then the current TOTP code) and warms up each
   page once per session, so sessions exist before anything is measured;
4. runs locust headless with one simulated user per session for a fixed time, each
   browsing the typical pages with a pause ("think time") between pages, in several
   rounds, measuring where the CPU went (server, PostgreSQL, locust, other jobs);
5. prints p50/p95/p99 and requests/s per page and overall for the round least disturbed
   by other jobs on the machine, next to the target.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/desk_load.py                  # SQLite and PostgreSQL
    .venv/bin/python benchmarks/desk_load.py --db sqlite --think 0,0   # closed loop

Everything runs on loopback; runs are bounded by ``--duration``. Results are also written
as JSON to ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import platform
import re
import resource
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import pyotp

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
BIN = Path(sys.executable).parent
TARGET_P95_MS = 150.0
# name, weight, path template: the pages a member opens most, in a plausible proportion.
PAGES = (
    ("dashboard", 3, "/"),
    ("meeting list", 2, "/meetings/"),
    ("meeting page", 3, "/meetings/{meeting}/"),
    ("minutes", 2, "/minutes/{meeting}/"),
    ("agenda tree", 2, "/agenda/"),
    ("agenda item", 1, "/agenda/items/{item}/"),
    ("positions", 2, "/positions/"),
    ("action items", 2, "/action-items/"),
    ("search", 1, "/search/?q={term}"),
)


@dataclass
class Options:
    """What to measure and how."""

    users: int
    duration: int
    years: int
    think: str
    workers: int
    threads: int
    postgres_url: str
    out: Path
    quiet_wait: int
    rounds: int


@dataclass
class Visitor:
    """A minimal HTTP client for signing in: it keeps cookies by hand, because the desk's
    cookies are Secure and client cookie jars refuse to send them over http."""

    host: str
    port: int
    language: str
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Any:
        """Send one request with the cookies; remember the cookies set; return
        (status, location header, body)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Accept-Language": self.language, "Cookie": self.cookie_header()}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        for header in response.msg.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        text = response.read().decode("utf-8", "replace")
        conn.close()
        return response.status, response.getheader("Location", ""), text

    def cookie_header(self) -> str:
        """The Cookie header for the next request."""
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        """GET a form page, then POST it with its CSRF token; return (status, location)."""
        status, _, html = self.request("GET", path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        if status != 200 or match is None:
            raise RuntimeError(f"GET {path} answered {status} without a form")
        status, location, _ = self.request(
            "POST", path, {"csrfmiddlewaretoken": match.group(1), **fields}
        )
        return status, location


def sign_in(base: str, user: dict[str, str], language: str) -> Visitor:
    """Sign a user in with the password, then the TOTP code (retrying once in the next
    30-second step if this step's code was already used)."""
    parts = urlsplit(base)
    visitor = Visitor(parts.hostname or "127.0.0.1", parts.port or 80, language)
    fields = {"username": user["username"], "password": user["password"], "next": ""}
    status, location = visitor.post_form("/accounts/login/", fields)
    if status != 302 or not location.endswith("/accounts/verify/"):
        raise RuntimeError(f"{user['username']}: password step answered {status} {location}")
    for attempt in range(2):
        code = pyotp.TOTP(user["secret"]).now()
        status, location = visitor.post_form("/accounts/verify/", {"code": code})
        if status == 302:
            return visitor
        if attempt == 0:
            time.sleep(30 - time.time() % 30 + 1)
    raise RuntimeError(f"{user['username']}: the TOTP code was refused")


def _run(command: list[str], env: dict[str, str]) -> None:
    """Run a step of the preparation, failing loudly."""
    subprocess.run(command, env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)


def _postgres_env(options: Options, env: dict[str, str]) -> dict[str, str]:
    """Recreate the benchmark's own PostgreSQL database; point DATABASE_URL at it."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(options.postgres_url)
    name = parts.path.lstrip("/")
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", parts.query, ""))
    database = sql.Identifier(name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(database))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(database))
    return {**env, "DATABASE_URL": options.postgres_url}


def prepare(options: Options, db: str) -> tuple[dict[str, str], dict[str, Any]]:
    """A fresh desk on ``db`` with the grown demo and the users; return (env, plan)."""
    data = options.out / f"desk-{db}"
    for stale in data.glob("desk.sqlite3*"):
        stale.unlink()
    data.mkdir(parents=True, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "WGDESK_DEBUG")}
    env.update(WGDESK_DATA_DIR=str(data), DJANGO_SETTINGS_MODULE="wgdesk.web.settings")
    if db == "postgres":
        env = _postgres_env(options, env)
    started = time.perf_counter()
    _run([str(BIN / "wgdesk"), "manage", "migrate", "--noinput", "-v0"], env)
    _run([str(BIN / "wgdesk"), "demo", "--years", str(options.years)], env)
    plan_path = data / "plan.json"
    members = [sys.executable, str(HERE / "desk_members.py"), str(options.users), str(plan_path)]
    _run(members, env)
    print(f"  prepared in {time.perf_counter() - started:.0f} s", flush=True)
    return env, json.loads(plan_path.read_text("utf-8"))


def _free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _cpu_by_process(pid: int | None = None, command: str = "") -> dict[int, float]:
    """CPU seconds (user + system) used so far, per process: a process and its children,
    or every process with this command name."""
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except (OSError, ValueError):
            continue  # the process ended meanwhile
        fields = tail.split()
        this = int(stat.parent.name)
        if (pid is not None and pid in (this, int(fields[1]))) or (
            command and head.endswith(f"({command}")
        ):
            found[this] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def _cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used between two snapshots by the processes alive at the end (a process that
    ended meanwhile, such as a recycled database connection, is left out)."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def _machine_busy_seconds() -> float:
    """CPU time the whole machine has spent busy (all cores), from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = values
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


@dataclass
class CpuMeter:
    """Where the CPU went during the measured run: our server, PostgreSQL, locust, and
    everything else on the machine (other people's jobs distort latencies)."""

    server_pid: int
    start: tuple[Any, ...] = ()

    def _now(self) -> tuple[Any, ...]:
        """Server and PostgreSQL processes, children (locust, once reaped), machine."""
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (
            _cpu_by_process(self.server_pid),
            _cpu_by_process(command="postgres"),
            children.ru_utime + children.ru_stime,
            _machine_busy_seconds(),
        )

    def __enter__(self) -> CpuMeter:
        self.start = self._now()
        return self

    def __exit__(self, *exc: object) -> None:
        end = self._now()
        self.server = _cpu_used(self.start[0], end[0])
        self.postgres = _cpu_used(self.start[1], end[1])
        self.locust = end[2] - self.start[2]
        busy = end[3] - self.start[3]
        self.others = max(0.0, busy - self.server - self.postgres - self.locust)


@contextmanager
def gunicorn(options: Options, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """Serve the desk with gunicorn on loopback for the duration of the block."""
    port = _free_port()
    command = [
        str(BIN / "gunicorn"),
        "wgdesk.web.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={options.workers}",
        f"--threads={options.threads}",
        "--worker-class=gthread",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=REPO)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(port, server)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    """Wait until the sign-in page answers (at most a minute)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/accounts/login/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer within a minute")


def pages_on(visitor: Visitor) -> list[dict[str, Any]]:
    """The page mix, without pages this desk does not have yet (search before it lands)."""
    available = []
    for name, weight, template in PAGES:
        path = template.format(meeting=1, item=1, term="railway")
        status, _, _ = visitor.request("GET", path)
        if status == 404 and name == "search":
            print("  search: /search/ is not on this desk yet; left out of the mix")
            continue
        available.append({"name": name, "weight": weight, "path": template})
    return available


def sessions_for(base: str, plan: dict[str, Any]) -> tuple[list[dict[str, str]], list[Any]]:
    """Sign every user in (half ask for Korean) and warm every page once per session."""
    sessions, visitors = [], []
    for n, user in enumerate(plan["users"]):
        language = "ko-KR,ko;q=0.9" if n % 2 else "en-US,en;q=0.9"
        visitor = sign_in(base, user, language)
        visitors.append(visitor)
        sessions.append({"cookie": visitor.cookie_header(), "language": language})
    pages = pages_on(visitors[0])
    for visitor in visitors:
        for page in pages:
            path = page["path"].format(
                meeting=plan["meetings"][-1], item=plan["items"][0], term="railway"
            )
            status, _, _ = visitor.request("GET", path)
            if status not in (200, 404):
                raise RuntimeError(f"warm-up: {path} answered {status}")
    return sessions, pages


def run_locust(options: Options, base: str, sessions_path: Path, prefix: Path) -> None:
    """Run locust headless: one simulated user per session, for the fixed duration."""
    env = {**os.environ, "DESK_SESSIONS": str(sessions_path), "DESK_THINK": options.think}
    command = [
        str(BIN / "locust"),
        "-f",
        str(HERE / "desk_locustfile.py"),
        "--headless",
        f"--users={options.users}",
        # Users arrive over five seconds (real users do not click in the same millisecond)
        # and the figures start once all are there: a start-up burst is not the steady state.
        f"--spawn-rate={max(1, options.users // 5)}",
        "--reset-stats",
        f"--run-time={options.duration + 5}s",
        f"--host={base}",
        f"--csv={prefix}",
        "--only-summary",
        "--loglevel=WARNING",
        "--stop-timeout=10",
    ]
    subprocess.run(command, env=env, cwd=REPO, check=False, stdout=subprocess.DEVNULL)


def read_stats(prefix: Path) -> list[dict[str, Any]]:
    """Per-page and overall figures from locust's CSV (times in ms)."""
    rows = []
    with Path(f"{prefix}_stats.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.append(
                {
                    "page": row["Name"] if row["Name"] != "Aggregated" else "overall",
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "p99": float(row["99%"]),
                    "max": float(row["Max Response Time"]),
                }
            )
    return rows


def print_table(db: str, rows: list[dict[str, Any]], options: Options) -> None:
    """The figures next to the target."""
    print(f"\n{db}: {options.users} users, think {options.think} s, {options.duration} s")
    head = ("page", "requests", "fail", "req/s", "p50", "p95", "p99")
    print("{:<14}{:>9}{:>6}{:>8}{:>7}{:>7}{:>7}  target".format(*head))
    for r in rows:
        verdict = "met" if r["p95"] <= TARGET_P95_MS else "MISSED"
        print(
            f"{r['page']:<14}{r['requests']:>9}{r['failures']:>6}{r['rps']:>8.1f}"
            f"{r['p50']:>7.0f}{r['p95']:>7.0f}{r['p99']:>7.0f}"
            f"  p95 ≤ {TARGET_P95_MS:.0f} ms: {verdict}"
        )


def wait_for_quiet(minutes: int) -> float:
    """Wait (at most ``minutes``) until the 1-minute load average is below 1, since other
    jobs on a shared 2-core machine distort latencies; return the load average."""
    deadline = time.monotonic() + 60 * minutes
    while os.getloadavg()[0] >= 1.0 and time.monotonic() < deadline:
        time.sleep(10)
    load = os.getloadavg()[0]
    if load >= 1.0:
        print(f"  WARNING: load average {load:.1f} before measuring: other jobs share the CPUs")
    return load


def one_round(options: Options, base: str, pid: int, sessions: Path, prefix: Path) -> Any:
    """One measured locust run: the figures and where the CPU went."""
    load_before = wait_for_quiet(options.quiet_wait)
    with CpuMeter(pid) as cpu:
        run_locust(options, base, sessions, prefix)
    rows = read_stats(prefix)
    seconds = options.duration + 5
    overall = rows[-1]
    result = {
        "rows": rows,
        "server_cpu_ms_per_request": 1000 * cpu.server / max(1, overall["requests"]),
        "postgres_cpu_s": cpu.postgres,
        "locust_cpu_s": cpu.locust,
        "other_jobs_cores": cpu.others / seconds,
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
    }
    print(
        f"  round: overall p50/p95/p99 {overall['p50']:.0f}/{overall['p95']:.0f}/"
        f"{overall['p99']:.0f} ms, {overall['rps']:.1f} req/s; server CPU "
        f"{result['server_cpu_ms_per_request']:.1f} ms/request, PostgreSQL {cpu.postgres:.1f} s,"
        f" locust {cpu.locust:.1f} s; other jobs on the machine "
        f"{result['other_jobs_cores']:.2f} cores",
        flush=True,
    )
    return result


def measure(options: Options, db: str) -> dict[str, Any]:
    """Prepare, serve and sign in once, then run the load ``rounds`` times and report the
    round least disturbed by other jobs on the machine (all rounds are saved)."""
    print(f"{db}: preparing the grown demo ({options.years} years) and {options.users} users")
    env, plan = prepare(options, db)
    with gunicorn(options, env) as (base, pid):
        sessions, pages = sessions_for(base, plan)
        sessions_path = options.out / f"desk-{db}" / "sessions.json"
        sessions_path.write_text(
            json.dumps({**plan, "sessions": sessions, "pages": pages}), encoding="utf-8"
        )
        print(f"  {len(sessions)} users signed in; {options.rounds} × {options.duration} s")
        rounds = [
            one_round(options, base, pid, sessions_path, options.out / f"desk-load-{db}-{n}")
            for n in range(options.rounds)
        ]
    chosen = min(rounds, key=lambda r: r["other_jobs_cores"])
    print_table(db, chosen["rows"], options)
    print(f"(the round with the least other load: {chosen['other_jobs_cores']:.2f} cores)")
    return {"database": db, "chosen": chosen, "rounds": rounds}


def machine() -> str:
    """A one-line description of where the figures were taken."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = found.group(1).strip() if found else cpu
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def parse() -> tuple[Options, list[str]]:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--think", default="1,3", help="pause between pages: min,max seconds")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/wgdesk_bench")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument(
        "--quiet-wait", type=int, default=0, help="minutes to wait for an idle machine first"
    )
    parser.add_argument("--rounds", type=int, default=3, help="measured runs per database")
    args = parser.parse_args()
    if not 1 <= args.duration <= 1800 or not 1 <= args.users <= 500 or not 1 <= args.rounds <= 10:
        parser.error("--duration must be 1..1800 s, --users 1..500 and --rounds 1..10")
    options = Options(
        args.users,
        args.duration,
        args.years,
        args.think,
        args.workers,
        args.threads,
        args.postgres_url,
        args.out,
        args.quiet_wait,
        args.rounds,
    )
    return options, ["sqlite", "postgres"] if args.db == "both" else [args.db]


def main() -> None:
    """Measure each database and save the figures."""
    options, databases = parse()
    options.out.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    print(f"server: gunicorn, {options.workers} workers × {options.threads} threads (gthread)")
    results = [measure(options, db) for db in databases]
    summary = {"machine": machine(), "options": {**vars(options), "out": str(options.out)}}
    path = options.out / "desk-load.json"
    path.write_text(json.dumps({**summary, "results": results}, indent=1), encoding="utf-8")
    print(f"\nfigures saved to {path}")


if __name__ == "__main__":
    main()
