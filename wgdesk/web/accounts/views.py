"""Sign-in in two steps (password, then TOTP), enrolment, sign-out, invitations, password
reset by email, the member's own settings (profile: zone, password, email, sessions), and
the accounts of a side as its secretariat and co-chair administer them."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.contrib import messages
from django.contrib.auth import (
    authenticate,
    get_user_model,
    login,
    logout,
    update_session_auth_hash,
)
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from wgdesk.web import policy
from wgdesk.web.accounts import actions, sessions, throttle, totp
from wgdesk.web.accounts.forms import (
    AcceptInvitationForm,
    CodeForm,
    ConfirmForm,
    EmailForm,
    NewPasswordForm,
    PasswordChangeForm,
    PasswordStepForm,
    ProfileForm,
    ResetRequestForm,
)
from wgdesk.web.accounts.models import TotpDevice
from wgdesk.web.accounts.sealing import SealError
from wgdesk.web.audit.actions import record
from wgdesk.web.core import zones
from wgdesk.web.core.views import form_page
from wgdesk.web.groups import actions as group_actions
from wgdesk.web.groups.models import Member

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
    """The member's own settings: display zone, email address, password and sessions."""
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
    context = {
        "form": form,
        "intro": intro,
        "sessions": sessions.live(request.user),
        "this_session": request.session.session_key,
    }
    status = 400 if form.errors else 200
    return render(request, "accounts/profile.html", context, status=status)


def change_password(request: HttpRequest) -> HttpResponse:
    """Change one's password (the current one first); every other session is signed out.
    Wrong current passwords count as failed sign-ins, so a stolen session cannot guess."""
    if policy.member_of(request.user) is None:
        raise PermissionDenied
    form = PasswordChangeForm(request.POST or None, user=request.user)
    if request.method == "POST":
        wait = throttle.retry_after(request.user.username, _ip(request))
        if wait:
            _blocked_message(request, wait)
            return form_page(request, PasswordChangeForm(user=request.user), _("Change password"))
        if form.is_valid():
            ended = actions.change_password(
                request.user,
                form.cleaned_data["new_password"],
                keep_session=request.session.session_key,
            )
            user: Any = request.user
            before = request.session.session_key
            update_session_auth_hash(request, user)  # this session stays signed in...
            sessions.rekey(before, request.session.session_key)  # ...under a new key
            messages.success(request, _ended_message(_("Password changed."), ended))
            return redirect("profile:index")
        if "current_password" in form.errors:
            throttle.note(request.user.username, _ip(request), "password", False)
    return form_page(request, form, _("Change password"), cancel_url=reverse("profile:index"))


def _ended_message(done: str, ended: int) -> str:
    """A confirmation, with how many other sessions were signed out."""
    count = ngettext(
        "%(count)d other session was signed out.",
        "%(count)d other sessions were signed out.",
        ended,
    ) % {"count": ended}
    return f"{done} {count}"


@require_POST
def sign_out_others(request: HttpRequest) -> HttpResponse:
    """Sign out every other session of one's own account (a lost laptop, a shared PC)."""
    if policy.member_of(request.user) is None:
        raise PermissionDenied
    ended = actions.sign_out_other_sessions(request.user, keep_session=request.session.session_key)
    messages.success(request, _ended_message(_("Done."), ended))
    return redirect("profile:index")


def change_email(request: HttpRequest) -> HttpResponse:
    """Ask for a new email address; it is set once the link sent to it is followed."""
    if policy.member_of(request.user) is None:
        raise PermissionDenied
    form = EmailForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        try:
            actions.request_email_change(request.user, address)
        except Exception:  # SMTP down, or no public address: the address stays as it was
            logger.exception("the confirmation email to a new address failed")
            form.add_error(None, _("The confirmation email could not be sent. Try again later."))
            return form_page(request, form, _("Email address"), status=503)
        messages.success(
            request,
            _(
                "A confirmation link was sent to %(address)s. Your address changes when you "
                "follow it."
            )
            % {"address": address},
        )
        return redirect("profile:index")
    user: Any = request.user
    intro = _("Your address now: %(address)s. Reset links and notifications go there.") % {
        "address": user.email or _("none")
    }
    return form_page(
        request,
        form,
        _("Email address"),
        intro=intro,
        submit_label=_("Send a confirmation link"),
        cancel_url=reverse("profile:index"),
    )


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    """Follow the link sent to a new address: confirm (POST) to make it the profile's."""
    if policy.member_of(request.user) is None:
        raise PermissionDenied
    try:
        address = actions.read_email_token(request.user, token)
    except actions.AccountError as error:
        problem = (
            _("Another account uses this address now.")
            if str(error) == "taken"
            else _("This link is not valid: it has expired, was used, or is another account's.")
        )
        return render(request, "accounts/link_invalid.html", {"problem": problem}, status=400)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actions.confirm_email_change(request.user, token)
        done = _("Your email address is now %(address)s.") % {"address": address}
        messages.success(request, done)
        return redirect("profile:index")
    intro = _("Make %(address)s the address of your account?") % {"address": address}
    return form_page(request, form, _("Confirm your new email address"), intro=intro)


