"""Query parsing and highlighted snippets: pure functions, no database."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MIN_TERM = 2  # one character matches nearly everything, in Hangul as in English
MAX_TERMS = 8
MAX_TERM_LENGTH = 100
_PIECE = re.compile(r'"([^"]*)"|(\S+)')


def parse(text: str) -> tuple[list[str], list[str]]:
    """Split a query into search terms ("quoted phrases" stay whole) and ignored short ones."""
    text = text.strip()[: MAX_TERMS * MAX_TERM_LENGTH]
    pieces = [phrase or word.strip('"') for phrase, word in _PIECE.findall(text)]
    terms: list[str] = []
    short: list[str] = []
    seen: set[str] = set()
    for piece in pieces:
        term = " ".join(piece.split())[:MAX_TERM_LENGTH]
        if len(term) < MIN_TERM:
            short += [term] if term else []
        elif term.casefold() not in seen and len(terms) < MAX_TERMS:
            seen.add(term.casefold())
            terms.append(term)
    return terms, short


def _pattern(terms: Sequence[str]) -> re.Pattern[str]:
    """A case-insensitive pattern matching any term, longest first."""
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in ordered), re.IGNORECASE)


def _marked(window: str, pattern: re.Pattern[str]) -> str:
    """Escape a piece of text and wrap every match in <mark>."""
    parts, position = [], 0
    for match in pattern.finditer(window):
        parts += [escape(window[position : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        position = match.end()
    parts.append(escape(window[position:]))
    return "".join(parts)


def snippet(text: str, terms: Sequence[str], width: int = 180) -> SafeString | None:
    """Return escaped text around the first match with every match marked; None if no match."""
    text = " ".join(text.split())
    if not terms:
        return None
    pattern = _pattern(terms)
    first = pattern.search(text)
    if first is None:
        return None
    start = max(0, first.start() - width // 3)
    end = min(len(text), start + width)
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(text) else ""
    return mark_safe(lead + _marked(text[start:end], pattern) + tail)  # noqa: S308 - escaped
