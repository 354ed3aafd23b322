"""Saved reviews and meetings as the API returns them."""

from __future__ import annotations

from datetime import UTC
from typing import Any

from django.http import HttpRequest

from wgdesk.web.core import links, opaque
from wgdesk.web.core.scoping import Classification
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.sanctions.models import ProjectReview


def review_summary(review: ProjectReview, request: HttpRequest) -> dict[str, Any]:
    """What the list of saved reviews shows of each."""
    item = review.agenda_item
    return {
        # Opaque (core/opaque.py): a side-owned record's sequential id would show gaps.
        "id": opaque.encode(review.pk),
        # "title" as before (one text, English first, like a meeting's "place"), and
        # the two halves since titles became bilingual (issue 12).
        "title": review.title.en or review.title.ko,
        "title_ko": review.title.ko,
        "title_en": review.title.en,
        "verdict": review.verdict,
        "reviewed_on": review.reviewed_on.isoformat(),
        "agenda_item": {"id": item.pk, "title_ko": item.title.ko, "title_en": item.title.en},
        "side": review.side.code,
        "visibility": review.visibility,
        "classification": Classification(review.classification).name.lower(),
        "created_by": review.created_by.name.en or review.created_by.name.ko,
        "created_at": review.created_at.isoformat(),
        "list_versions": review.list_versions,
        "url": links.absolute(review.get_absolute_url(), request),
    }


def review_detail(review: ProjectReview, lang: str, request: HttpRequest) -> dict[str, Any]:
    """One saved review: its summary, the project file and the report in a language."""
    return {
        **review_summary(review, request),
        "project": review.project_text,
        "project_format": review.project_format,
        "report": review.report_in(lang),
    }


def meeting_summary(meeting: Meeting, request: HttpRequest) -> dict[str, Any]:
    """A meeting: its start as an instant with the offset of its own zone, the same instant
    in UTC, and the IANA name of the zone it is held in."""
    return {
        "id": meeting.pk,
        "title_ko": meeting.title.ko,
        "title_en": meeting.title.en,
        "series": {
            "id": meeting.series_id,
            "title_ko": meeting.series.title.ko,
            "title_en": meeting.series.title.en,
        },
        "starts_at": meeting.local_start().isoformat(),
        "starts_at_utc": meeting.starts_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "time_zone": meeting.time_zone,
        "place": meeting.place.en or meeting.place.ko,  # as before: one text, English first
        "place_ko": meeting.place.ko,
        "place_en": meeting.place.en,
        "format": meeting.format,
        "status": meeting.status,
        "url": links.absolute(meeting.get_absolute_url(), request),
    }
