"""Opaque record references in URLs: ``/engagements/k7c2m4q9xz3ba/``, not ``/engagements/6/``.

Sequential ids tell a reader who sees records 5 and 7 that record 6 exists and is hidden
from them (the other side's side-only engagement, a decision above their clearance). So
the URLs of side-owned and classified records carry the id through a keyed permutation of
64-bit integers instead: a four-round Feistel network whose round function is HMAC-SHA256
keyed from the desk's signing key (a Luby–Rackoff construction: with a pseudorandom round
function and four rounds the result is a pseudorandom permutation). The reference is the
permuted id in 13 lower-case base32 characters.

Nothing is stored and views keep their integer ``pk``: the ``<ref:pk>`` path converter
turns the id into its reference when a URL is reversed and back when one is resolved. Any
well-formed reference decodes to some id; one that names no row the reader may see is
answered 404 like every hidden record, so a reference reveals nothing and guessing one is
hopeless. Changing ``DJANGO_SECRET_KEY`` changes every reference (old links then answer
404); the key is read from Django's settings, the one place secrets come from.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import re

from django.conf import settings

ROUNDS = 4
_HALF = 0xFFFF_FFFF
REF_LENGTH = 13
REF_PATTERN = f"[a-z2-7]{{{REF_LENGTH}}}"
_REF = re.compile(f"^{REF_PATTERN}$")
_MAX_ID = 1 << 64


@functools.lru_cache(maxsize=4)
def _round_keys(secret: str) -> tuple[bytes, ...]:
    """One key per round, derived from the signing key (so rotating it changes them)."""
    base = hashlib.sha256(f"wgdesk.opaque-ids:{secret}".encode()).digest()
    return tuple(hmac.new(base, bytes([n]), hashlib.sha256).digest() for n in range(ROUNDS))


def _round(key: bytes, half: int) -> int:
    """The round function: 32 bits of HMAC-SHA256 of a 32-bit half."""
    digest = hmac.new(key, half.to_bytes(4, "big"), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big")


def _permute(value: int, keys: tuple[bytes, ...]) -> int:
    """Feistel rounds over a 64-bit value (the keys reversed undo them)."""
    left, right = value >> 32, value & _HALF
    for key in keys:
        left, right = right, left ^ _round(key, right)
    return (right << 32) | left  # swap back so decryption is the same network, keys reversed


def encode(pk: int) -> str:
    """The opaque reference of a record id."""
    if not 0 <= pk < _MAX_ID:
        raise ValueError(f"record id out of range: {pk}")
    permuted = _permute(pk, _round_keys(settings.SECRET_KEY))
    return base64.b32encode(permuted.to_bytes(8, "big")).decode("ascii").rstrip("=").lower()


def decode(ref: str) -> int:
    """The record id a reference stands for; ValueError unless it is a canonical one."""
    if not _REF.match(ref):
        raise ValueError("not a record reference")
    permuted = int.from_bytes(base64.b32decode(ref.upper() + "==="), "big")
    pk = _permute(permuted, tuple(reversed(_round_keys(settings.SECRET_KEY))))
    if encode(pk) != ref:  # the last character carries one spare bit: one spelling only
        raise ValueError("not a canonical record reference")
    return pk


class RefConverter:
    """The ``<ref:pk>`` path converter: an opaque reference outside, the integer id inside."""

    regex = REF_PATTERN

    def to_python(self, value: str) -> int:
        """Resolve a reference (a malformed one does not match the URL: 404)."""
        return decode(value)

    def to_url(self, value: int | str) -> str:
        """Reverse an id (or a reference given as is) into the URL's reference."""
        if isinstance(value, str) and _REF.match(value):
            return value
        return encode(int(value))
