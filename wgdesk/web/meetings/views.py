"""Views of meetings: list, detail, create, edit, agenda order, attendance."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.actionitems.queries import carried_over, raised_at
from wgdesk.web.core import zones
from wgdesk.web.core.filtering import filtered_page
from wgdesk.web.core.views import form_page
from wgdesk.web.decisions.queries import for_meeting
from wgdesk.web.meetings import actions, queries
from wgdesk.web.meetings.filters import MeetingFilter
from wgdesk.web.meetings.forms import (
    AgendaAddForm,
    AttendanceForm,
    CancelForm,
    MeetingForm,
    PostponeForm,
    SeriesForm,
)
from wgdesk.web.meetings.models import AgendaEntry, Attendance, Meeting
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notes.queries import panel


def meeting_list(request: HttpRequest) -> HttpResponse:
    """All meetings, newest first, filtered, a page at a time."""
    rows = MeetingFilter(request.GET, queries.meetings(request.user), request.user)
    page, status = filtered_page(request, rows)
    context = {
        "meetings": page.object_list,
        "page": page,
        "filter": rows,
        "can_manage": policy.can(request.user, policy.Cap.MANAGE_MEETINGS),
    }
    return render(request, "meetings/list.html", context, status=status)


def _attendance_rows(request: HttpRequest, meeting: Meeting) -> list[tuple[Any, Any]]:
    """(member, status label) for every member with an attendance record."""
    statuses = queries.attendance(request.user, meeting)
    return [
        (member, Attendance.Status(statuses[member.pk]).label)
        for member in queries.members(request.user).filter(pk__in=statuses)
    ]


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A meeting: agenda, attendance, carried-over actions, outcomes, notes."""
    meeting = policy.get_visible_or_404(
        request.user, Meeting.objects.select_related("series"), pk=pk
    )
    can_manage = policy.can_edit(request.user, meeting)
    context = {
        "meeting": meeting,
        "agenda": queries.agenda(request.user, meeting),
        "attendance": _attendance_rows(request, meeting),
        "carried": carried_over(request.user, meeting),
        "raised": raised_at(request.user, meeting),
        "decisions": for_meeting(request.user, meeting),
        "minutes": policy.visible(request.user, Minutes).filter(meeting=meeting).first(),
        "can_manage": can_manage,
        "can_reschedule": can_manage and queries.reschedulable(meeting),
        "add_form": AgendaAddForm(items=queries.addable_items(request.user, meeting))
        if can_manage
        else None,
        **panel(request.user, meeting),
    }
    return render(request, "meetings/detail.html", context)


