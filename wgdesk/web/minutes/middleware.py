"""Answer a write refused because the minutes are locked with a page that says so."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wgdesk.web.minutes.freeze import RecordFrozen


class FrozenRecordMiddleware:
    """Turn RecordFrozen into a translated 409 page pointing to amendments."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A locked record is a conflict with its state, not a lack of rights: say why."""
        if isinstance(exception, RecordFrozen):
            return render(request, "minutes/frozen.html", status=409)
        return None
