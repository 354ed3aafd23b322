"""Sign-in in two steps (password, then TOTP), enrolment, sign-out, invitations, and the
member's own settings (profile)."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login, logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.accounts import actions, throttle, totp
from wgdesk.web.accounts.forms import (
    AcceptInvitationForm,
    CodeForm,
    PasswordStepForm,
    ProfileForm,
)
from wgdesk.web.accounts.models import TotpDevice
from wgdesk.web.accounts.sealing import SealError
from wgdesk.web.audit.actions import record
from wgdesk.web.core import zones
from wgdesk.web.core.views import form_page
from wgdesk.web.groups import actions as group_actions

PENDING_USER, PENDING_SINCE, NEXT = "pending_user_id", "pending_since", "pending_next"
PENDING_SECONDS = 300  # the second step must follow the first within five minutes


def _ip(request: HttpRequest) -> str:
    """The client address (no proxy headers are trusted)."""
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a value, not a bind


def _blocked_message(request: HttpRequest, seconds: int) -> None:
    """Tell the user how long the sign-in block lasts."""
    minutes = throttle.minutes_left(seconds)
    messages.error(
        request,
        _("Too many failed sign-in attempts. Try again in %(minutes)d minute(s).")
        % {"minutes": minutes},
    )


def _pending_user(request: HttpRequest) -> Any:
    """Return the user who passed the password step in this session, if still fresh."""
    user_id, since = request.session.get(PENDING_USER), request.session.get(PENDING_SINCE, 0)
    if not user_id or time.time() - since > PENDING_SECONDS:
        return None
    return get_user_model().objects.filter(pk=user_id, is_active=True).first()


def _start_pending(request: HttpRequest, user: Any) -> None:
    """Remember the first factor in a fresh session (new key: no session fixation)."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    request.session.cycle_key()
    request.session[PENDING_USER] = user.pk
    request.session[PENDING_SINCE] = time.time()
    request.session[NEXT] = next_url


def _finish(request: HttpRequest, user: Any) -> HttpResponse:
    """Complete sign-in after the second factor and go where the user was heading."""
    next_url = request.session.get(NEXT, "")
    login(request, user)  # rotates the session key again
    throttle.note(user.username, _ip(request), "totp", True)
    record(user, "login", None, {"ip": _ip(request)})
    safe = url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure())
    return redirect(next_url if next_url and safe else "dashboard:home")


logger = logging.getLogger(__name__)


def login_view(request: HttpRequest) -> HttpResponse:
    """Step 1: password, throttled per account and per IP address."""
    form = PasswordStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        wait = throttle.retry_after(username, _ip(request))
        if wait:
            _blocked_message(request, wait)
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            throttle.note(username, _ip(request), "password", user is not None)
            if user is None:
                form.add_error(None, _("Wrong username or password."))
            else:
                _start_pending(request, user)
                confirmed = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False)
                return redirect("accounts:verify" if confirmed.exists() else "accounts:enrol")
    return render(
        request, "accounts/login.html", {"form": form, "next": request.GET.get("next", "")}
    )


def verify_view(request: HttpRequest) -> HttpResponse:
    """Step 2: the TOTP code of an enrolled user."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    try:
        device = TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).first()
    except SealError:
        # The server's signing key cannot open this secret: refuse clearly, never enrol anew
        # (that would let whoever holds the password choose the second factor).
        logger.error("the TOTP secret of %s cannot be opened", user.username, exc_info=True)
        form.add_error(
            None,
            _(
                "Your second factor cannot be read on this server. Ask the desk's "
                "administrator to check the signing key."
            ),
        )
        return render(request, "accounts/verify.html", {"form": form}, status=503)
    if device is None:
        return redirect("accounts:enrol")
    if request.method == "POST" and form.is_valid():
        wait = throttle.retry_after(user.username, _ip(request))
        if wait:
            _blocked_message(request, wait)
        elif totp.verify(device, form.cleaned_data["code"]):
            return _finish(request, user)
        else:
            throttle.note(user.username, _ip(request), "totp", False)
            form.add_error("code", _("That code is not valid (or was already used)."))
    return render(request, "accounts/verify.html", {"form": form})


def enrol_view(request: HttpRequest) -> HttpResponse:
    """First sign-in: show a new secret once (QR and text), confirm it with a code."""
    user = _pending_user(request)
    if user is None:
        return redirect("accounts:login")
    device, _created = TotpDevice.objects.get_or_create(user=user, defaults={"secret": ""})
    if device.confirmed_at is not None:
        return redirect("accounts:verify")  # a confirmed secret is never shown again
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and device.secret:
        if totp.verify(device, form.cleaned_data["code"]):
            record(user, "enrol_totp", None, {})
            return _finish(request, user)
        throttle.note(user.username, _ip(request), "totp", False)
        form.add_error("code", _("That code is not valid. Check the time on your device."))
    if request.method == "GET" or not device.secret:
        device.secret = totp.new_secret()
        device.save(update_fields=["secret"])
    uri = totp.provisioning_uri(device.secret, user.username)
    context = {"form": form, "secret": device.secret, "qr": totp.qr_svg(uri)}
    response = render(request, "accounts/enrol.html", context)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Sign out and drop the session."""
    if request.user.is_authenticated:
        record(request.user, "logout", None, {})
    logout(request)
    return redirect("accounts:login")


def invitation_view(request: HttpRequest, token: str) -> HttpResponse:
    """Accept an invitation: create the account, then enrol the second factor."""
    invitation = group_actions.find_invitation(token)
    if invitation is None or not invitation.is_usable():
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member = group_actions.accept(
                token, data["username"], data["password"], form.texts()["name"]
            )
        except group_actions.InvitationError:
            return render(request, "accounts/invitation_invalid.html", status=404)
        _start_pending(request, member.user)
        return redirect("accounts:enrol")
    return render(request, "accounts/invitation.html", {"form": form, "invitation": invitation})


def profile(request: HttpRequest) -> HttpResponse:
    """The member's own settings: the time zone every time is shown in."""
    member = policy.member_of(request.user)
    if member is None:
        raise PermissionDenied
    current = zones.display_zone(request.user)
    form = ProfileForm(request.POST or None, initial={"time_zone": current.key})
    if request.method == "POST" and form.is_valid():
        actions.set_display_zone(request.user, form.cleaned_data["time_zone"])
        messages.success(request, _("Saved."))
        return redirect("profile:index")
    intro = _("Times are shown in %(zone)s: it is now %(now)s there.") % {
        "zone": current.key,
        "now": zones.stamp(timezone.now(), current),
    }
    return form_page(request, form, _("Profile"), intro=intro)
