"""A project's file in the engine's format: checked, written canonically, compared.

The desk keeps each version as YAML the engine reads (docs/project-file.md), with the
record's title and summary written into it, so ``wgdesk review`` on a downloaded version
judges exactly what the desk judged.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from typing import Any

import yaml

from wgdesk.rules.project import Project
from wgdesk.web.sanctions import runs
from wgdesk.yamlio import load_yaml

STARTER = """\
start: null        # first day of the project (YYYY-MM-DD)
end: null
parties: []        # - {name: ..., role: ..., country: KR, type: organization}
items: []          # - {id: ..., description: ..., hs: "8602.10", direction: to_dprk,
                   #    quantity: 1, unit: pcs, value_usd: 0}
activities: []     # - {id: ..., kind: other, description: ...}
locations: []      # - {name: Kaesong, country: KP}
"""


def check(text: str) -> Project:
    """Parse and check a project file (YAML or JSON); ProjectError lists every problem."""
    return runs.read(text, runs.project_format(text))


def canonical(text: str, project: Project, title: str, summary: str) -> str:
    """The file as the desk stores it: YAML, the record's title and summary on top, HS
    codes as written (a YAML number 8415.10 would otherwise come back as 8415.1)."""
    fmt = runs.project_format(text)
    data: dict[str, Any] = dict(json.loads(text) if fmt == "json" else load_yaml(text) or {})
    data.pop("title", None)
    data.pop("summary", None)
    for index, item in enumerate(project.items):
        data["items"][index]["hs"] = item.hs_text
    ordered = {"title": title, **({"summary": summary} if summary else {}), **data}
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)


@dataclass(frozen=True)
class DiffLine:
    """One line of a comparison: ``+`` added, ``-`` removed, `` `` kept, ``@`` a hunk."""

    mark: str
    text: str


def compare(old: str, new: str) -> list[DiffLine]:
    """The changes from one version's file to the next, as unified-diff lines."""
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=2)
    out = []
    for line in list(lines)[2:]:  # the ---/+++ header names no file here
        mark = line[:1] if line[:1] in "+-@" else " "
        out.append(DiffLine(mark, line[1:] if mark != "@" else line))
    return out
