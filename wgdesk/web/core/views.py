"""Views shared by every feature: the standard form page and translation confirmation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.core import translations, withdrawal
from wgdesk.web.core.actions import confirm_translation
from wgdesk.web.core.attached import attachable_model
from wgdesk.web.core.bilingual import bilingual_fields
from wgdesk.web.core.forms import WithdrawForm


def form_page(
    request: HttpRequest, form: forms.Form, heading: str, status: int = 200, **extra: Any
) -> HttpResponse:
    """Render the standard page for one form (pairs side by side, then other fields)."""
    context = {"form": form, "heading": heading, **extra}
    # A form that failed validation is answered with 400 so clients and tests can tell.
    if form.is_bound and form.errors and status == 200:
        status = 400
    return render(request, "core/form.html", context, status=status)


def confirmed(request: HttpRequest) -> bool:
    """True for the second step of a one-click action that cannot be undone: a POST from
    its confirm page (``confirm=yes``). A GET, or a POST without it, only asks."""
    return request.method == "POST" and request.POST.get("confirm") == "yes"


def confirm_page(
    request: HttpRequest,
    heading: str,
    consequences: list[str],
    button: str,
    back_url: str,
    subject: str = "",
) -> HttpResponse:
    """The page that asks before an irreversible action: what will happen, then a form
    that POSTs ``confirm=yes`` to the same URL (plain HTML, no JavaScript needed)."""
    context = {
        "heading": heading,
        "consequences": consequences,
        "button": button,
        "back_url": back_url,
        "subject": subject,
    }
    return render(request, "core/confirm.html", context)


def attachable_target(request: HttpRequest, label: str, pk: int) -> Any:
    """The record a note or file is being added to: a kind that takes them, visible to the
    user, who must be allowed to edit."""
    policy.require(request.user, policy.Cap.EDIT)
    model = attachable_model(label)
    if model is None:
        raise Http404
    target = policy.get_visible_or_404(request.user, model, pk=pk)
    if getattr(target, "withdrawn_at", None) is not None:
        raise PermissionDenied  # a withdrawn record takes no new notes or files
    return target


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
    if not translations.is_tracked(label):  # the same kinds the dashboard lists when stale
        raise Http404
    model = apps.get_model(label)
    if field not in bilingual_fields(model):
        raise Http404
    obj = policy.get_editable_or_404(request.user, model, pk=pk)
    if confirm_translation(request.user, obj, field):
        messages.success(request, _("Translation confirmed."))
    return back(request, "dashboard:home")


def _page_of(obj: Any) -> str:
    """Where a record is shown: its own page, or (a note or file) its record's page."""
    target = getattr(obj, "target", None)
    shown = target if target is not None else obj
    url = getattr(shown, "get_absolute_url", None)
    return url() if url is not None else "/"


def withdraw_view(request: HttpRequest, label: str, pk: int) -> HttpResponse:
    """Withdraw a record: a page asking why and for a tick box (no JavaScript needed);
    only a POST with both withdraws it."""
    if label not in withdrawal.WITHDRAWABLE:
        raise Http404
    obj = policy.get_editable_or_404(request.user, apps.get_model(label), pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            withdrawal.withdraw(request.user, obj, form.cleaned_data["reason"])
        except withdrawal.AlreadyWithdrawn:
            messages.error(request, _("This record had already been withdrawn."))
        else:
            messages.success(request, _("Withdrawn. It stays on record, marked as withdrawn."))
        return redirect(_page_of(obj))
    return form_page(
        request,
        form,
        _("Withdraw: %(record)s") % {"record": str(obj)[:80]},
        intro=_(
            "A withdrawn record is kept, marked as withdrawn with your reason, for everyone "
            "who can see it. It leaves search and exports and can no longer be changed."
        ),
        cancel_url=_page_of(obj),
        submit_label=_("Withdraw"),
    )
