"""Views of positions: the board, one item side by side, edit, share, align."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.core.paging import page_of
from wgdesk.web.core.views import form_page
from wgdesk.web.positions import actions, queries
from wgdesk.web.positions.forms import AlignmentForm, PositionForm
from wgdesk.web.positions.models import Position, PositionStatus


def board(request: HttpRequest) -> HttpResponse:
    """Both sides' positions on every item, with the alignment state, a page at a time."""
    page = page_of(request, queries.board_items(request.user))
    context = {"rows": queries.board(request.user, page.object_list), "page": page}
    return render(request, "positions/board.html", context)


def item(request: HttpRequest, agenda_id: int) -> HttpResponse:
    """Both sides' positions on one item side by side, their history and alignment."""
    agenda_item = policy.get_visible_or_404(request.user, AgendaItem, pk=agenda_id)
    context = {
        "item": agenda_item,
        **queries.side_by_side(request.user, agenda_item),
        "pending": queries.own_pending_edit(request.user, agenda_item),
        "can_share": policy.can(request.user, policy.Cap.SHARE_POSITION),
        # The same capability the edit view requires: observers are not offered the link.
        "can_write": policy.can(request.user, policy.Cap.EDIT),
        "history": queries.history(request.user, agenda_item),
        "alignments": queries.alignment_history(request.user, agenda_item),
        "alignment_form": AlignmentForm()
        if policy.can(request.user, policy.Cap.SET_ALIGNMENT)
        else None,
    }
    return render(request, "positions/item.html", context)


def _edit_initial(own: Position | None) -> dict[str, Any]:
    """The form starts from the side's newest text: a waiting edit, else the position."""
    if own is None:
        return {"classification": 0}
    pending = actions.pending_edit(own)
    if pending is None:
        return {"classification": own.classification}
    return {
        "classification": pending.classification,
        "stance_ko": pending.stance_ko,
        "stance_en": pending.stance_en,
    }


def _saved_message(position: Position) -> str:
    """What happened to the text: nothing an edit does reaches the other side by itself."""
    if position.status == PositionStatus.SHARED:
        return _(
            "Edit saved for your side only. The other side keeps reading the shared text "
            "until a delegate or co-chair shares this edit."
        )
    return _("Position saved. It stays with your side until a delegate or co-chair shares it.")


def edit(request: HttpRequest, agenda_id: int) -> HttpResponse:
    """Write one's side's position on an item (a new revision each time)."""
    policy.require(request.user, policy.Cap.EDIT)
    agenda_item = policy.get_visible_or_404(request.user, AgendaItem, pk=agenda_id)
    member = policy.member_of(request.user)
    own = Position.objects.filter(agenda_item=agenda_item, side_id=member.side_id).first()
    if own is not None and not policy.can_edit(request.user, own):
        own = policy.get_editable_or_404(request.user, Position, pk=own.pk)
    initial = _edit_initial(own)
    form = PositionForm(
        request.POST or None, instance=own, initial=initial, clearance=member.clearance
    )
    if request.method == "POST" and form.is_valid():
        position = actions.save_position(
            request.user, agenda_item, form.texts()["stance"], form.cleaned_data["classification"]
        )
        messages.success(request, _saved_message(position))
        return redirect("positions:item", agenda_id=agenda_item.pk)
    heading = _("Position of %(side)s on %(item)s") % {"side": member.side, "item": agenda_item}
    return form_page(request, form, heading, cancel_url=agenda_item.get_absolute_url())


@require_POST
def share(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one's side's draft position, or the waiting edit of a shared one, to the other side."""
    policy.require(request.user, policy.Cap.SHARE_POSITION)
    position = policy.get_editable_or_404(request.user, Position, pk=pk)
    actions.share_position(request.user, position)
    messages.success(request, _("Position shared with the other side."))
    return redirect("positions:item", agenda_id=position.agenda_item_id)


@require_POST
def align(request: HttpRequest, agenda_id: int) -> HttpResponse:
    """Record the alignment state of an item."""
    policy.require(request.user, policy.Cap.SET_ALIGNMENT)
    agenda_item = policy.get_visible_or_404(request.user, AgendaItem, pk=agenda_id)
    form = AlignmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an alignment state."))
        return redirect("positions:item", agenda_id=agenda_item.pk)
    actions.set_alignment(request.user, agenda_item, form.cleaned_data["state"])
    messages.success(request, _("Alignment recorded."))
    return redirect("positions:item", agenda_id=agenda_item.pk)
