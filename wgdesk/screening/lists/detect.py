"""Find and load every list in a file or folder, telling UN XML from OFAC CSV by content."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wgdesk.screening.lists.errors import ListError, ListFormatError
from wgdesk.screening.lists.ofac import load_ofac_csv, ofac_role
from wgdesk.screening.lists.un import load_un_xml
from wgdesk.screening.model import ListVersion

UN_XML = "un-xml"
OFAC_CSV = "ofac-csv"
_SNIFF_BYTES = 512


def detect_format(path: Path) -> str:
    """Return UN_XML or OFAC_CSV for a list file, judged by its first bytes and its name."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        raise ListError(f"{path}: cannot read the file: {error.strerror}") from None
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return UN_XML
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        # UTF-16 (a text editor's "Unicode"): say so, instead of failing as a bad CSV.
        raise ListFormatError(
            path,
            "the file is UTF-16 text; lists are read as UTF-8 (UN XML as published, or"
            " OFAC sdn.csv): save it again as UTF-8, or download it again",
        )
    if ofac_role(path) in ("alt", "add"):
        raise ListFormatError(
            path, "this is an OFAC alt.csv/add.csv companion; load the sdn.csv beside it"
        )
    return OFAC_CSV


def load_file(
    path: Path,
    *,
    version: str | None = None,
    published: dt.date | None = None,
    origin: str | None = None,
) -> ListVersion:
    """Load one list file, UN XML or OFAC sdn.csv; `version`/`published` apply to OFAC only."""
    if detect_format(path) == UN_XML:
        return load_un_xml(path, origin=origin)
    return load_ofac_csv(path, version=version, published=published, origin=origin)


def list_files(folder: Path) -> list[Path]:
    """Return the list files in a folder: XML files and CSVs other than OFAC companions."""
    found = []
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if not path.is_file() or path.name.startswith("."):
            continue
        if suffix == ".xml" or (suffix == ".csv" and ofac_role(path) not in ("alt", "add")):
            found.append(path)
    return found


def load_path(path: Path | str) -> list[ListVersion]:
    """Load a list file, or every list file in a folder (alt/add.csv go with their sdn.csv)."""
    target = Path(path).expanduser()
    if target.is_dir():
        files = list_files(target)
        if not files:
            raise ListError(f"{target}: no list files here (expected UN .xml or OFAC sdn .csv)")
        return [load_file(file) for file in files]
    if not target.exists():
        raise ListError(f"{target}: no such file or folder")
    return [load_file(target)]
