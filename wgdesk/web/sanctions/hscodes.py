"""HS code suggestions for the project form, from the installed HS 2022 nomenclature.

The nomenclature (``wgdesk hs fetch``) and its search index are read once per process
and read again only when the installed file changes, so a suggestion costs a lookup, not
a CSV read. Digits find the headings and subheadings starting with them; words (English
or Korean) go through ``wgdesk hs search``'s ranked search.
"""

from __future__ import annotations

import bisect
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from wgdesk import config
from wgdesk.rules.hs import NOMENCLATURE_FILE, Entry, Nomenclature
from wgdesk.rules.hs_search import SearchIndex

LIMIT = 12
_CODE = re.compile(r"[\d.\s]+\Z")
_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class _Loaded:
    """The nomenclature's headings and subheadings in code order, and its search index."""

    codes: list[str]
    entries: list[Entry]
    index: SearchIndex


_cached: tuple[tuple[str, int], _Loaded] | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One code to offer: dotted as a project file writes it, with its description."""

    code: str
    description: str


def _installed_path() -> Path:
    """Where `wgdesk hs fetch` puts the nomenclature (not created by reading)."""
    return Path(config.get("data_dir")).expanduser() / "hs" / NOMENCLATURE_FILE


def _load(path: Path) -> _Loaded:
    """Read the nomenclature and build the sorted code list and the search index."""
    nomenclature = Nomenclature.load(path)
    entries = sorted(
        (e for e in nomenclature.entries.values() if e.level in (4, 6)), key=lambda e: e.code
    )
    return _Loaded([e.code for e in entries], entries, SearchIndex(nomenclature))


def _index() -> _Loaded | None:
    """The installed nomenclature, loaded again when the file changed; None if absent."""
    global _cached
    path = _installed_path()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except OSError:
        return None
    with _lock:
        if _cached is None or _cached[0] != key:
            _cached = (key, _load(path))
        return _cached[1]


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
    if _CODE.match(query):
        digits = re.sub(r"\D", "", query)
        if len(digits) < 2:
            return []
        # Codes starting with the digits are one run of the sorted list.
        start = bisect.bisect_left(loaded.codes, digits)
        found = []
        for entry in loaded.entries[start : start + limit]:
            if not entry.code.startswith(digits):
                break
            found.append(Suggestion(dotted(entry.code), entry.description))
        return found
    hits = loaded.index.search(query, limit)
    return [Suggestion(dotted(hit.code), hit.description) for hit in hits]
