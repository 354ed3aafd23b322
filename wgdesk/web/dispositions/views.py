"""The page of one listed entry: its details, and the reader's side's dispositions of it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wgdesk.web import policy
from wgdesk.web.dispositions import actions, queries
from wgdesk.web.dispositions.entries import find_entry
from wgdesk.web.dispositions.forms import DispositionForm
from wgdesk.web.sanctions import screeners


def entry(request: HttpRequest, source: str, ref: str) -> HttpResponse:
    """Show a listed entry; a member who screens records a disposition of a hit on it."""
    policy.require(request.user, policy.Cap.SCREEN)
    screener, state = screeners.current()
    found = None if screener is None else find_entry(screener, source, ref)
    if found is None:
        raise Http404
    name = (request.POST.get("name") or request.GET.get("name") or "").strip()
    form = DispositionForm(request.POST or None, initial={"name": name})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.dispose(request.user, data["name"], found, data["verdict"], data["reason"])
        messages.success(request, _("Disposition recorded."))
        url = reverse("dispositions:entry", args=[source, ref])
        return redirect(f"{url}?{urlencode({'name': data['name']})}")
    context = {
        "found": found,
        "e": found.entry,
        "state": state,
        "name": name,
        "form": form,
        "dispositions": list(queries.of_entry(request.user, source, ref)),
    }
    return render(request, "dispositions/entry.html", context, status=400 if form.errors else 200)
