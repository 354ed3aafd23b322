"""Views shared by every feature: the standard form page and translation confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.core.actions import confirm_translation
from wgdesk.web.core.attached import attachable_model
from wgdesk.web.core.bilingual import bilingual_fields

# Records whose translations can be confirmed from the UI.
CONFIRMABLE = (
    "agenda.AgendaItem",
    "meetings.Meeting",
    "minutes.Minutes",
    "decisions.Decision",
    "actionitems.ActionItem",
    "positions.Position",
    "engagements.Engagement",
)


def form_page(
    request: HttpRequest, form: forms.Form, heading: str, status: int = 200, **extra: Any
) -> HttpResponse:
    """Render the standard page for one form (pairs side by side, then other fields)."""
    context = {"form": form, "heading": heading, **extra}
    # A form that failed validation is answered with 400 so clients and tests can tell.
    if form.is_bound and form.errors and status == 200:
        status = 400
    return render(request, "core/form.html", context, status=status)


def attachable_target(request: HttpRequest, label: str, pk: int) -> Any:
    """The record a note or file is being added to: a kind that takes them, visible to the
    user, who must be allowed to edit."""
    policy.require(request.user, policy.Cap.EDIT)
    model = attachable_model(label)
    if model is None:
        raise Http404
    return policy.get_visible_or_404(request.user, model, pk=pk)


def flash_errors(request: HttpRequest, form: forms.Form) -> None:
    """Show a form's errors as messages (for small forms embedded in another page)."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def back(request: HttpRequest, fallback: str) -> HttpResponse:
    """Redirect to the POSTed ``next`` URL if it is on this site, else to ``fallback``."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@require_POST
def confirm_view(request: HttpRequest, label: str, pk: int, field: str) -> HttpResponse:
    """Mark a record's translation as checked (both texts say the same)."""
    if label not in CONFIRMABLE:
        raise Http404
    model = apps.get_model(label)
    if field not in bilingual_fields(model):
        raise Http404
    obj = policy.get_editable_or_404(request.user, model, pk=pk)
    if confirm_translation(request.user, obj, field):
        messages.success(request, _("Translation confirmed."))
    return back(request, "dashboard:home")
