"""Writing output files so that a failed run leaves nothing half-written behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    """Return the process umask (read by setting and restoring it)."""
    current = os.umask(0)
    os.umask(current)
    return current


# mkstemp creates 0600 files; output files get the usual permissions instead.
_FILE_MODE = 0o666 & ~_umask()


def atomic_write(path: Path, data: bytes) -> None:
    """Write a file so readers see either the old content or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, _FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_all(files: dict[Path, bytes]) -> None:
    """Write several files, each atomically; remove those already written if one fails."""
    written: list[Path] = []
    try:
        for path, data in files.items():
            existed = path.exists()
            atomic_write(path, data)
            if not existed:
                written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
