"""Checks on the desk's HTML shared by the tests: the CSP allows scripts only as files."""

from __future__ import annotations

import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)


def inline_scripts(html: str) -> list[str]:
    """Every <script> element that is not an empty element loading a file (src=...)."""
    return [
        match.group(0)
        for match in _SCRIPT.finditer(html)
        if "src=" not in match.group(1) or match.group(2).strip()
    ]
