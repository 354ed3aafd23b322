"""State changes of accounts: a member's own settings (display zone, password, email
address, sessions), password reset by email, and what a side's secretariat or co-chair
does to the accounts of their side (second-factor reset, deactivation, reactivation)."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wgdesk import config
from wgdesk.web.accounts import sessions
from wgdesk.web.accounts.models import TotpDevice
from wgdesk.web.api.models import ApiToken
from wgdesk.web.audit.actions import record
from wgdesk.web.core import links, zones
from wgdesk.web.exports.models import FeedToken
from wgdesk.web.groups.models import Member
from wgdesk.web.notifications import mail

logger = logging.getLogger(__name__)
EMAIL_SALT = "wgdesk.accounts.email-change"
EMAIL_LINK_SECONDS = 24 * 60 * 60  # a confirmation link for a new address works for a day


class AccountError(Exception):
    """An account action that cannot be done (the message says why, for the user)."""


def set_display_zone(user: Any, name: str) -> None:
    """Set the zone the user reads times in. A personal display preference, like the email
    language: it changes no record, so it is not an audit event."""
    zones.zone(name)  # UnknownZone for anything but an IANA name
    Member.objects.filter(user=user).update(time_zone=name)
    user.member.time_zone = name


def change_password(user: Any, password: str, *, keep_session: str | None) -> int:
    """Set the user's new password and end their other sessions; return how many ended."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        ended = sessions.end(user, keep=keep_session)
        record(user, "password_change", user.member, {"sessions_ended": ended})
    return ended


def sign_out_other_sessions(user: Any, *, keep_session: str | None) -> int:
    """End every session of the user but this one; return how many were live."""
    with transaction.atomic():
        ended = sessions.end(user, keep=keep_session)
        record(user, "sign_out_sessions", user.member, {"sessions_ended": ended})
    return ended


def reset_candidates(address: str) -> list[Any]:
    """Active accounts with a seat whose email address is ``address`` (any letter case)."""
    users = get_user_model().objects.filter(
        email__iexact=address.strip(), is_active=True, member__isnull=False
    )
    return list(users.select_related("member"))


