"""Views of notes: add one to a record, edit one's side's note."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.core.views import attachable_target, back, flash_errors, form_page
from wgdesk.web.notes import actions
from wgdesk.web.notes.forms import NoteEditForm, NoteForm
from wgdesk.web.notes.models import Note


@require_POST
def add(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """Add a note to a record the user may see."""
    target = attachable_target(request, label, pk)
    member = policy.member_of(request.user)
    form = NoteForm(request.POST, clearance=member.clearance)
    if form.is_valid():
        data = form.cleaned_data
        actions.add_note(
            request.user, target, data["body"], data["visibility"], data["classification"]
        )
        messages.success(request, _("Note added."))
    else:
        flash_errors(request, form)
    return back(request, target.get_absolute_url())


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
