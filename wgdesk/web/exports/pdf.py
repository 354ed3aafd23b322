"""Minutes as PDF, laid out by WeasyPrint from an HTML template, with Noto CJK for Hangul.

WeasyPrint needs Pango from the system (Debian: libpango-1.0-0, libpangoft2-1.0-0) and the
Hangul needs fonts-noto-cjk; ``.ci/run`` installs both. Without them the desk still runs:
WeasyPrint is imported on first use and the PDF export answers with an explanation.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from typing import Any

from django.template.loader import render_to_string

from wgdesk.web.core.scoping import portion_legend
from wgdesk.web.exports.queries import MinutesBundle

# fonts-noto-cjk (Debian) provides it; fontconfig finds it by this family name.
FONT_FAMILY = "Noto Sans CJK KR"
SYSTEM_PACKAGES = "fonts-noto-cjk fontconfig libpango-1.0-0 libpangoft2-1.0-0"


class PdfUnavailable(Exception):
    """The machine lacks what PDF rendering needs (Pango or the Korean font)."""


@cache
def _font_installed() -> bool:
    """True when fontconfig knows the Korean font (without it Hangul would print as boxes)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    listed = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [fc_list, FONT_FAMILY, "family"], capture_output=True, text=True, check=False
    )
    return FONT_FAMILY in listed.stdout


def _weasyprint() -> Any:
    """Import WeasyPrint, which loads Pango through cffi at import time."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:
        raise PdfUnavailable(str(error)) from None
    return weasyprint


def _no_fetching(weasyprint: Any) -> Any:
    """A URL fetcher that loads nothing: the document is self-contained, user text can't fetch."""

    class NoFetching(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            """Refuse every URL (images, stylesheets, file:// paths alike)."""
            raise ValueError(f"external resources are not loaded: {url[:60]}")

    return NoFetching()


def minutes_pdf(bundle: MinutesBundle) -> bytes:
    """Render the minutes export to PDF bytes; PdfUnavailable if the machine can't."""
    weasyprint = _weasyprint()
    if not _font_installed():
        raise PdfUnavailable(f"the font {FONT_FAMILY!r} is not installed")
    html = render_to_string(
        "exports/minutes_pdf.html",
        {"bundle": bundle, "font_family": FONT_FAMILY, "legend": portion_legend()},
    )
    document = weasyprint.HTML(string=html, base_url=None, url_fetcher=_no_fetching(weasyprint))
    return bytes(document.write_pdf())
