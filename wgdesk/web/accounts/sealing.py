"""Secrets kept encrypted at rest: TOTP seeds are sealed with a key derived from the signing key.

A copy of the database (a backup, a dump handed to support) must not be enough to produce
second-factor codes. Each value is sealed with Fernet (AES-128-CBC with HMAC-SHA256) under
a key derived by HKDF from ``SECRET_KEY``; values sealed under a key listed in
``SECRET_KEY_FALLBACKS`` still open, so the signing key can be rotated without locking
everyone out.
"""

from __future__ import annotations

import base64
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import models

PREFIX = "fernet:"
PURPOSE = b"wgdesk sealed field v1"


class SealError(ValueError):
    """A sealed value could not be opened: another signing key, or an altered value."""


def _fernet(secret_key: str) -> Fernet:
    """Return the cipher of one signing key (HKDF-SHA256 to a 32-byte Fernet key)."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=PURPOSE).derive(
        secret_key.encode("utf-8")
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _cipher() -> MultiFernet:
    """Return the cipher: the current signing key seals, the fallbacks still open."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(k) for k in keys])


def seal(text: str) -> str:
    """Return the sealed form of a text, marked so that it is never mistaken for plain text."""
    return PREFIX + _cipher().encrypt(text.encode("utf-8")).decode("ascii")


def unseal(value: str) -> str:
    """Return the text of a sealed value; a value stored before sealing is returned as is."""
    if not value.startswith(PREFIX):
        return value  # written before secrets were sealed: the migration seals it
    try:
        return _cipher().decrypt(value[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as error:
        raise SealError(
            "a sealed secret cannot be opened: the signing key has changed (put the old "
            "key in DJANGO_SECRET_KEY_FALLBACKS) or the stored value was altered"
        ) from error


class SealedTextField(models.TextField):  # type: ignore[type-arg]
    """A text column whose values are sealed in the database and plain in Python."""

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        """Open a value read from the database."""
        return None if value is None else unseal(value)

    def get_prep_value(self, value: Any) -> Any:
        """Seal a value on its way to the database (an empty value has nothing to hide)."""
        value = super().get_prep_value(value)
        if not value:
            return value
        return value if str(value).startswith(PREFIX) else seal(str(value))