def create(request: HttpRequest) -> HttpResponse:
    """Schedule a meeting."""
    policy.require(request.user, policy.Cap.MANAGE_MEETINGS)
    form = MeetingForm(
        request.POST or None,
        series_choices=queries.series(request.user),
        default_zone=zones.display_zone(request.user).key,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        meeting = actions.add_meeting(
            request.user,
            data["series"],
            form.texts()["title"],
            data["starts_at"],
            form.texts()["place"],
            data["format"],
            data["time_zone"],
        )
        messages.success(request, _("Meeting scheduled."))
        return redirect(meeting.get_absolute_url())
    return form_page(request, form, _("Schedule a meeting"))


def create_series(request: HttpRequest) -> HttpResponse:
    """Start a new series of meetings."""
    policy.require(request.user, policy.Cap.MANAGE_MEETINGS)
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.add_series(request.user, form.texts()["title"])
        messages.success(request, _("Series added."))
        return redirect("meetings:create")
    return form_page(request, form, _("Add a meeting series"))


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a meeting's title, time, place or format."""
    meeting = policy.get_editable_or_404(request.user, Meeting, pk=pk)
    initial = {
        "series": meeting.series_id,
        # The wall-clock time where the meeting is held, in the zone shown above it.
        "starts_at": meeting.local_start().replace(tzinfo=None),
        "time_zone": meeting.time_zone,
        "format": meeting.format,
    }
    form = MeetingForm(
        request.POST or None,
        instance=meeting,
        initial=initial,
        series_choices=queries.series(request.user),
        default_zone=meeting.time_zone,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.edit_meeting(
            request.user,
            meeting,
            form.texts()["title"],
            data["starts_at"],
            form.texts()["place"],
            data["format"],
            data["time_zone"],
        )
        messages.success(request, _("Saved."))
        return redirect(meeting.get_absolute_url())
    return form_page(request, form, _("Edit meeting"), cancel_url=meeting.get_absolute_url())


def _not_reschedulable(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Say why a meeting cannot be moved or called off, and change nothing."""
    messages.error(
        request,
        _(
            "This meeting can no longer be postponed or cancelled: it is cancelled already, "
            "or its minutes have been submitted for approval."
        ),
    )
    return redirect(meeting.get_absolute_url())


def postpone(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a meeting to a new start in its own zone, with a reason; both sides are told."""
    meeting = policy.get_editable_or_404(request.user, Meeting, pk=pk)
    form = PostponeForm(
        request.POST or None,
        zone_name=meeting.time_zone,
        initial={"starts_at": meeting.local_start().replace(tzinfo=None)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.postpone_meeting(request.user, meeting, data["starts_at"], data["reason"])
        except actions.NotReschedulable:
            return _not_reschedulable(request, meeting)
        messages.success(request, _("Meeting postponed. Both sides have been told."))
        return redirect(meeting.get_absolute_url())
    return form_page(
        request,
        form,
        _("Postpone the meeting"),
        intro=_("Now: %(when)s (%(zone)s).")
        % {
            "when": zones.meeting_time(meeting.starts_at, meeting.zone, meeting.zone),
            "zone": meeting.time_zone,
        },
        cancel_url=meeting.get_absolute_url(),
        submit_label=_("Postpone"),
    )


def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Call a meeting off, with a reason and a tick box; both sides are told."""
    meeting = policy.get_editable_or_404(request.user, Meeting, pk=pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.cancel_meeting(request.user, meeting, form.cleaned_data["reason"])
        except actions.NotReschedulable:
            return _not_reschedulable(request, meeting)
        messages.success(request, _("Meeting cancelled. Both sides have been told."))
        return redirect(meeting.get_absolute_url())
    return form_page(
        request,
        form,
        _("Cancel the meeting"),
        cancel_url=meeting.get_absolute_url(),
        submit_label=_("Cancel the meeting"),
        cancel_label=_("Back to the meeting"),
    )


@require_POST
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Put an agenda item on the meeting's agenda."""
    meeting = policy.get_editable_or_404(request.user, Meeting, pk=pk)
    form = AgendaAddForm(request.POST, items=queries.addable_items(request.user, meeting))
    if form.is_valid():
        actions.add_to_agenda(request.user, meeting, form.cleaned_data["agenda_item"])
        messages.success(request, _("Added to the agenda."))
    else:
        messages.error(request, _("Choose an open agenda item that is not on this agenda yet."))
    return redirect(meeting.get_absolute_url())


def _entry(request: HttpRequest, pk: int, entry_id: int) -> AgendaEntry:
    """An agenda entry of a meeting the user may change."""
    meeting = policy.get_editable_or_404(request.user, Meeting, pk=pk)
    return policy.get_visible_or_404(request.user, AgendaEntry, pk=entry_id, meeting=meeting)


@require_POST
def agenda_move(request: HttpRequest, pk: int, entry_id: int, direction: str) -> HttpResponse:
    """Move an agenda entry up or down."""
    entry = _entry(request, pk, entry_id)
    actions.move_entry(request.user, entry, -1 if direction == "up" else 1)
    return redirect("meetings:detail", pk=pk)


@require_POST
def agenda_remove(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    """Take an item off the agenda."""
    actions.remove_entry(request.user, _entry(request, pk, entry_id))
    messages.success(request, _("Removed from the agenda."))
    return redirect("meetings:detail", pk=pk)


def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Record who attended."""
    meeting = policy.get_editable_or_404(request.user, Meeting, pk=pk)
    form = AttendanceForm(
        request.POST or None,
        members=queries.members(request.user),
        current=queries.attendance(request.user, meeting),
    )
    if request.method == "POST" and form.is_valid():
        actions.set_attendance(request.user, meeting, form.statuses())
        messages.success(request, _("Attendance saved."))
        return redirect(meeting.get_absolute_url())
    return form_page(request, form, _("Attendance"), cancel_url=meeting.get_absolute_url())
