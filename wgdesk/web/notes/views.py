"""Views of notes: add one to a record, edit one's side's note."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.core.attached import attachable_model
from wgdesk.web.core.views import back, form_page
from wgdesk.web.notes import actions
from wgdesk.web.notes.forms import NoteEditForm, NoteForm
from wgdesk.web.notes.models import Note


@require_POST
def add(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """Add a note to a record the user may see."""
    policy.require(request.user, policy.Cap.EDIT)
    model = attachable_model(label)
    if model is None:
        raise Http404
    target = policy.get_visible_or_404(request.user, model, pk=pk)
    member = policy.member_of(request.user)
    form = NoteForm(request.POST, clearance=member.clearance)
    if form.is_valid():
        data = form.cleaned_data
        actions.add_note(
            request.user, target, data["body"], data["visibility"], data["classification"]
        )
        messages.success(request, _("Note added."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return back(request, target.get_absolute_url())  # type: ignore[attr-defined]


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the text of a note of one's own side."""
    note = policy.get_editable_or_404(request.user, Note, pk=pk)
    form = NoteEditForm(request.POST or None, initial={"body": note.body})
    if request.method == "POST" and form.is_valid():
        actions.edit_note(request.user, note, form.cleaned_data["body"])
        messages.success(request, _("Note saved."))
        target = note.target
        return redirect(target.get_absolute_url() if target else "dashboard:home")
    return form_page(request, form, _("Edit note"))