def reset_request(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link by email. The answer is the same whether or not an account has
    the address (no way to learn who has an account), and requests are throttled."""
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        address = form.cleaned_data["email"]
        wait = throttle.reset_retry_after(address, _ip(request))
        if wait:
            _blocked_message(request, wait)
        else:
            throttle.note_reset(address, _ip(request))
            actions.send_reset_links_evenly(address)
            messages.success(
                request,
                _(
                    "If an account of the desk has this address, a link to choose a new "
                    "password is on its way. It works once, within the hour."
                ),
            )
            return redirect("accounts:login")
    intro = _(
        "Type the email address of your account. You will still need your second factor "
        "to sign in; if you lost it, ask your side's secretariat."
    )
    return form_page(
        request, form, _("Forgotten password"), intro=intro, submit_label=_("Send the link")
    )


def _reset_user(uidb64: str, token: str) -> Any:
    """The active user a reset link was made for, if its token is still good (else None)."""
    try:
        pk = urlsafe_base64_decode(uidb64).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return None
    if not pk.isdigit():
        return None
    users = get_user_model().objects.filter(pk=int(pk), is_active=True)
    found = users.select_related("member").first()
    if found is None or not default_token_generator.check_token(found, token):
        return None
    return found


def reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Choose a new password through a reset link; the link dies when it is used."""
    user = _reset_user(uidb64, token)
    if user is None:
        problem = _("This link is not valid: it has expired or was used. Ask for a new one.")
        return render(request, "accounts/link_invalid.html", {"problem": problem}, status=400)
    form = NewPasswordForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        actions.reset_password(user, form.cleaned_data["new_password"])
        messages.success(request, _("Password changed. Sign in with it and your second factor."))
        return redirect("accounts:login")
    response = form_page(request, form, _("Choose a new password"))
    response["Cache-Control"] = "no-store"
    return response


# --- a side's accounts, administered by its secretariat (and co-chair) -------------------

ACCOUNT_CAPS = (policy.Cap.DEACTIVATE_MEMBERS, policy.Cap.RESET_SECOND_FACTOR)


def _member_of_my_side(request: HttpRequest, pk: int) -> Member:
    """A member of the user's own side (404 otherwise), for a user who administers accounts
    (403 otherwise)."""
    me = policy.member_of(request.user)
    if me is None:
        raise PermissionDenied
    target = (
        Member.objects.filter(pk=pk, working_group_id=me.working_group_id, side_id=me.side_id)
        .select_related("user", "side")
        .first()
    )
    if target is None:
        raise Http404
    if not any(policy.can(request.user, cap) for cap in ACCOUNT_CAPS):
        raise PermissionDenied
    return target


def member_account(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's account as their side's secretariat or co-chair sees it, with the actions
    the policy allows each (and only those)."""
    target = _member_of_my_side(request, pk)
    enrolled = TotpDevice.objects.filter(user_id=target.user_id, confirmed_at__isnull=False)
    context = {
        "target": target,
        "enrolled": enrolled.exists(),
        "sessions": sessions.live(target.user).count(),
        "can_deactivate": policy.can_administer(
            request.user, target, policy.Cap.DEACTIVATE_MEMBERS
        ),
        "can_reset": policy.can_administer(request.user, target, policy.Cap.RESET_SECOND_FACTOR),
        "can_reactivate": policy.can_reactivate(request.user, target),
        "form": ConfirmForm(),
    }
    return render(request, "accounts/member.html", context)


def _administer(request: HttpRequest, pk: int, capability: policy.Cap) -> Member | None:
    """The target of an account action, once allowed and confirmed (None: not confirmed)."""
    target = _member_of_my_side(request, pk)
    if not policy.can_administer(request.user, target, capability):
        raise PermissionDenied
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm."))
        return None
    return target


@require_POST
def reset_second_factor(request: HttpRequest, pk: int) -> HttpResponse:
    """The side's secretariat removes a member's second factor (a lost phone): the member
    enrols a new one at their next sign-in."""
    target = _administer(request, pk, policy.Cap.RESET_SECOND_FACTOR)
    if target is not None:
        actions.reset_second_factor(acting_user=request.user, target=target)
        messages.success(
            request,
            _("%(name)s will set up a new second factor at their next sign-in.") % {"name": target},
        )
    return redirect("members:account", pk=pk)


@require_POST
def deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """The side's co-chair or secretariat ends a member's access; their history stays."""
    target = _administer(request, pk, policy.Cap.DEACTIVATE_MEMBERS)
    if target is not None:
        actions.deactivate(acting_user=request.user, target=target)
        messages.success(request, _("%(name)s can no longer sign in.") % {"name": target.name})
    return redirect("members:account", pk=pk)


@require_POST
def reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    """The side's co-chair or secretariat restores a deactivated member's seat."""
    target = _member_of_my_side(request, pk)
    if not policy.can_reactivate(request.user, target):
        raise PermissionDenied
    if not ConfirmForm(request.POST).is_valid():
        messages.error(request, _("Tick the box to confirm."))
    else:
        actions.reactivate(acting_user=request.user, target=target)
        messages.success(
            request,
            _("%(name)s can sign in again and will set up a new second factor.")
            % {"name": target.name},
        )
    return redirect("members:account", pk=pk)
