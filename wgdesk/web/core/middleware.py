"""Security headers the Django middleware does not set (a strict Content-Security-Policy),
the reader's time zone, and the request's address for absolute links."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext

from wgdesk.web.core import links, zones
from wgdesk.web.core.scoping import Classification

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


PAGE_MARKING = b"<!--wgdesk:page-marking-->"  # where base.html wants the page's banner
_LEVEL = re.compile(rb'<abbr class="portion" data-level="(\d)"')


class PageMarkingMiddleware:
    """Put the highest classification a page shows in its banners, top and bottom.

    The banner is computed from the portion marks actually rendered (``{{ x|portion }}``),
    after the page is built: what a reader sees decides the marking, not what a view
    meant to show. A page that marks no item carries no banner.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Fill the banner placeholders of an HTML page."""
        response = self.get_response(request)
        if response.streaming or PAGE_MARKING not in response.content:
            return response
        levels = [int(found) for found in _LEVEL.findall(response.content)]
        banner = page_banner(max(levels)).encode() if levels else b""
        response.content = response.content.replace(PAGE_MARKING, banner)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response


def page_banner(level: int) -> str:
    """The banner naming a page's highest classification, in the reader's language."""
    label = Classification(level).label
    text = gettext("Highest classification on this page: %(level)s") % {"level": label}
    return str(format_html('<p class="page-marking level-{}">{}</p>', level, text))
