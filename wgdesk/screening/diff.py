"""What changed between two versions of one list: entries added, removed and changed.

Entries are matched by the list's own reference (UN REFERENCE_NUMBER, OFAC ent_num).
Each field of a changed entry is compared as a multiset of readable lines, so a
reordered alias list is no change, and a changed alias quality is one line removed
and one added. `render_text` is for people; `diff_to_json` for programs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wgdesk.screening.lists.errors import ListError
from wgdesk.screening.lists.serialize import entry_to_json
from wgdesk.screening.model import BirthDate, Document, Entry, ListVersion, Name, NameKind


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field of one entry: the lines the new version dropped and the lines it added."""

    field: str
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntryChange:
    """An entry present in both versions whose fields differ."""

    ref: str
    name: str  # the primary name in the new version
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class ListDiff:
    """The differences between an old and a new version of the same list."""

    old: ListVersion
    new: ListVersion
    added: tuple[Entry, ...]
    removed: tuple[Entry, ...]
    changed: tuple[EntryChange, ...]
    unchanged: int


def _name_line(name: Name) -> str:
    """Return a name with its quality and note, e.g. "Taesong Bank [a.k.a.]"."""
    details = "; ".join(d for d in (name.quality, name.note) if d)
    return f"{name.value} [{details}]" if details else name.value


def _names(kind: NameKind) -> Callable[[Entry], list[str]]:
    """Return a view of an entry's names of one kind."""
    return lambda entry: [_name_line(n) for n in entry.names if n.kind is kind]


def _document_line(document: Document) -> str:
    """Return a document on one line, e.g. "Passport 381310014 (DPRK), issued 2011-05-06"."""
    line = f"{document.type} {document.number}"
    if document.country:
        line += f" ({document.country})"
    extras = [f"issued {document.issued}" if document.issued else None, document.note]
    return ", ".join([line, *(e for e in extras if e)])


def _birth_line(born: BirthDate) -> str:
    """Return a birth date as the list wrote it, with approximation and note."""
    details = ", ".join(d for d in ("approximately" if born.approximate else None, born.note) if d)
    return f"{born.text} ({details})" if details else born.text


# The fields compared, in the order they are reported: identity first, then the rest.
_FIELDS: tuple[tuple[str, Callable[[Entry], list[str]]], ...] = (
    ("type", lambda e: [e.type.value]),
    ("name", lambda e: [e.name]),
    ("aliases", _names(NameKind.ALIAS)),
    ("former names", _names(NameKind.FORMER)),
    ("original script", _names(NameKind.ORIGINAL_SCRIPT)),
    ("documents", lambda e: [_document_line(d) for d in e.documents]),
    ("dates of birth", lambda e: [_birth_line(b) for b in e.birth_dates]),
    ("places of birth", lambda e: [p.one_line() for p in e.birth_places]),
    ("nationalities", lambda e: list(e.nationalities)),
    ("gender", lambda e: [e.gender] if e.gender else []),
    ("addresses", lambda e: [a.one_line() for a in e.addresses]),
    ("regimes", lambda e: list(e.regimes)),
    ("designations", lambda e: list(e.designations)),
    ("listed on", lambda e: [e.listed_on.isoformat()] if e.listed_on else []),
    ("remarks", lambda e: [" ".join(e.remarks.split())] if e.remarks else []),
    ("other fields", lambda e: [f"{key}: {value}" for key, value in e.extra]),
)


def _minus(lines: list[str], other: list[str]) -> tuple[str, ...]:
    """Return the lines not matched in `other`, counting repeats, in their original order."""
    spare = Counter(other)
    left = []
    for line in lines:
        if spare[line]:
            spare[line] -= 1
        else:
            left.append(line)
    return tuple(left)


def compare_entries(old: Entry, new: Entry) -> tuple[FieldChange, ...]:
    """Return the fields that differ between two versions of one entry."""
    changes = []
    for field, view in _FIELDS:
        before, after = view(old), view(new)
        if Counter(before) != Counter(after):
            changes.append(FieldChange(field, _minus(before, after), _minus(after, before)))
    return tuple(changes)


