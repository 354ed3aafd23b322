"""Recognise an uploaded file's type from its bytes, not from its name."""

from __future__ import annotations

import io
import zipfile

# extension -> media type the content must have
ALLOWED: dict[str, str] = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "txt": "text/plain",
    "csv": "text/plain",
    "md": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "hwp": "application/x-hwp",
}
_OOXML_PARTS = {
    "word/document.xml": ALLOWED["docx"],
    "xl/workbook.xml": ALLOWED["xlsx"],
}


def _ooxml_type(data: bytes) -> str | None:
    """Return the Office type of a ZIP whose parts make it a Word or Excel document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OOXML_PARTS.items() if part in names), None)


def _is_text(data: bytes) -> bool:
    """Plain text is valid UTF-8 without NUL bytes or other control characters."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text)


def sniff(data: bytes) -> str | None:
    """Return the media type the bytes really are, or None when not an accepted type."""
    if data.startswith(b"%PDF-"):
        return ALLOWED["pdf"]
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return ALLOWED["png"]
    if data.startswith(b"\xff\xd8\xff"):
        return ALLOWED["jpg"]
    if data.startswith(b"PK\x03\x04"):
        return _ooxml_type(data)
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and b"H\x00W\x00P\x00" in data[:65536]:
        return ALLOWED["hwp"]  # HWP 5 is an OLE container with a "HwpSummaryInformation" stream
    return ALLOWED["txt"] if data and _is_text(data) else None


def extension(name: str) -> str:
    """Return a file name's lower-case extension without the dot."""
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check(name: str, data: bytes, max_bytes: int) -> str:
    """Return the media type of an acceptable upload, or raise ValueError saying why not."""
    if not data:
        raise ValueError("empty")
    if len(data) > max_bytes:
        raise ValueError("too_large")
    expected = ALLOWED.get(extension(name))
    if expected is None:
        raise ValueError("extension")
    actual = sniff(data)
    if actual != expected:
        raise ValueError("content")
    return actual
