"""The HTTP API's project endpoints: the same records, through the same policy, as the
project pages (GET only: the workflow's steps are taken on the desk's pages)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from wgdesk.web import policy
from wgdesk.web.api.endpoints import data, endpoint, error
from wgdesk.web.core import links
from wgdesk.web.projects import projectfile, queries
from wgdesk.web.projects.models import Project, ProjectVersion
from wgdesk.web.projects.workflow import State

PAGE_MAX, OFFSET_MAX = 200, 1_000_000_000


def _iso(value: Any) -> str | None:
    """A date or time as ISO 8601 (None stays None)."""
    return value.isoformat() if value is not None else None


def summary(project: Project, request: HttpRequest) -> dict[str, Any]:
    """A project's record: where it belongs, its texts, sponsor, state and dates."""
    return {
        "id": project.pk,
        "title_ko": project.title.ko,
        "title_en": project.title.en,
        "summary_ko": project.summary.ko,
        "summary_en": project.summary.en,
        "side": project.side.code,
        "track": project.track_id,
        "agenda_item": project.agenda_item_id,
        "sponsor": {"ko": project.sponsor.name.ko, "en": project.sponsor.name.en},
        "state": project.status,
        "classification": project.classification,
        "outcome": project.outcome or None,
        "decision": project.decision_id,
        "submitted_to_committee_on": _iso(project.submitted_to_committee_on),
        "committee_decided_on": _iso(project.committee_decided_on),
        "expires_on": _iso(project.expires_on),
        "url": links.absolute(project.get_absolute_url(), request),
    }


def _version(version: ProjectVersion) -> dict[str, Any]:
    """One version's identity and the engine's verdict on it."""
    return {"number": version.number, "verdict": version.verdict, "at": _iso(version.created_at)}


def detail(project: Project, request: HttpRequest) -> dict[str, Any]:
    """A project with its versions, the reviews and flags the caller may see, its steps
    (transitions) and shipments."""
    user = request.user
    versions = list(queries.versions(user, project))
    return {
        **summary(project, request),
        "conditions": project.committee_conditions,
        "reasons": project.committee_reasons,
        "file": versions[0].text if versions else "",
        "versions": [_version(v) for v in versions],
        "reviews": [
            {
                "side": r.side.code,
                "version": r.version,
                "verdict": r.verdict,
                "conditions": r.conditions,
                "notes": r.notes,
                "shared": r.visibility == "shared",
                "classification": r.classification,
            }
            for r in queries.reviews(user, project)
        ],
        "transitions": [
            {"step": e.step, "from": e.from_state, "to": e.to_state, "at": _iso(e.at)}
            for e in queries.events(user, project)
        ],
        "shipments": [
            {
                "line": s.line,
                "quantity": s.quantity,
                "on": _iso(s.shipped_on),
                "place": s.place,
                "description": s.description,
            }
            for s in queries.shipments(user, project)
        ],
        "flags": [
            {
                "party": f.party,
                "old_decision": f.old_decision,
                "new_decision": f.new_decision,
                "blocking": f.blocking,
                "resolved": f.resolved_at is not None,
                "candidates": f.candidates,
                "list_diff": f.list_diff,
            }
            for f in queries.flags(user, project)
        ],
    }


def _paging(request: HttpRequest) -> tuple[int, int] | HttpResponse:
    """limit and offset, or the 400 answer."""
    try:
        limit = int(request.GET.get("limit", "50"))
        offset = int(request.GET.get("offset", "0"))
    except ValueError:
        return error(400, "invalid_request", "limit and offset are whole numbers")
    if not 1 <= limit <= PAGE_MAX or not 0 <= offset <= OFFSET_MAX:
        return error(400, "invalid_request", f"limit is 1 to {PAGE_MAX}, offset 0 to {OFFSET_MAX}")
    return limit, offset


@endpoint("GET")
def project_list(request: HttpRequest) -> HttpResponse:
    """Projects the caller may see, newest first (``state`` filters)."""
    paging = _paging(request)
    if isinstance(paging, HttpResponse):
        return paging
    limit, offset = paging
    found = queries.visible_projects(request.user)
    state = request.GET.get("state")
    if state is not None:
        if state not in State.values:
            return error(400, "invalid_request", f"state is one of {', '.join(State.values)}")
        found = found.filter(status=state)
    page = [summary(p, request) for p in found[offset : offset + limit]]
    return data({"count": found.count(), "projects": page})


@endpoint("GET")
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One project; one the caller may not see is 404, as one that does not exist."""
    rows = Project.objects.select_related("side", "sponsor")
    project = policy.get_visible_or_404(request.user, rows, pk=pk)
    return data(detail(project, request))


@endpoint("GET")
def project_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One version's project file and the diff from the version before."""
    project = policy.get_visible_or_404(request.user, Project, pk=pk)
    rows = queries.versions(request.user, project)
    shown = rows.filter(number=number).first()
    if shown is None:
        return error(404, "not_found", "no such resource")
    before = rows.filter(number__lt=number).first()
    diff = projectfile.compare(before.text, shown.text) if before else []
    return data(
        {
            **_version(shown),
            "file": shown.text,
            "diff": [f"{line.mark}{line.text}" if line.mark != "@" else line.text for line in diff],
        }
    )
