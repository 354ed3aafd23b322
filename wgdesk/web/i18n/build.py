"""Compile every ``.po`` catalogue of the desk to ``.mo`` with polib (no GNU gettext needed).

``python -m wgdesk.web.i18n.build`` is run by ``make install``; ``--check`` only reports
untranslated or fuzzy entries and exits 1 if there are any.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def catalogues() -> list[Path]:
    """Return the desk's .po files."""
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))


def problems(po_path: Path) -> list[str]:
    """Return the msgids of a catalogue that are untranslated or marked fuzzy."""
    catalogue = polib.pofile(str(po_path))
    missing = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [f"(fuzzy) {e.msgid}" for e in catalogue.fuzzy_entries()]
    return missing + fuzzy


def compile_all() -> list[Path]:
    """Write a .mo beside each .po; return the files written."""
    written = []
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        written.append(mo_path)
    return written


def main(argv: list[str]) -> int:
    """Compile the catalogues, or with --check list what is left to translate."""
    if "--check" in argv:
        found = [f"{p.name}: {msg}" for p in catalogues() for msg in problems(p)]
        print("\n".join(found) or "catalogues complete")
        return 1 if found else 0
    for path in compile_all():
        print(f"compiled {path.relative_to(LOCALE_DIR.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
