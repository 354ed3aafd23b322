"""Errors raised while reading, storing or fetching sanctions lists.

Every message names the file (or URL) and, where there is one, the position, so the
CLI can print it as is: users never see a traceback for a bad list file.
"""

from __future__ import annotations

from pathlib import Path


class ListError(Exception):
    """Any problem with a sanctions list: a bad file, a failed download, a store error."""


class ListFormatError(ListError):
    """A list file is malformed, truncated, hostile or not in the format expected."""

    def __init__(
        self,
        path: Path | str,
        problem: str,
        *,
        line: int | None = None,
        column: int | None = None,
        byte_offset: int | None = None,
    ) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        self.column = column
        self.byte_offset = byte_offset
        super().__init__(f"{self.path}{self.where()}: {problem}")

    def where(self) -> str:
        """Return the position as ", line L, column C (byte B)", or "" when unknown."""
        parts = []
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        if self.byte_offset is not None:
            parts.append(f"byte {self.byte_offset}")
        return ", " + ", ".join(parts) if parts else ""


class FetchError(ListError):
    """An official list could not be downloaded (offline, HTTP error, timeout, truncated)."""


class StoreError(ListError):
    """The local list store cannot do what was asked (unknown version, newer schema, ...)."""
