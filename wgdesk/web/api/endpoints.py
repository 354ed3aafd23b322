"""What every API request goes through: authentication, CSRF, size and rate limits, errors.

A request is authenticated by a personal token (``Authorization: Bearer wga_...``) or by
the desk's session. Token requests carry no cookie, so a forged cross-site request
cannot use them: they are exempt from CSRF. Session requests that change something
must pass Django's CSRF check (the ``X-CSRFToken`` header), as every form of the desk
does. Errors always have the shape ``{"error": {"code": ..., "message": ...}}``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from wgdesk import config
from wgdesk.web import policy
from wgdesk.web.api import actions, queries

View = Callable[..., HttpResponse]
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
PAGE_MAX, OFFSET_MAX = 200, 1_000_000_000  # the offset stays inside a 64-bit SQL OFFSET


def error(status: int, code: str, message: str, **extra: Any) -> JsonResponse:
    """A JSON error in the API's one shape."""
    response = JsonResponse({"error": {"code": code, "message": message, **extra}}, status=status)
    response["Cache-Control"] = "no-store"
    return response


def data(payload: Any, status: int = 200) -> JsonResponse:
    """A JSON answer (UTF-8, Hangul as written), never cached."""
    response = JsonResponse(
        payload, status=status, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = "no-store"
    return response


def paging(request: HttpRequest) -> tuple[int, int] | JsonResponse:
    """A list's ``limit`` and ``offset`` (the same on every list endpoint), or the 400."""
    try:
        limit = int(request.GET.get("limit", "50"))
        offset = int(request.GET.get("offset", "0"))
    except ValueError:
        return error(400, "invalid_request", "limit and offset are whole numbers")
    if not 1 <= limit <= PAGE_MAX or not 0 <= offset <= OFFSET_MAX:
        return error(400, "invalid_request", f"limit is 1 to {PAGE_MAX}, offset 0 to {OFFSET_MAX}")
    return limit, offset


def _unauthorised(code: str, message: str) -> JsonResponse:
    """401 with the challenge that tells a client to present a bearer token."""
    response = error(401, code, message)
    response["WWW-Authenticate"] = 'Bearer realm="wgdesk"'
    return response


def _bearer(request: HttpRequest, header: str) -> HttpResponse | None:
    """Authenticate by token: the request then acts as the token's user (None when fine)."""
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return _unauthorised("invalid_token", "use the header Authorization: Bearer <token>")
    token = queries.token_for(raw.strip())
    if token is None:
        return _unauthorised("invalid_token", "unknown or revoked token")
    now = timezone.now()
    if token.expired(now):
        return _unauthorised("token_expired", "the token has expired; create a new one")
    # The user's side, role and clearance are read now: a deactivated account or a lost
    # seat stops its tokens at once.
    if policy.member_of(token.user) is None:
        return _unauthorised("invalid_token", "the token's account is not active")
    request.user = token.user
    request.api_token = token  # type: ignore[attr-defined]
    wait = actions.count_request(token, now)
    if wait is not None:
        response = error(429, "rate_limited", f"too many requests; retry in {wait} s")
        response["Retry-After"] = str(wait)
        return response
    return None


def _no_view(request: HttpRequest) -> HttpResponse:
    """Stands in for the view when asking Django's CSRF check (which only reads the request)."""
    return HttpResponse()


def _session(request: HttpRequest) -> HttpResponse | None:
    """Authenticate by the desk's session, with CSRF enforced on changes (None when fine)."""
    if not request.user.is_authenticated:
        return _unauthorised("not_authenticated", "sign in or send an API token")
    if policy.member_of(request.user) is None:
        return error(403, "forbidden", "this account has no seat in a working group")
    request.api_token = None  # type: ignore[attr-defined]
    if request.method not in SAFE_METHODS:
        # The view is csrf_exempt for token clients; session clients get the usual check.
        check = CsrfViewMiddleware(_no_view)
        refused = check.process_view(request, _no_view, (), {})
        if refused is not None:
            return error(403, "csrf_failed", "CSRF check failed: send the X-CSRFToken header")
    return None


def _too_large(request: HttpRequest) -> HttpResponse | None:
    """Refuse a body above the limit before reading it (413)."""
    limit = config.get_int("api_max_body_bytes")
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return error(400, "invalid_request", "bad Content-Length")
    if length > limit:
        return error(413, "too_large", f"the request body is over {limit} bytes")
    return None


def endpoint(*methods: str) -> Callable[[View], View]:
    """Wrap an API view: methods, authentication, limits, and errors as JSON."""

    def wrap(view: View) -> View:
        @csrf_exempt
        @wraps(view)
        def handle(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            # Who is asking comes first: an anonymous caller learns nothing, not even methods.
            header = request.headers.get("Authorization", "")
            refused = _bearer(request, header) if header else _session(request)
            if refused is not None:
                return refused
            # HEAD is GET without the body (RFC 9110): allowed wherever GET is.
            head = request.method == "HEAD" and "GET" in methods
            if request.method not in methods and not head:
                refusal = error(405, "method_not_allowed", f"use {' or '.join(methods)}")
                refusal["Allow"] = ", ".join(methods)
                return refusal
            refused = _too_large(request)
            if refused is not None:
                return refused
            try:
                response = view(request, *args, **kwargs)
                if head:
                    response.content = b""  # same status and headers, no body
                return response
            except PermissionDenied:
                return error(403, "forbidden", "your role may not do this")
            except Http404:
                return error(404, "not_found", "no such resource")

        return handle

    return wrap


@csrf_exempt
def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any other path under /api/v1/: a JSON 404."""
    return error(404, "not_found", "no such endpoint (see /api/v1/openapi.json)")
