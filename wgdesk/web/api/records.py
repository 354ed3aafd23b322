"""The HTTP API's endpoints for the desk's records: a meeting with its agenda, its
minutes, decisions, action items and each side's positions.

Every read goes through the same policy and queries as the desk's pages: a record the
caller may not see is neither listed nor counted, and its URL answers 404 exactly as one
that does not exist. Side-owned and classified records are named by opaque references
(core/opaque.py), as in their desk URLs. The one change, an action item's status, goes
through the same action as the action item's edit page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from wgdesk.web import policy
from wgdesk.web.actionitems import actions as action_actions
from wgdesk.web.actionitems import queries as action_queries
from wgdesk.web.actionitems.models import ActionItem, ActionStatus
from wgdesk.web.api.endpoints import data, endpoint, error, paging
from wgdesk.web.api.present import meeting_summary
from wgdesk.web.api.views import BadRequest, json_body
from wgdesk.web.core import links, opaque
from wgdesk.web.core.scoping import Classification, portion_mark
from wgdesk.web.decisions import queries as decision_queries
from wgdesk.web.decisions.models import Decision
from wgdesk.web.groups.models import Side
from wgdesk.web.meetings import queries as meeting_queries
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.models import Amendment, Minutes, MinutesApproval, MinutesRevision
from wgdesk.web.positions import queries as position_queries
from wgdesk.web.positions.models import Position

# ?status= of the action-item list: "open" is every status not closed, as on the list page.
ACTION_FILTERS = ("open", *ActionStatus.values)


def _iso(value: Any) -> str | None:
    """A date or time as ISO 8601 (None stays None)."""
    return value.isoformat() if value is not None else None


def _marking(level: int) -> dict[str, str]:
    """A record's classification and the portion mark the desk writes before it."""
    return {
        "classification": Classification(level).name.lower(),
        "portion_mark": portion_mark(level),
    }


def _titled(obj: Any) -> dict[str, Any] | None:
    """An agenda item or meeting as its id and both titles (None stays None)."""
    if obj is None:
        return None
    return {"id": obj.pk, "title_ko": obj.title.ko, "title_en": obj.title.en}


def _page(request: HttpRequest, rows: Any, key: str, present: Any) -> HttpResponse:
    """A page of rows (``limit``, ``offset``) with how many the caller may see in all."""
    page = paging(request)
    if isinstance(page, HttpResponse):
        return page
    limit, offset = page
    shown = [present(row, request) for row in rows[offset : offset + limit]]
    return data({"count": rows.count(), key: shown})


def _whole_number(request: HttpRequest, name: str) -> int | None:
    """An optional whole-number query parameter (a record's id); BadRequest otherwise."""
    value = request.GET.get(name)
    if value is None:
        return None
    # ASCII only: "²" is a digit to str.isdigit() but not to int().
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        raise BadRequest(400, "invalid_request", f"{name} is a record's id (a whole number)")
    return int(value)


def _side(request: HttpRequest) -> str:
    """The optional ``side`` query parameter: a side of the caller's group ("" for any).
    Checked before it reaches a query (PostgreSQL refuses text with a NUL: a 500)."""
    side = request.GET.get("side", "")
    sides = set(policy.visible(request.user, Side).values_list("code", flat=True))
    if side and side not in sides:
        raise BadRequest(400, "invalid_request", f"side is one of {', '.join(sorted(sides))}")
    return side


# --- meetings and minutes -------------------------------------------------------------------


def decision_summary(decision: Decision, request: HttpRequest) -> dict[str, Any]:
    """A decision: where it was taken, on what, its text in both languages and marking."""
    return {
        "id": opaque.encode(decision.pk),
        "meeting": _titled(decision.meeting),
        "agenda_item": _titled(decision.agenda_item),
        "text_ko": decision.text.ko,
        "text_en": decision.text.en,
        "decided_on": decision.decided_on.isoformat(),
        **_marking(decision.classification),
        "withdrawn": decision.withdrawn_at is not None,
        "withdrawn_at": _iso(decision.withdrawn_at),
        "withdrawal_reason": decision.withdrawal_reason,
        "url": links.absolute(decision.get_absolute_url(), request),
    }


def action_summary(action: ActionItem, request: HttpRequest) -> dict[str, Any]:
    """An action item: what, who of which side, by when, where it was raised, its status."""
    return {
        "id": opaque.encode(action.pk),
        "title_ko": action.title.ko,
        "title_en": action.title.en,
        "meeting": _titled(action.meeting),
        "agenda_item": _titled(action.agenda_item),
        "owner": {"ko": action.owner.name.ko, "en": action.owner.name.en},
        "side": action.side.code,
        "due_on": action.due_on.isoformat(),
        "status": action.status,
        "closed_at": _iso(action.closed_at),
        **_marking(action.classification),
        "url": links.absolute(action.get_absolute_url(), request),
    }


