"""TOTP second factor: secrets, QR codes and replay-safe verification (RFC 6238)."""

from __future__ import annotations

import io
import time

import pyotp
import segno
from django.db import transaction
from django.utils import timezone

from wgdesk.web.accounts.models import TotpDevice

ISSUER = "wgdesk"
STEP = 30


def new_secret() -> str:
    """Return a fresh random base32 secret (160 bits)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, username: str) -> str:
    """Return the otpauth:// URI an authenticator app scans."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """Render a URI as an inline SVG QR code (no script, no style attribute: CSP-safe)."""
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="svg", scale=6, xmldecl=False, svgns=True)
    return buffer.getvalue().decode("utf-8")


def _matching_step(secret: str, code: str, now: float) -> int | None:
    """Return the time step (current ±1, for clock drift) whose code equals ``code``."""
    totp = pyotp.TOTP(secret)
    current = int(now // STEP)
    for step in (current, current - 1, current + 1):
        if totp.at(step * STEP) == code:
            return step
    return None


def verify(device: TotpDevice, code: str, now: float | None = None) -> bool:
    """Accept a code once: it must match and be newer than the last accepted one."""
    code = code.strip().replace(" ", "")
    if not (code.isdigit() and len(code) == 6):
        return False
    step = _matching_step(device.secret, code, time.time() if now is None else now)
    if step is None:
        return False
    with transaction.atomic():
        # Claim the step atomically so the same code cannot sign in twice (replay).
        claimed = TotpDevice.objects.filter(pk=device.pk, last_step__lt=step).update(
            last_step=step, confirmed_at=device.confirmed_at or timezone.now()
        )
    return claimed == 1
