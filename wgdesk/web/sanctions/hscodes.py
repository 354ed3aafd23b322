"""HS code suggestions for the project form, from the installed HS 2022 nomenclature.

The nomenclature (``wgdesk hs fetch``) and its search index are read once per process
and read again only when the installed file changes, so a suggestion costs a lookup, not
a CSV read. Digits find the headings and subheadings starting with them; words (English
or Korean) go through ``wgdesk hs search``'s ranked search.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from wgdesk import config
from wgdesk.rules.hs import NOMENCLATURE_FILE, Nomenclature
from wgdesk.rules.hs_search import SearchIndex

LIMIT = 12
_CODE = re.compile(r"[\d.\s]+\Z")
_lock = threading.Lock()
_cached: tuple[tuple[str, int], Nomenclature, SearchIndex] | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One code to offer: dotted as a project file writes it, with its description."""

    code: str
    description: str


def _installed_path() -> Path:
    """Where `wgdesk hs fetch` puts the nomenclature (not created by reading)."""
    return Path(config.get("data_dir")).expanduser() / "hs" / NOMENCLATURE_FILE


def _index() -> tuple[Nomenclature, SearchIndex] | None:
    """The installed nomenclature and its index, rebuilt when the file changed; None if absent."""
    global _cached
    path = _installed_path()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return None
    with _lock:
        if _cached is None or _cached[0] != key:
            nomenclature = Nomenclature.load(path)
            _cached = (key, nomenclature, SearchIndex(nomenclature))
        return _cached[1], _cached[2]


def available() -> bool:
    """Whether the nomenclature is installed (suggestions need it)."""
    return _installed_path().exists()


def dotted(code: str) -> str:
    """8602 stays 8602; 860210 becomes 8602.10 (the form a project file writes)."""
    return code if len(code) <= 4 else f"{code[:4]}.{code[4:]}"


def suggest(query: str, limit: int = LIMIT) -> list[Suggestion]:
    """Codes for what a reader typed: a code prefix, or words in English or Korean."""
    query = query.strip()
    loaded = _index() if query else None
    if loaded is None:
        return []
    nomenclature, index = loaded
    if _CODE.match(query):
        digits = re.sub(r"\D", "", query)
        if len(digits) < 2:
            return []
        found = [
            entry
            for code, entry in sorted(nomenclature.entries.items())
            if code.startswith(digits) and entry.level in (4, 6)
        ]
        return [Suggestion(dotted(e.code), e.description) for e in found[:limit]]
    return [Suggestion(dotted(hit.code), hit.description) for hit in index.search(query, limit)]
