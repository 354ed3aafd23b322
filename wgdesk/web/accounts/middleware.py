"""Every page needs a fully signed-in user (password and second factor)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

# Paths reachable without a session: sign-in steps, invitations, language switch, assets,
# and token feeds (the calendar feed's unguessable token is its only key).
PUBLIC_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/feeds/")


class LoginRequiredMiddleware:
    """Redirect anonymous requests to the sign-in page, except for public paths."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Let signed-in users and public paths through; send others to sign in."""
        if request.user.is_authenticated or request.path.startswith(PUBLIC_PREFIXES):
            return self.get_response(request)
        login = reverse(settings.LOGIN_URL)
        return redirect(f"{login}?next={request.path}")
