"""The audit log page: recent events the user may see (co-chairs and secretariat)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wgdesk.web import policy
from wgdesk.web.audit.models import AuditEvent

PAGE = 200


def log(request: HttpRequest) -> HttpResponse:
    """The newest events, filtered by the policy like every other list."""
    if not policy.can_list(request.user, AuditEvent):
        raise PermissionDenied
    events = policy.visible(request.user, AuditEvent).order_by("-id")[:PAGE]
    return render(request, "audit/log.html", {"events": events})