@endpoint("GET")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting with its agenda, the decisions taken and action items raised at it,
    and the state of its minutes (null when there are none the caller may see)."""
    user = request.user
    meeting = policy.get_visible_or_404(user, Meeting.objects.select_related("series"), pk=pk)
    minutes = policy.first_visible(user, Minutes.objects.filter(meeting=meeting))
    decisions = decision_queries.for_meeting(user, meeting)
    actions = action_queries.raised_at(user, meeting).select_related("agenda_item")
    return data(
        {
            **meeting_summary(meeting, request),
            "agenda": [_titled(e.agenda_item) for e in meeting_queries.agenda(user, meeting)],
            "minutes": None
            if minutes is None
            else {
                "status": minutes.status,
                **_marking(minutes.classification),
                "url": links.absolute(reverse("api:minutes", args=[meeting.pk]), request),
            },
            "decisions": [decision_summary(d, request) for d in decisions],
            "action_items": [action_summary(a, request) for a in actions],
        }
    )


@endpoint("GET")
def minutes_of(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting's minutes as they stand (the current revision) in both languages, with
    their state, each side's approval and the amendments that reopened them. Minutes above
    the caller's clearance answer 404, as a meeting without minutes does."""
    user = request.user
    meeting = policy.get_visible_or_404(user, Meeting, pk=pk)
    minutes = policy.first_visible(user, Minutes.objects.filter(meeting=meeting))
    if minutes is None:
        return error(404, "not_found", "no such resource")
    approvals = policy.visible(user, MinutesApproval).filter(minutes=minutes).select_related("side")
    amendments = policy.visible(user, Amendment).filter(minutes=minutes)
    return data(
        {
            "meeting": meeting.pk,
            "status": minutes.status,
            "locked": minutes.status == "locked",
            "locked_at": _iso(minutes.locked_at),
            "revision": minutes.revision,
            "updated_at": _iso(minutes.updated_at),
            **_marking(minutes.classification),
            "body_ko": minutes.body.ko,
            "body_en": minutes.body.en,
            "approvals": [
                {"side": a.side.code, "revision": a.revision, "at": _iso(a.approved_at)}
                for a in approvals
            ],
            "amendments": [
                {
                    "number": a.number,
                    "reason": a.reason,
                    "locked_revision": a.locked_revision,
                    "at": _iso(a.created_at),
                }
                for a in amendments
            ],
            "url": links.absolute(minutes.get_absolute_url(), request),
        }
    )


@endpoint("GET")
def minutes_revisions(request: HttpRequest, pk: int) -> HttpResponse:
    """Every saved revision of a meeting's minutes, newest first, in both languages (the
    minutes' history page); above the caller's clearance 404, as for no minutes."""
    user = request.user
    meeting = policy.get_visible_or_404(user, Meeting, pk=pk)
    minutes = policy.first_visible(user, Minutes.objects.filter(meeting=meeting))
    if minutes is None:
        return error(404, "not_found", "no such resource")
    revisions = (
        policy.visible(user, MinutesRevision).filter(minutes=minutes).select_related("author")
    )
    return data(
        {
            "meeting": meeting.pk,
            "current": minutes.revision,
            **_marking(minutes.classification),
            "revisions": [
                {
                    "number": r.number,
                    "body_ko": r.body_ko,
                    "body_en": r.body_en,
                    "author": str(r.author),
                    "at": _iso(r.created_at),
                }
                for r in revisions.order_by("-number")
            ],
        }
    )


# --- decisions --------------------------------------------------------------------------------


@endpoint("GET")
def decision_list(request: HttpRequest) -> HttpResponse:
    """Decisions the caller may see, newest first (``meeting``, ``agenda_item`` filter)."""
    rows = decision_queries.visible_decisions(request.user)
    try:
        meeting, item = _whole_number(request, "meeting"), _whole_number(request, "agenda_item")
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    if meeting is not None:
        rows = rows.filter(meeting_id=meeting)
    if item is not None:
        rows = rows.filter(agenda_item_id=item)
    return _page(request, rows, "decisions", decision_summary)


