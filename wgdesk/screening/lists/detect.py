"""Find and load every list in a file or folder, telling the formats apart by content.

UN XML starts with ``<``, a FollowTheMoney entity file with ``{`` (one JSON object per
line); anything else is read as an OFAC sdn.csv.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from wgdesk.screening.lists.errors import ListError, ListFormatError
from wgdesk.screening.lists.ofac import COMPANIONS, load_ofac_csv, ofac_role
from wgdesk.screening.lists.un import load_un_xml
from wgdesk.screening.model import ListVersion

UN_XML = "un-xml"
OFAC_CSV = "ofac-csv"
FTM_JSON = "ftm"
# The names `--format` takes, for the CLI: "auto" reads the format from the content.
FORMATS = {"un": UN_XML, "ofac": OFAC_CSV, "ftm": FTM_JSON}
_FTM_SUFFIXES = (".json", ".jsonl", ".ndjson")
_FIRST_LINE_BYTES = 1 << 20
_SNIFF_BYTES = 512


def detect_format(path: Path) -> str:
    """Return UN_XML, FTM_JSON or OFAC_CSV for a list file, judged by its first bytes and name."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        raise ListError(f"{path}: cannot read the file: {error.strerror}") from None
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"<"):
        return UN_XML
    if start.startswith(b"{"):
        return FTM_JSON
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        # UTF-16 (a text editor's "Unicode"): say so, instead of failing as a bad CSV.
        raise ListFormatError(
            path,
            "the file is UTF-16 text; lists are read as UTF-8 (UN XML as published, OFAC"
            " sdn.csv, FtM JSON lines): save it again as UTF-8, or download it again",
        )
    if ofac_role(path) in COMPANIONS:
        raise ListFormatError(
            path,
            "this is an OFAC alt.csv/add.csv/sdn_comments.csv companion; load the sdn.csv"
            " beside it",
        )
    return OFAC_CSV


def load_file(
    path: Path,
    *,
    version: str | None = None,
    published: dt.date | None = None,
    origin: str | None = None,
    source: str | None = None,
    fmt: str | None = None,
) -> ListVersion:
    """Load one list file: UN XML, OFAC sdn.csv or an FtM entity file (`fmt` forces one).

    `version` applies to OFAC and FtM files, `published` to OFAC, `source` (the list's
    name) to FtM files only.
    """
    kind = fmt or detect_format(path)
    if source is not None and kind != FTM_JSON:
        raise ListFormatError(path, "--source names a FollowTheMoney list; this file is not one")
    if kind == UN_XML:
        return load_un_xml(path, origin=origin)
    if kind == FTM_JSON:
        # Imported here: followthemoney takes seconds to import (see the package docstring).
        from wgdesk.screening.lists.ftm import load_ftm_json

        return load_ftm_json(path, source=source, version=version, origin=origin)
    return load_ofac_csv(path, version=version, published=published, origin=origin)


def list_files(folder: Path) -> list[Path]:
    """Return the list files in a folder: XML, FtM JSON, and CSVs other than OFAC companions."""
    found = []
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if not path.is_file() or path.name.startswith("."):
            continue
        if suffix in _FTM_SUFFIXES:
            if _holds_entities(path):
                found.append(path)
        elif suffix == ".xml" or (suffix == ".csv" and ofac_role(path) not in COMPANIONS):
            found.append(path)
    return found


def _holds_entities(path: Path) -> bool:
    """True when a JSON file's first line is an FtM entity: a folder may hold other JSON
    (OpenSanctions' index.json), which is not a list and is skipped rather than refused."""
    try:
        with path.open("rb") as handle:
            first = json.loads(handle.readline(_FIRST_LINE_BYTES))
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(first, dict) and "schema" in first and "id" in first


def load_path(
    path: Path | str, *, source: str | None = None, fmt: str | None = None
) -> list[ListVersion]:
    """Load a list file, or every list file in a folder (OFAC companions go with sdn.csv).

    `source` names an FtM list and `fmt` forces a format; both only for a single file.
    """
    target = Path(path).expanduser()
    if target.is_dir():
        if source is not None or fmt is not None:
            raise ListError(f"{target}: --source and --format apply to one file, not a folder")
        files = list_files(target)
        if not files:
            raise ListError(
                f"{target}: no list files here (expected UN .xml, OFAC sdn .csv or FtM .json)"
            )
        return [load_file(file) for file in files]
    if not target.exists():
        raise ListError(f"{target}: no such file or folder")
    return [load_file(target, source=source, fmt=fmt)]
