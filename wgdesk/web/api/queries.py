"""Reads of API tokens: the user's own list, and the token a request presents."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wgdesk.web.api.models import ApiToken
from wgdesk.web.exports import tokens


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first (nobody lists another user's tokens)."""
    return ApiToken.objects.filter(user=user)


def token_for(raw: str) -> ApiToken | None:
    """The stored token matching a presented one (compared by hash), with its user."""
    return ApiToken.objects.select_related("user").filter(digest=tokens.digest(raw)).first()
