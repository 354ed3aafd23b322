"""The one settings registry of the engine and the CLI.

Every setting has a name, the environment variable that overrides it, a default and
help text. ``docs/settings.md`` documents each one, and a test fails when a setting
is missing there. Secrets are not engine settings; the web app reads them in one place.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Setting:
    """One configurable value with its environment variable, default and help."""

    name: str
    env: str
    default: str
    help: str


_REPO_ROOT = Path(__file__).resolve().parent.parent

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "data_dir",
        "WGDESK_DATA_DIR",
        str(Path.home() / ".local" / "share" / "wgdesk"),
        "Folder holding the local list store (lists.sqlite3), downloaded files and the HS "
        "nomenclature.",
    ),
    Setting(
        "cache_dir",
        "WGDESK_CACHE_DIR",
        str(Path.home() / ".cache" / "wgdesk"),
        "Folder for derived files that can be rebuilt at any time: the table of rigour's "
        "person-name symbols, built on first use.",
    ),
    Setting(
        "shared_dir",
        "WGDESK_SHARED",
        str(_REPO_ROOT.parent / "shared"),
        "Read-only reference folder with real list files, used by real-data tests, "
        "benchmarks and the offline fallback of `make run`.",
    ),
    Setting(
        "review_threshold",
        "WGDESK_REVIEW_THRESHOLD",
        "0.70",
        "Default score at or above which a screening candidate needs human review.",
    ),
    Setting(
        "match_threshold",
        "WGDESK_MATCH_THRESHOLD",
        "0.88",
        "Default score at or above which a screening candidate is a match.",
    ),
    Setting(
        "http_timeout",
        "WGDESK_HTTP_TIMEOUT",
        "60",
        "Seconds to wait for an official list or nomenclature download.",
    ),
    Setting(
        "max_name_length",
        "WGDESK_MAX_NAME_LENGTH",
        "500",
        "Longest name, in characters, that screening accepts; longer ones get a per-record "
        "error instead of being truncated.",
    ),
    Setting(
        "name_symbols",
        "WGDESK_NAME_SYMBOLS",
        "1",
        "Set to 0 to screen without rigour's person-name symbols (given-name equivalents, "
        "nicknames and other-script forms from Wikidata): saves about 8 s and 300 MB per "
        "process that screens, and loses those matches.",
    ),
    Setting(
        "phonetic_matching",
        "WGDESK_PHONETIC_MATCHING",
        "0",
        "Set to 1 to let Latin words that sound alike (same metaphone code) agree in "
        "screening by default; `wgdesk screen --phonetic` and the API's `phonetic` turn it "
        "on per run.",
    ),
    Setting(
        "pure_python",
        "WGDESK_PURE_PYTHON",
        "0",
        "Set to 1 to run the screening engine from its Python sources even when its compiled "
        "build is current (same answers, slower): for debugging and profiling.",
    ),
    Setting(
        "reset_answer_seconds",
        "WGDESK_RESET_ANSWER_SECONDS",
        "1.0",
        "The desk's answer to a password-reset request takes at least this long, whether or "
        "not an account has the address: sending the email must not show in the timing.",
    ),
    Setting(
        "list_max_age_days",
        "WGDESK_LIST_MAX_AGE_DAYS",
        "30",
        "The desk's sanctions pages warn when an active list version was published more "
        "than this many days ago.",
    ),
    Setting(
        "un_list_url",
        "WGDESK_UN_LIST_URL",
        "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
        "Where `wgdesk lists fetch` downloads the UN Security Council consolidated list (XML).",
    ),
    Setting(
        "ofac_sdn_url",
        "WGDESK_OFAC_SDN_URL",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.CSV",
        "Where `wgdesk lists fetch` downloads OFAC's SDN list (legacy sdn.csv).",
    ),
    Setting(
        "ofac_alt_url",
        "WGDESK_OFAC_ALT_URL",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ALT.CSV",
        "Where `wgdesk lists fetch` downloads OFAC's SDN aliases (legacy alt.csv).",
    ),
    Setting(
        "ofac_add_url",
        "WGDESK_OFAC_ADD_URL",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADD.CSV",
        "Where `wgdesk lists fetch` downloads OFAC's SDN addresses (legacy add.csv).",
    ),
    Setting(
        "ofac_comments_url",
        "WGDESK_OFAC_COMMENTS_URL",
        "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_COMMENTS.CSV",
        "Where `wgdesk lists fetch` downloads the rest of OFAC's long SDN remarks"
        " (legacy sdn_comments.csv).",
    ),
    Setting(
        "hs_url",
        "WGDESK_HS_URL",
        "https://raw.githubusercontent.com/datasets/harmonized-system/main/data/harmonized-system.csv",
        "Where `wgdesk hs fetch` downloads the HS 2022 nomenclature (datasets/harmonized-system, "
        "from UN Comtrade).",
    ),
    Setting(
        "hs_sections_url",
        "WGDESK_HS_SECTIONS_URL",
        "https://raw.githubusercontent.com/datasets/harmonized-system/main/data/sections.csv",
        "Where `wgdesk hs fetch` downloads the names of the HS sections.",
    ),
    Setting(
        "web_debug",
        "WGDESK_DEBUG",
        "0",
        "Set to 1 to run the desk in Django's DEBUG mode (never in production: it relaxes "
        "HTTPS-only cookies and HSTS).",
    ),
    Setting(
        "local_http",
        "WGDESK_LOCAL_HTTP",
        "0",
        "Set to 1 to serve the desk over plain http on loopback (what `make run` does): "
        "cookies lose only their Secure flag and HSTS is not sent, DEBUG stays off. Refused "
        "unless every allowed host is a loopback name, and non-loopback clients get 403.",
    ),
    Setting(
        "allowed_hosts",
        "WGDESK_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the desk answers to.",
    ),
    Setting(
        "upload_max_bytes",
        "WGDESK_UPLOAD_MAX_BYTES",
        str(10 * 1024 * 1024),
        "Largest attachment the desk accepts, in bytes.",
    ),
    Setting(
        "login_max_failures",
        "WGDESK_LOGIN_MAX_FAILURES",
        "5",
        "Failed sign-ins (password or code) on one account within the throttle window that "
        "lock the account for the rest of the window.",
    ),
    Setting(
        "login_max_failures_ip",
        "WGDESK_LOGIN_MAX_FAILURES_IP",
        "20",
        "Failed sign-ins from one IP address within the throttle window that block that "
        "address for the rest of the window.",
    ),
    Setting(
        "login_window_minutes",
        "WGDESK_LOGIN_WINDOW_MINUTES",
        "15",
        "Length of the login-throttle window, in minutes.",
    ),
    Setting(
        "site_url",
        "WGDESK_SITE_URL",
        "",
        "Public address of the desk (e.g. https://desk.example.org), used for absolute links "
        "in emails, calendar feeds, CSV exports and the API. Unset, links use the address of "
        "the request being answered; `wgdesk remind`, which answers no request, then refuses "
        "to send.",
    ),
    Setting(
        "time_zone",
        "WGDESK_TIME_ZONE",
        "Asia/Seoul",
        "Display time zone (IANA name) of members who have not chosen their own, of the "
        "sign-in pages and of emails to them.",
    ),
    Setting(
        "email_backend",
        "WGDESK_EMAIL_BACKEND",
        "console",
        "How the desk sends email: console (print to standard output) or smtp.",
    ),
    Setting(
        "email_host",
        "WGDESK_EMAIL_HOST",
        "localhost",
        "SMTP server name (with email_backend=smtp).",
    ),
    Setting("email_port", "WGDESK_EMAIL_PORT", "587", "SMTP server port."),
    Setting(
        "email_host_user",
        "WGDESK_EMAIL_HOST_USER",
        "",
        "SMTP user name; the password is a secret (EMAIL_HOST_PASSWORD, see docs/settings.md).",
    ),
    Setting(
        "email_use_tls",
        "WGDESK_EMAIL_USE_TLS",
        "1",
        "Set to 0 to talk to the SMTP server without STARTTLS (local relays only).",
    ),
    Setting(
        "email_from",
        "WGDESK_EMAIL_FROM",
        "Working Group Desk <desk@localhost>",
        "Sender address of the desk's notifications.",
    ),
    Setting(
        "project_expiry_days",
        "WGDESK_PROJECT_EXPIRY_DAYS",
        "30",
        "The dashboard and `wgdesk remind` list Committee approvals of projects that expire "
        "within this many days (and those already expired while the project is open).",
    ),
    Setting(
        "remind_lead_days",
        "WGDESK_REMIND_LEAD_DAYS",
        "3",
        "`wgdesk remind` reminds owners of open action items due within this many days "
        "(and of overdue ones).",
    ),
    Setting(
        "screen_max_names",
        "WGDESK_SCREEN_MAX_NAMES",
        "100",
        "Most names one screening request may hold, on the desk's page and in POST "
        "/api/v1/screen (larger batches: `wgdesk screen --input`).",
    ),
    Setting(
        "project_max_bytes",
        "WGDESK_PROJECT_MAX_BYTES",
        str(1024 * 1024),
        "Largest project file, in bytes, that the desk's review page and POST /api/v1/review "
        "accept.",
    ),
    Setting(
        "api_max_body_bytes",
        "WGDESK_API_MAX_BODY_BYTES",
        str(2 * 1024 * 1024),
        "Largest HTTP API request body, in bytes (answered 413 above it).",
    ),
    Setting(
        "api_rate_limit",
        "WGDESK_API_RATE_LIMIT",
        "120",
        "HTTP API requests one token may make per rate window (answered 429 above it).",
    ),
    Setting(
        "api_rate_window_seconds",
        "WGDESK_API_RATE_WINDOW_SECONDS",
        "60",
        "Length of the HTTP API rate window, in seconds.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """Return a setting's value: its environment variable if set, else its default."""
    setting = _BY_NAME[name]
    value = os.environ.get(setting.env)
    return value if value not in (None, "") else setting.default


def _parsed(name: str, cast: Callable[[str], T], what: str) -> T:
    """Convert a setting, naming the variable when its value cannot be converted."""
    raw = get(name)
    try:
        return cast(raw)
    except ValueError:
        raise ValueError(f"{_BY_NAME[name].env}={raw!r} is not {what}") from None


def get_float(name: str) -> float:
    """Return a numeric setting, naming the variable when its value is not a number."""
    return _parsed(name, float, "a number")


def get_int(name: str) -> int:
    """Return a whole-number setting, naming the variable when its value is not one."""
    return _parsed(name, int, "a whole number")


def get_bool(name: str) -> bool:
    """Return a yes/no setting: 1, true, yes and on (any case) mean yes."""
    return get(name).strip().lower() in {"1", "true", "yes", "on"}


def data_dir() -> Path:
    """Return the data folder, creating it on first use."""
    path = Path(get("data_dir")).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_dir() -> Path:
    """Return the cache folder (created by whoever writes into it)."""
    return Path(get("cache_dir")).expanduser()


def shared_dir() -> Path:
    """Return the read-only shared reference folder (it may not exist)."""
    return Path(get("shared_dir")).expanduser()
