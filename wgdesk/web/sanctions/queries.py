"""Reads of saved reviews and of what a review can be saved under, through the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, QuerySet, Value, When

from wgdesk.web import policy
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.sanctions.models import ProjectReview

# Saved reviews usually belong to the inter-Korean cooperation track: its items come first.
PREFERRED_TRACK = "inter-korean"


# What lists of reviews never show; a review's own page loads it whole.
HEAVY = ("project_text", "report", "report_ko", "exemption_zip")


def visible_reviews(user: Any) -> QuerySet[ProjectReview]:
    """Every saved review the user may see, newest first (without the files and reports)."""
    return (
        policy.visible(user, ProjectReview)
        .select_related("agenda_item__track", "side", "created_by")
        .defer(*HEAVY)
    )


def reviews_on_item(user: Any, item: AgendaItem) -> QuerySet[ProjectReview]:
    """The saved reviews on one agenda item that the user may see (for the item's page,
    which shows each review's side: its item, track and author are not joined in)."""
    return (
        policy.visible(user, ProjectReview)
        .filter(agenda_item=item)
        .select_related("side")
        .defer(*HEAVY)
    )


def agenda_items_for_saving(user: Any) -> QuerySet[AgendaItem]:
    """Agenda items a review may be saved under: the inter-Korean track's first, in tree order."""
    preferred = Case(When(track__code=PREFERRED_TRACK, then=Value(0)), default=Value(1))
    return (
        policy.visible(user, AgendaItem)
        .select_related("track")
        .order_by(preferred, "track__order", "track_id", "path")
    )
