"""App configuration: files attached to any record, with a classification and upload checks."""

from __future__ import annotations

from django.apps import AppConfig


class AttachmentsConfig(AppConfig):
    """Files attached to any record, with a classification and upload checks."""

    name = "wgdesk.web.attachments"
    label = "attachments"
