"""Write one email in the recipient's language and time zone, and send it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wgdesk.web.core import links, zones
from wgdesk.web.notifications.queries import language_of


def compose(user: Any, template: str, context: dict[str, Any]) -> EmailMessage:
    """Render ``<template>_subject.txt`` and ``_body.txt`` in the user's language, times in
    their display zone, links on the desk's public address (PublicUrlMissing without one)."""
    base = links.base_url()
    if base is None:
        raise links.PublicUrlMissing
    language = language_of(user)
    full = {**context, "site_url": base, "member": user.member}
    with translation.override(language), timezone.override(zones.display_zone(user)):
        subject = render_to_string(f"notifications/email/{template}_subject.txt", full)
        body = render_to_string(f"notifications/email/{template}_body.txt", full)
    message = EmailMessage(
        subject=" ".join(subject.split()),  # one line: a template's newlines must not leak in
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        # RFC 3834: tells mail servers not to send vacation auto-replies back to the desk.
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    message.content_subtype = "plain"
    return message


def send(user: Any, template: str, context: dict[str, Any]) -> None:
    """Compose and send one email (errors propagate: the caller decides what a failure means)."""
    compose(user, template, context).send(fail_silently=False)
