"""Action items as CSV that spreadsheets open safely (no formula injection)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from wgdesk.web.core import opaque
from wgdesk.web.core.scoping import Classification

# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = (
    "id",
    "title_ko",
    "title_en",
    "owner",
    "side",
    "due_on",
    "status",
    "meeting",
    "classification",
    "url",
)


def safe_cell(value: Any) -> str:
    """Return a cell's text, prefixed with an apostrophe if a spreadsheet would evaluate it."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def action_items_csv(actions: Iterable[Any], site_url: str) -> str:
    """The CSV text (UTF-8 BOM first, so Excel reads the Hangul right) of some action items."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for action in actions:
        row = (
            # Opaque, as in its URL: sequential ids would show the items hidden from the
            # reader (classified above their clearance) as gaps.
            opaque.encode(action.pk),
            action.title_ko,
            action.title_en,
            action.owner.name_en or action.owner.name_ko,
            action.side.code,
            action.due_on.isoformat(),
            action.status,
            action.meeting.title_en or action.meeting.title_ko,
            Classification(action.classification).name.lower(),
            site_url + action.get_absolute_url(),
        )
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()
