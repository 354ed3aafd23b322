"""Template context shared by every page: the signed-in member and the navigation."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from wgdesk.web import policy
from wgdesk.web.audit.models import AuditEvent

# (url name, label). Entries whose URL is not installed yet are left out, so the search,
# export and pace-chart features can add themselves by defining these URL names.
NAVIGATION: tuple[tuple[str, Any], ...] = (
    ("dashboard:home", _("Dashboard")),
    ("groups:overview", _("Working group")),
    ("agenda:tracks", _("Agenda")),
    ("meetings:list", _("Meetings")),
    ("decisions:list", _("Decisions")),
    ("actionitems:list", _("Action items")),
    ("positions:board", _("Positions")),
    ("engagements:list", _("Engagements")),
    ("projects:list", _("Cooperation projects")),
    ("sanctions:index", _("Sanctions")),
    ("audit:log", _("Audit trail")),
    ("search:index", _("Search")),
    ("exports:index", _("Exports")),
    ("pace:chart", _("Pace")),
)


@functools.lru_cache(maxsize=16)
def _installed_links(prefix: str, urlconf: Any) -> tuple[tuple[str, Any, str], ...]:
    """(url, label, name) of the navigation entries whose URL exists, for one script
    prefix and URLconf: reversed once per process, not thirteen times per page."""
    links = []
    for name, label in NAVIGATION:
        try:
            links.append((reverse(name, urlconf=urlconf), label, name))
        except NoReverseMatch:
            continue
    return tuple(links)


def _nav_links(user: Any) -> list[tuple[str, Any, str]]:
    """Return (url, label, name) for every navigation entry whose URL exists."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return [
        link
        for link in _installed_links(get_script_prefix(), urlconf)
        if link[2] != "audit:log" or policy.can_list(user, AuditEvent)
    ]


def desk(request: HttpRequest) -> dict[str, Any]:
    """Expose the current member and the navigation links."""
    user = getattr(request, "user", None)
    member = getattr(user, "member", None) if user and user.is_authenticated else None
    return {"member": member, "nav_links": _nav_links(user) if member else []}
