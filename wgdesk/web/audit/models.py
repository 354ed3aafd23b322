"""The append-only audit log, chained by hashes."""

from __future__ import annotations

from django.db import models


class AuditEvent(models.Model):
    """One create, change, approval or download, linked to the previous event by its hash.

    No foreign keys: deleting a user or a record must never cascade into the log.
    """

    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True)
    actor = models.CharField(max_length=150)
    verb = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=40)
    working_group_id = models.BigIntegerField(null=True)
    side_id = models.BigIntegerField(null=True)
    data = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64, unique=True)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