@endpoint("GET")
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One decision; a hidden one is 404, as one that does not exist."""
    rows = decision_queries.visible_decisions(request.user)
    return data(decision_summary(policy.get_visible_or_404(request.user, rows, pk=pk), request))


# --- action items -----------------------------------------------------------------------------


def _actions(request: HttpRequest) -> Any:
    """The action items the caller may see, with what their summaries show loaded."""
    return action_queries.visible_actions(request.user).select_related("agenda_item")


@endpoint("GET")
def action_list(request: HttpRequest) -> HttpResponse:
    """Action items the caller may see, by due day (``status``, ``side``, ``meeting`` filter;
    ``status=open``: not done, as on the list page)."""
    status = request.GET.get("status", "")
    if status and status not in ACTION_FILTERS:
        return error(400, "invalid_request", f"status is one of {', '.join(ACTION_FILTERS)}")
    try:
        side, meeting = _side(request), _whole_number(request, "meeting")
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    rows = action_queries.filtered(request.user, status, side).select_related("agenda_item")
    if meeting is not None:
        rows = rows.filter(meeting_id=meeting)
    return _page(request, rows, "action_items", action_summary)


def _set_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an action item's status as its edit page does (the other fields kept): 404
    unseen, 403 for a role that may not change it."""
    action = policy.get_editable_or_404(request.user, _actions(request), pk=pk)
    try:
        status = json_body(request).get("status")
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    if status not in ActionStatus.values:
        return error(400, "invalid_request", f"status is one of {', '.join(ActionStatus.values)}")
    title = (action.title.ko, action.title.en)
    action_actions.edit_action(request.user, action, title, action.owner, action.due_on, status)
    return data(action_summary(action, request))


@endpoint("GET", "PATCH")
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: one action item (404 when hidden); PATCH ``{"status": ...}``: change its status."""
    if request.method == "PATCH":
        return _set_status(request, pk)
    found = policy.get_visible_or_404(request.user, _actions(request), pk=pk)
    return data(action_summary(found, request))


# --- positions --------------------------------------------------------------------------------


def position_summary(position: Position, request: HttpRequest) -> dict[str, Any]:
    """A side's position on an agenda item as the caller may read it: the other side's only
    once shared, and then the text it shared (an edit it has not shared stays with it)."""
    return {
        "id": opaque.encode(position.pk),
        "agenda_item": _titled(position.agenda_item),
        "side": position.side.code,
        "status": position.status,
        "stance_ko": position.stance.ko,
        "stance_en": position.stance.en,
        **_marking(position.classification),
        "updated_at": _iso(position.updated_at),
        "url": links.absolute(position.get_absolute_url(), request),
    }


def _positions(request: HttpRequest) -> Any:
    """The positions the caller may see, by agenda item and side."""
    rows = policy.visible(request.user, Position).select_related("agenda_item", "side")
    return rows.order_by("agenda_item__track__order", "agenda_item__path", "side_id")


@endpoint("GET")
def position_list(request: HttpRequest) -> HttpResponse:
    """Positions the caller may see: their own side's, the other side's once shared
    (``agenda_item``, ``side`` filter)."""
    rows = _positions(request)
    try:
        item, side = _whole_number(request, "agenda_item"), _side(request)
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    if item is not None:
        rows = rows.filter(agenda_item_id=item)
    if side:
        rows = rows.filter(side__code=side)
    return _page(request, rows, "positions", position_summary)


def _history(request: HttpRequest, position: Position) -> list[dict[str, Any]]:
    """The position's revisions the caller may see, numbered for this reader (the stored
    numbers count the other side's unshared edits: positions/queries.py, ``history``)."""
    rows = position_queries.history(request.user, position.agenda_item)
    return [
        {
            "number": row.shown_number,  # type: ignore[attr-defined]
            "stance_ko": row.stance_ko,
            "stance_en": row.stance_en,
            "shared": row.shared,
            **_marking(row.classification),
            "at": _iso(row.created_at),
        }
        for row in rows
        if row.position_id == position.pk
    ]


@endpoint("GET")
def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One position with its history and the item's alignment; for the caller's own side
    also its edit not yet shared (``pending``), which the other side never receives."""
    user = request.user
    position = policy.get_visible_or_404(user, _positions(request), pk=pk)
    member = policy.member_of(user)
    pending = None
    if position.side_id == member.side_id:
        waiting = position_queries.own_pending_edit(user, position.agenda_item)
        if waiting is not None:
            pending = {
                "stance_ko": waiting.stance_ko,
                "stance_en": waiting.stance_en,
                **_marking(waiting.classification),
                "at": _iso(waiting.created_at),
            }
    alignment = position_queries.current_alignment(user, position.agenda_item)
    return data(
        {
            **position_summary(position, request),
            "alignment": alignment.state if alignment is not None else None,
            "history": _history(request, position),
            "pending": pending,
        }
    )
