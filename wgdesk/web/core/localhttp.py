"""Serving plain http on loopback without DEBUG (setting ``local_http``, used by `make run`).

Outside DEBUG the desk's cookies are Secure and HSTS is sent, so a browser on
http://127.0.0.1 could not keep a session. This mode drops only those two; every other
production behaviour stays (no debug pages, translated error pages, WhiteNoise). It is
refused unless every allowed host is a loopback name, and it answers loopback clients
only, so it cannot serve cookies in clear over a network.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse, HttpResponseForbidden

LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1", "[::1]"}


def check_hosts(hosts: Iterable[str]) -> None:
    """Refuse local http when a non-loopback host name is allowed."""
    others = sorted(set(hosts) - LOOPBACK_NAMES)
    if others:
        raise ValueError(
            "WGDESK_LOCAL_HTTP=1 serves plain http to this machine only, but "
            f"WGDESK_ALLOWED_HOSTS also names {', '.join(others)}: serve those over HTTPS "
            "without WGDESK_LOCAL_HTTP"
        )


def is_loopback(address: str) -> bool:
    """True for 127.0.0.0/8 and ::1 (also IPv4 mapped into IPv6)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return (mapped or ip).is_loopback


class LoopbackOnlyMiddleware:
    """In local http mode, answer 403 to any client that is not on this machine."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Let loopback clients through; refuse the others before anything else runs."""
        if not is_loopback(request.META.get("REMOTE_ADDR", "")):
            return HttpResponseForbidden(
                b"This desk serves plain http to this machine only (WGDESK_LOCAL_HTTP).",
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
