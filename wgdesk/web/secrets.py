"""The one place where the desk reads its secrets: the signing key and the database URL."""

from __future__ import annotations

import os
import secrets as _random
from pathlib import Path

from wgdesk import config


def _key_file() -> Path:
    """Return where the generated signing key is kept."""
    return config.data_dir() / "secret_key"


def secret_key() -> str:
    """Return DJANGO_SECRET_KEY, else a key generated once and kept in the data folder."""
    from_env = os.environ.get("DJANGO_SECRET_KEY", "")
    if from_env:
        return from_env
    path = _key_file()
    if not path.exists():
        # Create the file readable by its owner only before writing the key into it.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(_random.token_urlsafe(50))
    return path.read_text(encoding="utf-8").strip()


def secret_key_fallbacks() -> list[str]:
    """Return earlier signing keys (DJANGO_SECRET_KEY_FALLBACKS, comma-separated), for rotation."""
    raw = os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "")
    return [k.strip() for k in raw.split(",") if k.strip()]


def database_url() -> str:
    """Return DATABASE_URL, or an empty string for the default SQLite database."""
    return os.environ.get("DATABASE_URL", "")


def smtp_password() -> str:
    """Return the SMTP password: from the file EMAIL_HOST_PASSWORD_FILE names, else the env."""
    path = os.environ.get("EMAIL_HOST_PASSWORD_FILE", "")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get("EMAIL_HOST_PASSWORD", "")
