"""Saved reviews as the API returns them."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from wgdesk.web.core.scoping import Classification
from wgdesk.web.sanctions.models import ProjectReview


def review_summary(review: ProjectReview) -> dict[str, Any]:
    """What the list of saved reviews shows of each."""
    item = review.agenda_item
    return {
        "id": review.pk,
        "title": review.title,
        "verdict": review.verdict,
        "reviewed_on": review.reviewed_on.isoformat(),
        "agenda_item": {"id": item.pk, "title_ko": item.title.ko, "title_en": item.title.en},
        "side": review.side.code,
        "visibility": review.visibility,
        "classification": Classification(review.classification).name.lower(),
        "created_by": review.created_by.name.en or review.created_by.name.ko,
        "created_at": review.created_at.isoformat(),
        "list_versions": review.list_versions,
        "url": settings.SITE_URL + review.get_absolute_url(),
    }


def review_detail(review: ProjectReview, lang: str) -> dict[str, Any]:
    """One saved review: its summary, the project file and the report in a language."""
    return {
        **review_summary(review),
        "project": review.project_text,
        "project_format": review.project_format,
        "report": review.report_in(lang),
    }
