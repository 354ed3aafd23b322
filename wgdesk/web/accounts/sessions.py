"""The register of signed-in sessions: which sessions a user has, and ending them.

Django's session store is keyed by session and its data is encoded, so "every session of
this user" cannot be asked of it. Each completed sign-in is registered here (signal
``user_logged_in``) and forgotten at sign-out; ending a session deletes it from the store,
so its cookie no longer signs anyone in.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from wgdesk.web.accounts.models import SignedInSession


def _store() -> Any:
    """The configured session store class."""
    return import_module(settings.SESSION_ENGINE).SessionStore


def register(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Record the session a user has just signed in with (receiver of ``user_logged_in``)."""
    key = getattr(request, "session", None) and request.session.session_key
    if not key:
        return
    SignedInSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "signed_in_at": timezone.now(),
            "ip": request.META.get("REMOTE_ADDR") or None,
        },
    )


def forget(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """Drop a session from the register as its user signs out (``user_logged_out``)."""
    key = getattr(request, "session", None) and request.session.session_key
    if key:
        SignedInSession.objects.filter(session_key=key).delete()


def rekey(old: str | None, new: str | None) -> None:
    """Follow a session whose key was rotated while signed in (e.g. after a password change)."""
    if old and new and old != new:
        SignedInSession.objects.filter(session_key=old).update(session_key=new)


def live(user: Any) -> QuerySet[SignedInSession]:
    """The user's registered sessions that the session store still holds, newest first."""
    alive = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return SignedInSession.objects.filter(user=user, session_key__in=alive).order_by(
        "-signed_in_at"
    )


def end(user: Any, keep: str | None = None) -> int:
    """End every registered session of the user except ``keep``; return how many were live."""
    rows = SignedInSession.objects.filter(user=user)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    alive = Session.objects.filter(session_key__in=keys, expire_date__gt=timezone.now()).count()
    store = _store()
    for key in keys:
        store().delete(key)
    rows.delete()
    return alive
