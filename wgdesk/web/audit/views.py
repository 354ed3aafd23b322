"""The audit trail: events the reader may see (co-chairs and secretariat), page by page,
filtered, described in the reader's language, and exported as CSV (which is audited)."""

from __future__ import annotations

import csv
import io

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from wgdesk.web import policy
from wgdesk.web.audit.actions import record
from wgdesk.web.audit.describe import describe
from wgdesk.web.audit.filters import AuditFilter
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.paging import page_of
from wgdesk.web.exports.csvfile import safe_cell

PER_PAGE = 50
# "number" counts the events this reader may see (not the chain's ids, whose gaps would
# show how many are hidden); "record_id" is opaque for side-owned or classified kinds.
CSV_HEADER = ("number", "at", "actor", "action", "kind", "record_id", "record", "hash")


def _filtered(request: HttpRequest) -> AuditFilter:
    """The filter over the events the policy lets this reader see, newest first."""
    if not policy.can_list(request.user, AuditEvent):
        raise PermissionDenied
    events: QuerySet[AuditEvent] = policy.visible(request.user, AuditEvent).order_by("-id")
    return AuditFilter(request.GET or None, events, request.user)


def _valid(filtered: AuditFilter) -> bool:
    """No filter at all is valid (every visible event); given filters must all be valid."""
    return not filtered.is_bound or filtered.is_valid()


@require_GET
def log(request: HttpRequest) -> HttpResponse:
    """One page of the filtered events (an invalid filter shows its error and no rows)."""
    filtered = _filtered(request)
    valid = _valid(filtered)
    rows = filtered.qs if valid else AuditEvent.objects.none()
    page = page_of(request, rows, PER_PAGE)
    events = describe(request.user, page, filtered.seats)
    context = {"filter": filtered, "page": page, "events": events}
    return render(request, "audit/log.html", context, status=200 if valid else 400)


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The filtered events as CSV (formula-safe, BOM first); the export itself is audited."""
    filtered = _filtered(request)
    if not _valid(filtered):
        return HttpResponse(str(filtered.errors), status=400, content_type="text/plain")
    events = describe(request.user, filtered.qs, filtered.seats)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for d in events:
        e = d.event
        cells = (d.number, e.at.isoformat(), d.actor, d.verb, d.kind, d.record_ref, d.title, e.hash)
        writer.writerow([safe_cell(c) for c in cells])
    chosen = filtered.form.cleaned_data if filtered.is_bound else {}
    query = {k: str(v) for k, v in chosen.items() if v not in (None, "")}
    facts = {"export": "audit_csv", "events": len(events), "filters": query}
    # Kept with the exporter's side, like the other downloads of unsaved views.
    record(request.user, "download", policy.member_of(request.user), facts, side_only=True)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    name = f"audit-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response
