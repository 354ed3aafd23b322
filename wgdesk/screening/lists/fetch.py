"""Download the official list files, verify they parse, then hand them to the store.

Each file goes to a temporary folder first; only a complete download that parses as a
whole list reaches the store, so an outage, an HTTP error, a cut connection or a broken
file changes nothing. URLs and the timeout come from the settings registry
(`un_list_url`, `ofac_sdn_url`, `ofac_alt_url`, `ofac_add_url`, `ofac_comments_url`,
`http_timeout`).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import http.client
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from wgdesk import __version__, config
from wgdesk.screening.lists.detect import load_file
from wgdesk.screening.lists.errors import FetchError, ListFormatError
from wgdesk.screening.model import ListVersion
from wgdesk.screening.store import ImportResult, ListStore

SOURCES = ("un", "ofac")
# The files of each source: (local name, setting holding its URL). The local names let
# the OFAC loader find alt.csv, add.csv and sdn_comments.csv beside sdn.csv.
_FILES = {
    "un": (("consolidated.xml", "un_list_url"),),
    "ofac": (
        ("sdn.csv", "ofac_sdn_url"),
        ("alt.csv", "ofac_alt_url"),
        ("add.csv", "ofac_add_url"),
        ("sdn_comments.csv", "ofac_comments_url"),
    ),
}
_MAX_BYTES = 256 * 1024 * 1024  # the UN list is ~2 MB and OFAC's ~4 MB: far above both
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Download:
    """One downloaded file and what the server said about it."""

    url: str
    path: Path
    size: int
    last_modified: dt.date | None


def _last_modified(header: str | None) -> dt.date | None:
    """Return the day of an HTTP Last-Modified header, or None if absent or unreadable."""
    if not header:
        return None
    try:
        return email.utils.parsedate_to_datetime(header).date()
    except (TypeError, ValueError):
        return None


def _copy_body(url: str, response: http.client.HTTPResponse, path: Path) -> int:
    """Write a response body to a file, refusing one that is cut short or absurdly large."""
    expected = response.getheader("Content-Length")
    size = 0
    with path.open("wb") as out:
        while chunk := response.read(_CHUNK):
            size += len(chunk)
            if size > _MAX_BYTES:
                raise FetchError(f"{url}: the download exceeds {_MAX_BYTES // 2**20} MB; refused")
            out.write(chunk)
    if expected is not None and expected.isdigit() and size != int(expected):
        raise FetchError(f"{url}: the download was cut short ({size} of {expected} bytes)")
    return size


def download(url: str, path: Path, *, timeout: float) -> Download:
    """Download one URL to a file, turning every network failure into a FetchError."""
    if not url.lower().startswith(("https://", "http://")):
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    # The scheme is checked above, so urllib cannot be pointed at file:// (ruff S310).
    request = urllib.request.Request(url, headers={"User-Agent": f"wgdesk/{__version__}"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            size = _copy_body(url, response, path)
            modified = _last_modified(response.getheader("Last-Modified"))
    except urllib.error.HTTPError as error:
        raise FetchError(f"{url}: the server answered HTTP {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise FetchError(_unreachable(url, error.reason, timeout)) from None
    except TimeoutError:
        raise FetchError(_unreachable(url, "timed out", timeout)) from None
    except http.client.IncompleteRead as error:
        got = len(error.partial)
        raise FetchError(
            f"{url}: the connection closed mid-download ({got} bytes received)"
        ) from None
    except (http.client.HTTPException, OSError) as error:
        raise FetchError(f"{url}: the download failed: {error}") from None
    return Download(url, path, size, modified)


def _unreachable(url: str, reason: object, timeout: float) -> str:
    """Explain a failed connection, pointing at the usual causes."""
    if isinstance(reason, TimeoutError) or str(reason) == "timed out":
        return (
            f"{url}: no answer within {timeout:g} s "
            "(setting http_timeout, environment variable WGDESK_HTTP_TIMEOUT)"
        )
    return (
        f"{url}: cannot connect ({reason}). Are you offline? Without internet, load the "
        "files from disk with `wgdesk lists load PATH`."
    )


def fetch_version(source: str, *, timeout: float | None = None) -> ListVersion:
    """Download one source's official files and return them parsed (nothing is stored)."""
    if source not in _FILES:
        raise FetchError(f"unknown list source {source!r}; choose from {', '.join(SOURCES)}")
    seconds = timeout if timeout is not None else config.get_float("http_timeout")
    with tempfile.TemporaryDirectory(prefix="wgdesk-fetch-") as folder:
        downloads = [
            download(config.get(setting), Path(folder) / name, timeout=seconds)
            for name, setting in _FILES[source]
        ]
        main = downloads[0]
        origin = " + ".join(d.url for d in downloads)
        try:
            version = load_file(main.path, published=main.last_modified, origin=origin)
        except ListFormatError as error:
            where = error.where().removeprefix(", ")
            file_url = next((d.url for d in downloads if str(d.path) == error.path), main.url)
            at = f" at {where}" if where else ""
            raise FetchError(
                f"{file_url}: the downloaded file is not a valid list{at}: {error.problem}"
            ) from None
    if version.source != source:
        raise FetchError(f"{main.url}: expected the {source} list, got a {version.source} list")
    return version


def fetch_into(store: ListStore, source: str, *, timeout: float | None = None) -> ImportResult:
    """Download, verify and import one source; the store changes only if all of that worked."""
    return store.import_version(fetch_version(source, timeout=timeout))
