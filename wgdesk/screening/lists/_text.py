"""Small text helpers shared by the list loaders."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager

from wgdesk.screening.model import Name

_INNER_SPACE = re.compile(r"\s\s|[^\S ]")  # two spaces, or any whitespace but a space


def clean(text: str | None) -> str | None:
    """Return the text with runs of whitespace collapsed to one space, or None when blank."""
    if text is None:
        return None
    # The real UN file has leading/trailing spaces and line breaks inside short fields
    # ("KPi.034 ", " RI ", "...under the Taliban\nregime"); they carry no meaning.
    stripped = text.strip()
    if not _INNER_SPACE.search(stripped):
        return stripped or None  # the common case, without splitting and joining
    return " ".join(stripped.split())


def clean_block(text: str | None) -> str | None:
    """Return multi-line free text stripped at both ends, or None when blank."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def unique_names(names: list[Name]) -> tuple[Name, ...]:
    """Return names without repeats of a value, keeping the first (the primary name first)."""
    first: dict[str, Name] = {}
    for name in names:
        first.setdefault(name.value, name)
    return tuple(first.values())


def line_of_offset(data: bytes, offset: int) -> int:
    """Return the 1-based line number of a byte offset in a file's content."""
    return data.count(b"\n", 0, offset) + 1


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Loading a list creates ~100,000 frozen records that reference each other without
    cycles; the collector's repeated scans of them cost about a third of the load time
    and free nothing. Reference counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