def reset_link(user: Any) -> str:
    """The one-time link that lets ``user`` choose a new password (Django's token: it dies
    when the password changes or the user signs in, and after PASSWORD_RESET_TIMEOUT)."""
    path = reverse(
        "accounts:reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return links.absolute(path)


def send_reset_links(address: str) -> int:
    """Email a reset link to every active account with this address; return how many were
    sent. A failed send is logged, never raised: the caller's answer must not differ."""
    sent = 0
    for user in reset_candidates(address):
        try:
            mail.send(user, "password_reset", {"link": reset_link(user)})
            sent += 1
        except Exception:  # SMTP or a missing public address: logged for the operator
            logger.exception("the password reset email to user %s failed", user.pk)
    return sent


def send_reset_links_evenly(address: str) -> int:
    """Send the reset links, then wait out ``reset_answer_seconds``: the answer takes as
    long for an unknown address as for a known one, whose email takes time to send."""
    started = time.monotonic()
    sent = send_reset_links(address)
    remaining = config.get_float("reset_answer_seconds") - (time.monotonic() - started)
    if remaining > 0:
        time.sleep(remaining)
    return sent


def reset_password(user: Any, password: str) -> None:
    """Set a password chosen through a reset link and end every session of the user.
    The second factor stays: a reset link alone never signs anyone in."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        ended = sessions.end(user)
        record(user, "password_reset", user.member, {"sessions_ended": ended})


def email_token(user: Any, address: str) -> str:
    """A signed token confirming ``address`` for ``user``; it names the address it replaces,
    so it stops working once the address has changed (it is used once)."""
    return signing.dumps({"u": user.pk, "e": address, "o": user.email}, salt=EMAIL_SALT)


def request_email_change(user: Any, address: str) -> None:
    """Send a confirmation link to a new address; the address changes only once confirmed."""
    path = reverse("profile:confirm_email", kwargs={"token": email_token(user, address)})
    context = {"link": links.absolute(path), "address": address}
    message = mail.compose(user, "email_confirm", context)
    message.to = [address]
    with transaction.atomic():  # a failed send takes the audit event back with it
        record(user, "email_change", user.member, {"state": "requested"})
        message.send(fail_silently=False)


def read_email_token(user: Any, token: str) -> str:
    """The address a confirmation token confirms for this user (AccountError if it does not)."""
    try:
        data = signing.loads(token, salt=EMAIL_SALT, max_age=EMAIL_LINK_SECONDS)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature
        raise AccountError("invalid") from error
    if data.get("u") != user.pk or data.get("o") != user.email:
        raise AccountError("invalid")
    address = str(data.get("e", ""))
    if address_taken(address, user):
        raise AccountError("taken")
    return address


def address_taken(address: str, user: Any) -> bool:
    """True when another account already uses the address (reset links go to one person)."""
    users = get_user_model().objects.filter(email__iexact=address).exclude(pk=user.pk)
    return users.exists()


def confirm_email_change(user: Any, token: str) -> str:
    """Set the address a valid confirmation token names; tell the previous address."""
    address = read_email_token(user, token)
    previous = user.email
    with transaction.atomic():
        user.email = address
        user.save(update_fields=["email"])
        record(user, "email_change", user.member, {"state": "confirmed"})
    if previous:
        _tell_previous_address(user, previous)
    return address


def _tell_previous_address(user: Any, previous: str) -> None:
    """Let the old address know it no longer receives the desk's mail (a takeover shows)."""
    try:
        message = mail.compose(user, "email_changed", {})
        message.to = [previous]
        message.send(fail_silently=False)
    except Exception:
        logger.exception("the address-changed notice to user %s failed", user.pk)


def reset_second_factor(*, acting_user: Any, target: Member) -> None:
    """Remove a member's second factor and end their sessions: they enrol a new one at their
    next sign-in. For the member's own side's secretariat (the view checks the policy)."""
    with transaction.atomic():
        TotpDevice.objects.filter(user_id=target.user_id).delete()
        ended = sessions.end(target.user)
        record(acting_user, "reset_totp", target, {"sessions_ended": ended})


def deactivate(*, acting_user: Any, target: Member) -> None:
    """End a member's access and keep their history: the account can no longer sign in, its
    sessions, API tokens and calendar feed end, and every record they made stays theirs."""
    with transaction.atomic():
        claimed = Member.objects.filter(pk=target.pk, deactivated_at__isnull=True).update(
            deactivated_at=timezone.now()
        )
        if claimed != 1:
            raise AccountError("already deactivated")
        get_user_model().objects.filter(pk=target.user_id).update(is_active=False)
        ended = sessions.end(target.user)
        tokens, _ = ApiToken.objects.filter(user_id=target.user_id).delete()
        feeds, _ = FeedToken.objects.filter(user_id=target.user_id).delete()
        data = {"sessions_ended": ended, "api_tokens": tokens, "calendar_feeds": feeds}
        record(acting_user, "deactivate", target, data)
    target.refresh_from_db(fields=["deactivated_at"])


def reactivate(*, acting_user: Any, target: Member) -> None:
    """Restore a deactivated member's seat. The old second factor is removed, so the member
    enrols a new one at their next sign-in: the phone may have gone with the seat. Tokens and
    calendar feeds ended by the deactivation stay ended; the member issues new ones."""
    with transaction.atomic():
        claimed = Member.objects.filter(pk=target.pk, deactivated_at__isnull=False).update(
            deactivated_at=None
        )
        if claimed != 1:
            raise AccountError("not deactivated")
        get_user_model().objects.filter(pk=target.user_id).update(is_active=True)
        factors, _ = TotpDevice.objects.filter(user_id=target.user_id).delete()
        record(acting_user, "reactivate", target, {"second_factors_removed": factors})
    target.refresh_from_db(fields=["deactivated_at"])
