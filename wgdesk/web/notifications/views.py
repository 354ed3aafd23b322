"""The user's notification preferences page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from wgdesk.web.core.views import form_page
from wgdesk.web.notifications import actions
from wgdesk.web.notifications.forms import PreferenceForm
from wgdesk.web.notifications.queries import language_of, preference_of


def preferences(request: HttpRequest) -> HttpResponse:
    """Choose the language of the desk's emails, or switch them off."""
    current = preference_of(request.user)
    initial = {
        "language": language_of(request.user),
        "email_enabled": current.email_enabled if current else True,
    }
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.set_preference(request.user, data["language"], data["email_enabled"])
        messages.success(request, _("Saved."))
        return redirect("notifications:preferences")
    address = request.user.email  # type: ignore[union-attr]
    intro = (
        _("The desk writes to %(address)s.") % {"address": address}
        if address
        else _("Your account has no email address, so the desk cannot email you.")
    )
    return form_page(request, form, _("Email notifications"), intro=intro)