def diff_versions(old: ListVersion, new: ListVersion) -> ListDiff:
    """Return the entries added, removed and changed from `old` to `new` (same source)."""
    if old.source != new.source:
        raise ListError(f"cannot compare a {old.source!r} list with a {new.source!r} list")
    before = {e.ref: e for e in old.entries}
    after = {e.ref: e for e in new.entries}
    changed = []
    for ref in sorted(before.keys() & after.keys()):
        changes = compare_entries(before[ref], after[ref])
        if changes:
            changed.append(EntryChange(ref, after[ref].name, changes))
    return ListDiff(
        old=old,
        new=new,
        added=tuple(after[ref] for ref in sorted(after.keys() - before.keys())),
        removed=tuple(before[ref] for ref in sorted(before.keys() - after.keys())),
        changed=tuple(changed),
        unchanged=len(before.keys() & after.keys()) - len(changed),
    )


_LONG = 100  # characters above which an edited text is shown trimmed to the edit
_CONTEXT = 30  # characters of unchanged text kept on each side of an edit


def _entry_line(mark: str, entry: Entry) -> str:
    """Return one added or removed entry on one line."""
    regimes = ", ".join(entry.regimes) or "-"
    return f"  {mark} {entry.ref}  {entry.name}  ({entry.type.value}; {regimes})"


def _trim_common(old: str, new: str) -> tuple[str, str]:
    """Shorten two long texts to the part that differs, with some context around it."""
    if len(old) <= _LONG and len(new) <= _LONG:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    start, end = max(0, start - _CONTEXT), max(0, end - _CONTEXT)
    head = "…" if start else ""
    return (
        head + old[start : len(old) - end] + ("…" if end else ""),
        head + new[start : len(new) - end] + ("…" if end else ""),
    )


def _change_lines(change: EntryChange) -> list[str]:
    """Return the lines describing one changed entry, field by field."""
    lines = [f"  ~ {change.ref}  {change.name}"]
    for field in change.changes:
        removed, added = field.removed, field.added
        if len(removed) == 1 and len(added) == 1:
            # A long text edited in place (usually remarks): show the edit, not both copies.
            old_text, new_text = _trim_common(removed[0], added[0])
            removed, added = (old_text,), (new_text,)
        lines.append(f"      {field.field}:")
        lines.extend(f"        - {line}" for line in removed)
        lines.extend(f"        + {line}" for line in added)
    return lines


def render_text(diff: ListDiff) -> str:
    """Return the diff as readable text: a summary, then each section."""
    lines = [
        f"{diff.old.source} list: {diff.old.version} -> {diff.new.version}",
        f"  added {len(diff.added)}, removed {len(diff.removed)}, "
        f"changed {len(diff.changed)}, unchanged {diff.unchanged}",
    ]
    if diff.added:
        lines += ["", f"Added ({len(diff.added)})", *(_entry_line("+", e) for e in diff.added)]
    if diff.removed:
        lines += ["", f"Removed ({len(diff.removed)})"]
        lines += [_entry_line("-", e) for e in diff.removed]
    if diff.changed:
        lines += ["", f"Changed ({len(diff.changed)})"]
        for change in diff.changed:
            lines += _change_lines(change)
    return "\n".join(lines) + "\n"


def _version_json(version: ListVersion) -> dict[str, Any]:
    """Return the identity of one side of the diff."""
    return {
        "version": version.version,
        "sha256": version.sha256,
        "origin": version.origin,
        "entries": len(version.entries),
    }


def diff_to_json(diff: ListDiff) -> dict[str, Any]:
    """Return the diff as a JSON-ready dict (documented in docs/lists.md)."""
    return {
        "source": diff.old.source,
        "old": _version_json(diff.old),
        "new": _version_json(diff.new),
        "summary": {
            "added": len(diff.added),
            "removed": len(diff.removed),
            "changed": len(diff.changed),
            "unchanged": diff.unchanged,
        },
        "added": [entry_to_json(e) for e in diff.added],
        "removed": [entry_to_json(e) for e in diff.removed],
        "changed": [
            {
                "ref": change.ref,
                "name": change.name,
                "changes": [
                    {"field": f.field, "removed": list(f.removed), "added": list(f.added)}
                    for f in change.changes
                ],
            }
            for change in diff.changed
        ],
    }
