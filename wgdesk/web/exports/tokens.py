"""Feed tokens: random, prefixed so they are recognisable if leaked, stored as SHA-256."""

from __future__ import annotations

import hashlib
import secrets

PREFIX = "wgf_"


def new_token() -> str:
    """Return a fresh token with 256 bits of randomness."""
    return PREFIX + secrets.token_urlsafe(32)


def digest(token: str) -> str:
    """Return the stored form of a token.

    A plain SHA-256 suffices (no slow hash): the token is random and 256 bits long, so
    the stored digest cannot be reversed by guessing, unlike a password.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
