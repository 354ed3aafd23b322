"""Export views: each reads through the policy, records the download, returns a file."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wgdesk.web import policy
from wgdesk.web.actionitems.models import ActionStatus
from wgdesk.web.actionitems.queries import filtered
from wgdesk.web.core import links, zones
from wgdesk.web.exports import actions, ical, queries
from wgdesk.web.exports.csvfile import action_items_csv
from wgdesk.web.exports.markdown import minutes_markdown
from wgdesk.web.exports.pdf import SYSTEM_PACKAGES, PdfUnavailable, minutes_pdf
from wgdesk.web.groups.models import Side
from wgdesk.web.meetings.models import Meeting

MEETING_LENGTH = timedelta(hours=2)  # meetings store a start only; feeds show two hours


def _download(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A file response that is never cached (exports can hold classified text)."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _context(request: HttpRequest) -> dict[str, object]:
    """What the exports page lists for the user."""
    member = policy.member_of(request.user)
    return {
        "minutes_list": queries.exportable_minutes(request.user),
        "statuses": ActionStatus.choices,
        "sides": Side.objects.filter(working_group_id=member.working_group_id),
        "feed": queries.feed_token_of(request.user),
    }


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The exports page: minutes, action items, the personal calendar feed."""
    return render(request, "exports/index.html", _context(request))


@require_GET
def minutes_as_pdf(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Approved (locked) minutes as PDF, both languages side by side."""
    bundle = queries.minutes_bundle(request.user, meeting_id, locked_only=True)
    try:
        body = minutes_pdf(bundle)
    except PdfUnavailable as problem:
        message = _(
            "PDF export is not available on this server (%(problem)s). Install: %(packages)s"
        )
        text = message % {"problem": problem, "packages": SYSTEM_PACKAGES}
        return HttpResponse(text, status=503, content_type="text/plain; charset=utf-8")
    actions.record_download(request.user, "minutes_pdf", bundle.minutes, bytes=len(body))
    name = f"minutes-{bundle.meeting.local_start():%Y%m%d}-{bundle.meeting.pk}.pdf"
    return _download(body, "application/pdf", name)


@require_GET
def minutes_as_markdown(request: HttpRequest, meeting_id: int) -> HttpResponse:
    """Minutes as Markdown (any status; the status is stated at the top)."""
    bundle = queries.minutes_bundle(request.user, meeting_id, locked_only=False)
    body = minutes_markdown(bundle)
    actions.record_download(request.user, "minutes_markdown", bundle.minutes)
    name = f"minutes-{bundle.meeting.local_start():%Y%m%d}-{bundle.meeting.pk}.md"
    return _download(body, "text/markdown; charset=utf-8", name)


@require_GET
def action_items_as_csv(request: HttpRequest) -> HttpResponse:
    """The action items the user may see, filtered like the list page, as CSV."""
    status, side = request.GET.get("status", ""), request.GET.get("side", "")
    if status not in {"", "open", *ActionStatus.values}:
        return HttpResponseBadRequest(_("Unknown status."))
    rows = list(filtered(request.user, status, side).select_related("meeting"))
    body = action_items_csv(rows, links.base_url(request) or "")
    group = policy.member_of(request.user).working_group
    actions.record_download(
        request.user, "action_items_csv", group, rows=len(rows), status=status, side=side
    )
    return _download(body, "text/csv; charset=utf-8", f"action-items-{timezone.localdate()}.csv")


@require_POST
def calendar_token(request: HttpRequest) -> HttpResponse:
    """Issue a new feed address (shown once) or revoke the current one."""
    choice = request.POST.get("action", "")
    if choice == "revoke":
        if actions.revoke_feed_token(request.user):
            messages.success(request, _("Your calendar feed address no longer works."))
        return redirect("exports:index")
    if choice != "issue":
        return HttpResponseBadRequest(_("Choose to create or revoke the feed address."))
    token = actions.issue_feed_token(request.user)
    feed_url = links.absolute(reverse("feeds:calendar", args=[token]), request)
    response = render(request, "exports/index.html", {**_context(request), "feed_url": feed_url})
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCal feed behind a token: no session needed, only the owner's visible meetings."""
    feed = queries.feed_of(token)
    if feed is None:
        raise Http404
    user = feed.user
    meetings = list(queries.feed_meetings(user).select_related("series__working_group"))
    base = links.base_url(request) or ""
    events = [_event(meeting, base) for meeting in meetings]
    member = policy.member_of(user)
    reader_zone = zones.display_zone(user).key
    body = ical.calendar(str(member.working_group), events, timezone.now(), reader_zone)
    actions.mark_feed_used(feed)
    actions.record_download(user, "calendar", member.working_group, events=len(events))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def _event(meeting: Meeting, base: str) -> ical.Event:
    """A meeting as a calendar event in its own zone, titled in both languages; ``base``
    is the desk's public address (or the address the feed was fetched from)."""
    url = base + meeting.get_absolute_url()
    return ical.Event(
        uid=f"meeting-{meeting.pk}@{links.host_of(base)}",
        start=meeting.starts_at,
        end=meeting.starts_at + MEETING_LENGTH,
        zone=meeting.zone,
        summary=" / ".join(t for t in (meeting.title.ko, meeting.title.en) if t),
        location=" / ".join(t for t in (meeting.place.ko, meeting.place.en) if t),
        description=f"{meeting.get_format_display()}\n{url}",
        url=url,
        status="CANCELLED" if meeting.is_cancelled else "CONFIRMED",
        sequence=meeting.schedule_changes,
    )
