"""Sanctions-list screening: list loaders, the list store and the Korean-aware matcher.

Pure Python: this package never imports Django (a test enforces it), so the CLI, the
web app, the HTTP API and batch workers all call the same functions.

    from wgdesk.screening import Screener
    screener = Screener.from_lists(["un_consolidated.xml"])
    screener.screen("Lee Won-ho").decision
"""

from wgdesk.screening.results import Decision, Match, Query, ScreeningResult, Thresholds
from wgdesk.screening.screener import Screener

__all__ = ["Decision", "Match", "Query", "Screener", "ScreeningResult", "Thresholds"]
