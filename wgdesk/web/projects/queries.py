"""Reads of projects and everything of theirs, through the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wgdesk.web import policy
from wgdesk.web.agenda.models import AgendaItem, Track
from wgdesk.web.groups.models import Ministry
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.projects import projectfile
from wgdesk.web.projects.models import (
    Project,
    ProjectEvent,
    ProjectFlag,
    ProjectVersion,
    ReviewFlag,
    Shipment,
    SideReview,
)


def visible_projects(user: Any) -> QuerySet[Project]:
    """Every project the user may see, newest first."""
    return policy.visible(user, Project).select_related("side", "agenda_item", "sponsor")


def versions(user: Any, project: Project) -> QuerySet[ProjectVersion]:
    """The project's versions, newest first."""
    return policy.visible(user, ProjectVersion).filter(project=project).order_by("-number")


def reviews(user: Any, project: Project) -> list[SideReview]:
    """The sides' reviews the user may see: their own side's, and the other's once shared."""
    rows = SideReview.objects.filter(project=project).select_related("side", "created_by")
    return policy.visible_list(user, rows)


def events(user: Any, project: Project) -> QuerySet[ProjectEvent]:
    """The project's steps, oldest first."""
    return policy.visible(user, ProjectEvent).filter(project=project).select_related("actor")


def shipments(user: Any, project: Project) -> QuerySet[Shipment]:
    """Shipments and activities recorded under the project."""
    return policy.visible(user, Shipment).filter(project=project)


def flags(user: Any, project: Project) -> QuerySet[ProjectFlag]:
    """The project's re-screening flags, newest first."""
    return (
        policy.visible(user, ProjectFlag).filter(project=project).select_related("resolved_by_side")
    )


def review_flags(user: Any, review: Any) -> QuerySet[ReviewFlag]:
    """A saved review's re-screening flags, newest first."""
    return policy.visible(user, ReviewFlag).filter(review=review)


def form_choices(user: Any) -> dict[str, Any]:
    """What a project form offers: visible tracks and agenda items, the user's side's
    ministries (the inter-Korean track first, as the sanctions pages do)."""
    member = policy.member_of(user)
    return {
        "tracks": policy.visible(user, Track),
        "items": policy.visible(user, AgendaItem).select_related("track"),
        "ministries": policy.visible(user, Ministry).filter(side_id=member.side_id),
        "clearance": member.clearance,
    }


def open_meetings(user: Any) -> QuerySet[Meeting]:
    """Meetings a joint decision can be recorded at: visible, minutes not locked."""
    return policy.visible(user, Meeting).exclude(minutes__status="locked").order_by("-starts_at")


def shipment_lines(project: Project) -> list[tuple[str, str]]:
    """The items and activities of the decided version (else the latest), each with its
    label: what a shipment may be recorded against (the page's form and the API)."""
    number = project.decided_version
    rows = project.versions.all()
    version = rows.filter(number=number).first() if number else rows.order_by("-number").first()
    if version is None:
        return []
    parsed = projectfile.check(version.text)
    items = [(i.id, f"{i.id}: {i.description} ({i.hs.dotted()})") for i in parsed.items]
    return items + [(a.id, f"{a.id}: {a.description} ({a.kind})") for a in parsed.activities]
