"""Security headers the Django middleware does not set (a strict Content-Security-Policy),
the reader's time zone, and the request's address for absolute links."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from wgdesk.web.core import links, zones

# No inline script or style anywhere: every script and stylesheet is a static file.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class ContentSecurityPolicyMiddleware:
    """Add the CSP and Permissions-Policy headers to every response that lacks them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request on, then stamp the headers on the way out."""
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ReaderZoneMiddleware:
    """Show every time of a request in its reader's display zone (Django's current zone):
    the member's choice, else the desk's default; the sign-in pages in the default."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Activate the zone for this request, and leave none behind for the next one."""
        timezone.activate(zones.display_zone(getattr(request, "user", None)))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PublicUrlMiddleware:
    """Remember the request's own address while it is answered, so an email queued by it
    links back to the address the user reached (when no public address is configured)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Set the request's base URL for this request only."""
        token = links.REQUEST_BASE.set(links.request_base(request))
        try:
            return self.get_response(request)
        finally:
            links.REQUEST_BASE.reset(token)
