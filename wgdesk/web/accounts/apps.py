"""App configuration: sign-in: password, TOTP two-factor, enrolment and login throttling."""

from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in: password, TOTP two-factor, enrolment and login throttling."""

    name = "wgdesk.web.accounts"
    label = "accounts"
