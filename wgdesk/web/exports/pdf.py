"""Minutes as PDF, laid out by WeasyPrint from an HTML template, with Noto CJK for Hangul."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from wgdesk.web.exports.queries import MinutesBundle

# fonts-noto-cjk (Debian) provides it; fontconfig finds it by this family name.
FONT_FAMILY = "Noto Sans CJK KR"


class NoFetching(URLFetcher):  # type: ignore[misc]  # weasyprint ships no type hints
    """Load nothing from outside: the document is self-contained, and user text can't fetch."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        """Refuse every URL (images, stylesheets, file:// paths alike)."""
        raise ValueError(f"external resources are not loaded: {url[:60]}")


def minutes_pdf(bundle: MinutesBundle) -> bytes:
    """Render the minutes export to PDF bytes."""
    html = render_to_string(
        "exports/minutes_pdf.html", {"bundle": bundle, "font_family": FONT_FAMILY}
    )
    document = HTML(string=html, base_url=None, url_fetcher=NoFetching())
    return bytes(document.write_pdf())
