"""The demo working group: ``load()`` builds it once, ``current_codes()`` prints TOTP codes."""

from wgdesk.web.demo.loader import current_codes, load

__all__ = ["current_codes", "load"]
