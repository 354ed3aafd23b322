"""Absolute links (emails, calendar feeds, CSV exports, the API): the desk's public
address when it is configured (setting ``site_url``), else the address of the request
being answered, never a fixed host or port."""

from __future__ import annotations

from contextvars import ContextVar
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

# The base of the request this thread is answering, for emails queued while it runs
# (transaction.on_commit); set by core.middleware.PublicUrlMiddleware.
REQUEST_BASE: ContextVar[str | None] = ContextVar("wgdesk_request_base", default=None)
UNSET_MESSAGE = (
    "WGDESK_SITE_URL is not set, and there is no request to take the desk's address from: "
    "set it to the desk's public address (e.g. https://desk.example.org) so emails can "
    "link to the desk"
)


class PublicUrlMissing(RuntimeError):
    """No public address is configured and no request is being answered."""

    def __init__(self) -> None:
        super().__init__(UNSET_MESSAGE)


def check_site_url(value: str) -> str:
    """A configured public address: http(s)://host[:port], nothing after it; "" when unset.
    (A path would be added again by every URL the desk reverses behind a script prefix.)"""
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    extra = parts.path or parts.query or parts.fragment
    if parts.scheme not in {"http", "https"} or not parts.hostname or extra:
        raise ValueError(
            f"WGDESK_SITE_URL={value!r} is not the desk's address: use https://host[:port]"
        )
    return value


def request_base(request: HttpRequest) -> str:
    """scheme://host[:port] of a request (the host checked against ALLOWED_HOSTS)."""
    return f"{request.scheme}://{request.get_host()}"


def base_url(request: HttpRequest | None = None) -> str | None:
    """The configured public address, else the given or current request's; None if neither."""
    configured: str = settings.SITE_URL
    if configured:
        return configured
    if request is not None:
        return request_base(request)
    return REQUEST_BASE.get()


def absolute(path: str, request: HttpRequest | None = None) -> str:
    """An absolute URL for a path of the desk; PublicUrlMissing when no base is known."""
    base = base_url(request)
    if base is None:
        raise PublicUrlMissing
    return base + path


def host_of(base: str) -> str:
    """The host name of a base URL (no port), e.g. for calendar UIDs."""
    return urlsplit(base).hostname or "wgdesk"
