"""The page shown when a form fails Django's CSRF check (403), in the desk's style."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A translated page saying the form expired, instead of Django's English one.

    The reason (a cookie or token problem) is not shown: it helps an attacker more than a
    user, and the remedy is the same (reload the page and send the form again).
    """
    return render(request, "403_csrf.html", status=403)
