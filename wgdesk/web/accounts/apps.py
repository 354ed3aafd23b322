"""App configuration: sign-in: password, TOTP two-factor, enrolment and login throttling."""

from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-in: password, TOTP two-factor, enrolment and login throttling."""

    name = "wgdesk.web.accounts"
    label = "accounts"

    def ready(self) -> None:
        """Keep the register of signed-in sessions as users sign in and out."""
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from wgdesk.web.accounts import sessions

        user_logged_in.connect(sessions.register, dispatch_uid="wgdesk.sessions.register")
        user_logged_out.connect(sessions.forget, dispatch_uid="wgdesk.sessions.forget")
