"""App configuration of the audit trail."""

from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Audit trail: the append-only, hash-chained log of every change and download."""

    name = "wgdesk.web.audit"
    label = "audit"
