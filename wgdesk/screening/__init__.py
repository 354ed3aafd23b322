"""Sanctions-list screening: list loaders, the list store and the Korean-aware matcher.

Pure Python: this package never imports Django (a test enforces it), so the CLI, the
web app, the HTTP API and batch workers all call the same functions.

    from wgdesk.screening import Screener
    screener = Screener.from_lists(["un_consolidated.xml"])
    screener.screen("Lee Won-ho").decision
"""

# First: which build of the hot modules the imports below get (compiled or sources).
from wgdesk.screening import native

native.activate()

from wgdesk.screening.results import Decision, Match, Query, ScreeningResult, Thresholds  # noqa: E402
from wgdesk.screening.screener import Screener  # noqa: E402

__all__ = ["Decision", "Match", "Query", "Screener", "ScreeningResult", "Thresholds"]
