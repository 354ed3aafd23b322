"""The one settings registry of the engine and the CLI.

Every setting has a name, the environment variable that overrides it, a default and
help text. ``docs/settings.md`` documents each one, and a test fails when a setting
is missing there. Secrets are not engine settings; the web app reads them in one place.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


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
        "max_name_length",
        "WGDESK_MAX_NAME_LENGTH",
        "500",
        "Longest name, in characters, that screening accepts; longer ones get a per-record "
        "error instead of being truncated.",
    ),
    Setting(
        "http_timeout",
        "WGDESK_HTTP_TIMEOUT",
        "60",
        "Seconds to wait for an official list or nomenclature download.",
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
)

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """Return a setting's value: its environment variable if set, else its default."""
    setting = _BY_NAME[name]
    value = os.environ.get(setting.env)
    return value if value not in (None, "") else setting.default


def get_float(name: str) -> float:
    """Return a numeric setting, naming the variable when its value is not a number."""
    raw = get(name)
    try:
        return float(raw)
    except ValueError:
        raise ValueError(f"{_BY_NAME[name].env}={raw!r} is not a number") from None


def data_dir() -> Path:
    """Return the data folder, creating it on first use."""
    path = Path(get("data_dir")).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def shared_dir() -> Path:
    """Return the read-only shared reference folder (it may not exist)."""
    return Path(get("shared_dir")).expanduser()
