"""Views of tracks and agenda items."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wgdesk.web import policy
from wgdesk.web.actionitems.queries import for_agenda_item as actions_for_item
from wgdesk.web.agenda import actions, queries
from wgdesk.web.agenda.forms import AgendaItemEditForm, AgendaItemForm, TrackForm
from wgdesk.web.agenda.models import AgendaItem, Track
from wgdesk.web.core.views import form_page
from wgdesk.web.decisions.queries import for_agenda_item as decisions_for_item
from wgdesk.web.notes.queries import panel
from wgdesk.web.positions.queries import side_by_side


def tracks(request: HttpRequest) -> HttpResponse:
    """Every track with its nested agenda."""
    context = {
        "tracks": queries.tracks_with_trees(request.user),
        "can_add_track": policy.can(request.user, policy.Cap.MANAGE_TRACKS),
        "can_edit": policy.can(request.user, policy.Cap.EDIT),
    }
    return render(request, "agenda/tracks.html", context)


def add_track(request: HttpRequest) -> HttpResponse:
    """Add a track of work to the group."""
    policy.require(request.user, policy.Cap.MANAGE_TRACKS)
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        if queries.tracks(request.user).filter(code=code).exists():
            form.add_error("code", _("A track with this code exists."))
        else:
            actions.add_track(request.user, code, form.texts()["title"])
            messages.success(request, _("Track added."))
            return redirect("agenda:tracks")
    return form_page(request, form, _("Add a track"))


def add_item(request: HttpRequest, track_id: int, parent_id: int | None = None) -> HttpResponse:
    """Add an agenda item to a track, under a parent item when given."""
    policy.require(request.user, policy.Cap.EDIT)
    track = policy.get_visible_or_404(request.user, Track, pk=track_id)
    parent = None
    if parent_id is not None:
        parent = policy.get_visible_or_404(request.user, AgendaItem, pk=parent_id, track=track)
    form = AgendaItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        texts = form.texts()
        item = actions.add_item(request.user, track, parent, texts["title"], texts["description"])
        messages.success(request, _("Agenda item added."))
        return redirect(item.get_absolute_url())
    heading = _("Add an agenda item under %(parent)s") % {"parent": parent or track}
    return form_page(request, form, heading)


def item(request: HttpRequest, pk: int) -> HttpResponse:
    """One agenda item: its texts, sub-items, positions, decisions, actions, notes."""
    agenda_item = policy.get_visible_or_404(
        request.user, AgendaItem.objects.select_related("track"), pk=pk
    )
    context = {
        "item": agenda_item,
        "ancestors": queries.ancestors(request.user, agenda_item),
        "tree": queries.build_tree(list(queries.subtree(request.user, agenda_item))),
        **side_by_side(request.user, agenda_item),
        "decisions": decisions_for_item(request.user, agenda_item),
        "actions": actions_for_item(request.user, agenda_item),
        "can_edit": policy.can_edit(request.user, agenda_item),
        **panel(request.user, agenda_item),
    }
    return render(request, "agenda/item.html", context)


def edit_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an agenda item's texts or status."""
    agenda_item = policy.get_editable_or_404(request.user, AgendaItem, pk=pk)
    form = AgendaItemEditForm(
        request.POST or None, instance=agenda_item, initial={"status": agenda_item.status}
    )
    if request.method == "POST" and form.is_valid():
        texts = form.texts()
        actions.edit_item(
            request.user,
            agenda_item,
            texts["title"],
            texts["description"],
            form.cleaned_data["status"],
        )
        messages.success(request, _("Saved."))
        return redirect(agenda_item.get_absolute_url())
    return form_page(
        request, form, _("Edit agenda item"), cancel_url=agenda_item.get_absolute_url()
    )
