"""The search index: one row of text per searchable record, kept in step by the database."""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    """The searchable texts of one record: Korean, English and language-neutral text.

    Rows are written only by database triggers on the indexed tables (see ``ddl.py``), so
    every write path (actions, queryset updates, the demo loader, raw SQL) keeps the index
    current. The row holds no access facts: who may see it is decided at query time by
    the policy, on the record it points at.
    """

    kind = models.CharField(max_length=60)  # the record's "app.Model" label
    object_id = models.BigIntegerField()
    ko = models.TextField(default="")
    en = models.TextField(default="")
    other = models.TextField(default="")

    class Meta:
        db_table = "search_document"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_record")
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"
