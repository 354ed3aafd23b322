"""Accounts after sign-in: password change and reset, email address, sessions, and what a
side's secretariat and co-chair do to their side's accounts (second factor, deactivation)."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client

from wgdesk.web.accounts.models import LoginAttempt, SignedInSession, TotpDevice
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.api.actions import issue_token
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.demo.users import DEMO_PASSWORD
from wgdesk.web.exports.actions import issue_feed_token
from wgdesk.web.exports.models import FeedToken

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a-fresh-passphrase-2019"


@pytest.fixture
def addresses(users: dict[str, Any]) -> dict[str, Any]:
    """Give every demo user an email address (the demo accounts have none)."""
    for username, user in users.items():
        user.email = f"{username}@example.org"
        user.save(update_fields=["email"])
    return users


def _signed_in(user: Any) -> Client:
    """A client signed in as the user (both factors done), registered as a session."""
    client = Client()
    client.force_login(user)
    return client


def _is_signed_in(client: Client) -> bool:
    """True when the client's session still opens the dashboard."""
    return client.get("/").status_code == 200


def _events(verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb).order_by("id"))


def _link_in(message: Any) -> str:
    """The desk path of the link in an email."""
    url = re.search(r"https?://\S+", message.body).group(0)
    return re.sub(r"^https?://[^/]+", "", url)


# --- password change ---------------------------------------------------------------------


def test_password_change_checks_the_current_one_and_the_rules(users: dict[str, Any]) -> None:
    client = _signed_in(users["rok.delegate"])
    wrong = {
        "current_password": "not-it",
        "new_password": NEW_PASSWORD,
        "new_password_again": NEW_PASSWORD,
    }
    response = client.post("/settings/profile/password/", wrong)
    assert response.status_code == 400
    assert "current password is not right" in response.content.decode()
    # A wrong current password counts as a failed sign-in of the account.
    assert LoginAttempt.objects.filter(username="rok.delegate", success=False).count() == 1
    for weak in ("short", "12345678901234", "rok.delegate1"):
        data = {"current_password": DEMO_PASSWORD, "new_password": weak, "new_password_again": weak}
        assert client.post("/settings/profile/password/", data).status_code == 400
    users["rok.delegate"].refresh_from_db()
    assert users["rok.delegate"].check_password(DEMO_PASSWORD)  # nothing changed
    assert _events("password_change") == []


def test_password_change_signs_out_other_sessions_and_is_audited(users: dict[str, Any]) -> None:
    user = users["us.delegate"]
    here, elsewhere = _signed_in(user), _signed_in(user)
    data = {
        "current_password": DEMO_PASSWORD,
        "new_password": NEW_PASSWORD,
        "new_password_again": NEW_PASSWORD,
    }
    response = here.post("/settings/profile/password/", data, follow=True)
    assert "1 other session was signed out" in response.content.decode()
    assert _is_signed_in(here) and not _is_signed_in(elsewhere)
    assert authenticate(username="us.delegate", password=NEW_PASSWORD) is not None
    assert authenticate(username="us.delegate", password=DEMO_PASSWORD) is None
    (event,) = _events("password_change")
    assert event.actor == "us.delegate" and event.data == {"sessions_ended": 1}
    (kept,) = SignedInSession.objects.filter(user=user)
    assert kept.session_key == here.session.session_key  # the rotated key is followed
    assert "this session" in here.get("/settings/profile/").content.decode()


def test_password_change_is_throttled_like_sign_in(users: dict[str, Any]) -> None:
    client = _signed_in(users["rok.liaison"])
    bad = {
        "current_password": "x",
        "new_password": NEW_PASSWORD,
        "new_password_again": NEW_PASSWORD,
    }
    for _ in range(5):
        client.post("/settings/profile/password/", bad)
    good = {**bad, "current_password": DEMO_PASSWORD}
    response = client.post("/settings/profile/password/", good)
    assert "Too many failed sign-in attempts" in response.content.decode()
    users["rok.liaison"].refresh_from_db()
    assert users["rok.liaison"].check_password(DEMO_PASSWORD)


# --- reset by email ----------------------------------------------------------------------


def _ask_reset(address: str, ip: str = "10.1.1.1") -> Any:
    return Client(REMOTE_ADDR=ip).post("/accounts/reset/", {"email": address}, follow=True)


def test_reset_answers_the_same_for_known_and_unknown_addresses(addresses: Any) -> None:
    known = _ask_reset("Lee.Dohoon@example.org")
    unknown = _ask_reset("nobody@example.org", ip="10.1.1.2")
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain == [("/accounts/login/", 302)]
    said = "If an account of the desk has this address"
    assert said in known.content.decode() and said in unknown.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["lee.dohoon@example.org"]


def test_reset_answer_time_does_not_tell_who_has_an_account(
    addresses: Any, monkeypatch: Any
) -> None:
    """A known address's answer waits for its email; an unknown one waits out the floor."""
    from wgdesk.web.notifications import mail as desk_mail

    real_send = desk_mail.send

    def slow_send(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.2)  # an SMTP relay that takes its time
        return real_send(*args, **kwargs)

    monkeypatch.setattr(desk_mail, "send", slow_send)
    monkeypatch.setenv("WGDESK_RESET_ANSWER_SECONDS", "0.5")
    took = []
    for address, ip in (("lee.dohoon@example.org", "10.1.2.1"), ("nobody@example.org", "10.1.2.2")):
        started = time.monotonic()
        assert _ask_reset(address, ip).status_code == 200
        took.append(time.monotonic() - started)
    assert len(mail.outbox) == 1  # the known address did send
    assert min(took) >= 0.5  # both held to the floor, the slow send hidden inside it


def test_a_reset_link_works_once_and_keeps_the_second_factor(addresses: Any) -> None:
    user = addresses["stephen.biegun"]
    signed_in = _signed_in(user)
    _ask_reset("stephen.biegun@example.org")
    link = _link_in(mail.outbox[0])
    client = Client()
    assert client.get(link).status_code == 200
    data = {"new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD}
    response = client.post(link, data)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not _is_signed_in(signed_in)  # every session ended
    assert not _is_signed_in(client)  # the link itself signs nobody in
    (event,) = _events("password_reset")
    assert event.actor == "stephen.biegun"
    again = Client()
    assert again.get(link).status_code == 400  # used: the password it was made for changed
    assert again.post(link, {**data, "new_password": "other-passphrase-77"}).status_code == 400
    # Signing in still needs the second factor.
    step = Client().post("/accounts/login/", {"username": user.username, "password": NEW_PASSWORD})
    assert step["Location"] == "/accounts/verify/"


def test_a_reset_link_expires_and_a_forged_one_fails(addresses: Any, monkeypatch: Any) -> None:
    _ask_reset("us.observer@example.org")
    link = _link_in(mail.outbox[0])
    assert Client().get(link.replace(link.split("/")[-2], "abc-123")).status_code == 400
    assert Client().get("/accounts/reset/OTk5OTk/abc-123/").status_code == 400
    assert Client().get("/accounts/reset/!!!/abc-123/").status_code == 400
    later = default_token_generator._now() + timedelta(hours=2)
    monkeypatch.setattr(default_token_generator, "_now", lambda: later)
    assert Client().get(link).status_code == 400


def test_reset_requests_are_throttled_by_address_known_or_not(addresses: Any) -> None:
    for address in ("rok.observer@example.org", "ghost@example.org"):
        for index in range(5):
            _ask_reset(address, ip=f"10.2.0.{index + 1}")
        before = len(mail.outbox)
        response = _ask_reset(address, ip="10.2.0.99")
        assert "Too many failed sign-in attempts" in response.content.decode()
        assert len(mail.outbox) == before
    assert len(mail.outbox) == 5  # the five allowed requests for the known address


def test_reset_requests_are_throttled_by_ip(addresses: Any) -> None:
    for index in range(20):
        _ask_reset(f"someone{index}@example.org", ip="10.3.0.1")
    response = _ask_reset("lee.dohoon@example.org", ip="10.3.0.1")
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert mail.outbox == []


def test_no_reset_email_for_a_deactivated_account(addresses: Any) -> None:
    _deactivate(addresses["lee.dohoon"], addresses["rok.liaison"])
    _ask_reset("rok.liaison@example.org")
    assert mail.outbox == []


# --- email address -----------------------------------------------------------------------


def test_a_new_email_address_is_set_only_once_confirmed(addresses: Any) -> None:
    user = addresses["us.liaison"]
    client = _signed_in(user)
    assert client.post("/settings/profile/email/", {"email": "not-an-address"}).status_code == 400
    taken = client.post("/settings/profile/email/", {"email": "US.Delegate@example.org"})
    assert taken.status_code == 400 and "Another account uses" in taken.content.decode()
    response = client.post("/settings/profile/email/", {"email": "liaison@state.example"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == ["liaison@state.example"]
    user.refresh_from_db()
    assert user.email == "us.liaison@example.org"  # not yet
    link = _link_in(message)
    assert _signed_in(addresses["us.delegate"]).get(link).status_code == 400  # another's link
    assert client.get(link).status_code == 200
    assert client.post(link, {}).status_code == 400  # the tick is needed
    assert client.post(link, {"confirm": "on"}).status_code == 302
    user.refresh_from_db()
    assert user.email == "liaison@state.example"
    assert mail.outbox[-1].to == ["us.liaison@example.org"]  # the old address is told
    assert client.get(link).status_code == 400  # used once
    states = [e.data["state"] for e in _events("email_change")]
    assert states == ["requested", "confirmed"]
    assert "state.example" not in str([e.data for e in _events("email_change")])


def test_an_email_link_needs_a_signed_in_user() -> None:
    response = Client().get("/settings/profile/email/confirm/whatever/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- signing out other sessions ----------------------------------------------------------


def test_sign_out_other_sessions(users: dict[str, Any]) -> None:
    user = users["rok.observer"]
    here, phone, laptop = _signed_in(user), _signed_in(user), _signed_in(user)
    other = _signed_in(users["us.observer"])
    page = here.get("/settings/profile/").content.decode()
    assert page.count("<tr><td>") == 3 and "this session" in page
    assert here.get("/settings/profile/sessions/sign-out/").status_code == 405
    response = here.post("/settings/profile/sessions/sign-out/", follow=True)
    assert "2 other sessions were signed out" in response.content.decode()
    assert _is_signed_in(here) and _is_signed_in(other)
    assert not _is_signed_in(phone) and not _is_signed_in(laptop)
    (event,) = _events("sign_out_sessions")
    assert event.data == {"sessions_ended": 2}


def test_signing_out_forgets_the_session(users: dict[str, Any]) -> None:
    client = _signed_in(users["us.secretariat"])
    assert SignedInSession.objects.filter(user=users["us.secretariat"]).count() == 1
    client.post("/accounts/logout/")
    assert SignedInSession.objects.filter(user=users["us.secretariat"]).count() == 0


# --- second-factor reset by the side's secretariat ---------------------------------------


def test_secretariat_resets_a_second_factor_of_its_side(users: dict[str, Any]) -> None:
    target = users["us.delegate"]
    victim_session = _signed_in(target)
    secretariat = _signed_in(users["us.secretariat"])
    url = f"/group/members/{target.member.pk}/reset-second-factor/"
    page = secretariat.get(f"/group/members/{target.member.pk}/").content.decode()
    assert url in page
    assert secretariat.post(url, {}).status_code == 302  # no tick: nothing happens
    assert TotpDevice.objects.filter(user=target).exists()
    assert secretariat.post(url, {"confirm": "on"}).status_code == 302
    assert not TotpDevice.objects.filter(user=target).exists()
    assert not _is_signed_in(victim_session)
    (event,) = _events("reset_totp")
    assert event.actor == "us.secretariat" and event.object_id == str(target.member.pk)
    step = Client().post("/accounts/login/", {"username": "us.delegate", "password": DEMO_PASSWORD})
    assert step["Location"] == "/accounts/enrol/"  # must enrol again


@pytest.mark.parametrize(
    ("actor", "target", "status"),
    [
        ("rok.secretariat", "us.delegate", 404),  # the other side's member
        ("stephen.biegun", "us.delegate", 403),  # co-chairs do not reset second factors
        ("us.observer", "us.delegate", 403),
        ("us.liaison", "us.delegate", 403),
        ("us.secretariat", "us.secretariat", 403),  # not one's own
    ],
)
def test_second_factor_reset_is_refused_to_others(
    users: dict[str, Any], actor: str, target: str, status: int
) -> None:
    member = users[target].member
    client = _signed_in(users[actor])
    url = f"/group/members/{member.pk}/reset-second-factor/"
    assert client.post(url, {"confirm": "on"}).status_code == status
    assert TotpDevice.objects.filter(user=users[target]).exists()
    assert url not in client.get(f"/group/members/{member.pk}/").content.decode()
    assert _events("reset_totp") == []


# --- deactivation ------------------------------------------------------------------------


def _deactivate(actor: Any, target: Any) -> Any:
    return _signed_in(actor).post(
        f"/group/members/{target.member.pk}/deactivate/", {"confirm": "on"}
    )


def test_deactivation_removes_access_and_keeps_history(users: dict[str, Any]) -> None:
    target = users["rok.delegate"]
    session = _signed_in(target)
    api_token = issue_token(target, "laptop", None)
    feed = issue_feed_token(target)
    owned = ActionItem.objects.filter(owner=target.member).count()
    assert owned and Client().get(f"/feeds/calendar/{feed}.ics").status_code == 200
    assert _deactivate(users["lee.dohoon"], target).status_code == 302
    target.refresh_from_db()
    assert not target.is_active and target.member.deactivated_at is not None
    assert not _is_signed_in(session)
    assert Client().get(f"/feeds/calendar/{feed}.ics").status_code == 404
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token}").get("/api/v1/reviews")
    assert api.status_code == 401
    assert FeedToken.objects.filter(user=target).count() == 0
    step = Client().post(
        "/accounts/login/", {"username": "rok.delegate", "password": DEMO_PASSWORD}
    )
    assert step.status_code == 200 and "Wrong username or password" in step.content.decode()
    # History stays, shown with the name and "(deactivated)".
    assert ActionItem.objects.filter(owner=target.member).count() == owned
    reader = _signed_in(users["rok.observer"])
    action = ActionItem.objects.filter(owner=target.member, classification=0).first()
    page = reader.get(f"/action-items/{ref(action.pk)}/").content.decode()
    assert "Kim Min-ji (deactivated)" in page
    assert "(deactivated)" in reader.get("/group/").content.decode()
    (event,) = _events("deactivate")
    assert event.actor == "lee.dohoon"
    assert event.data == {"sessions_ended": 1, "api_tokens": 1, "calendar_feeds": 1}
    # No longer offered as the owner of a new action item.
    form = (
        _signed_in(users["lee.dohoon"])
        .get(f"/action-items/new/{action.meeting_id}/")
        .content.decode()
    )
    owners = re.search(r'<select name="owner".*?</select>', form, re.S).group(0)
    assert "Kim Min-ji" not in owners and "Park Jun-ho" in owners


def test_secretariat_may_deactivate_too_but_not_twice(users: dict[str, Any]) -> None:
    target = users["us.liaison"]
    assert _deactivate(users["us.secretariat"], target).status_code == 302
    assert _deactivate(users["stephen.biegun"], target).status_code == 403  # already
    assert len(_events("deactivate")) == 1


@pytest.mark.parametrize(
    ("actor", "target", "status"),
    [
        ("lee.dohoon", "us.delegate", 404),  # the other side's member
        ("rok.delegate", "rok.liaison", 403),
        ("rok.observer", "rok.liaison", 403),
        ("lee.dohoon", "lee.dohoon", 403),  # nobody deactivates themselves
    ],
)
def test_deactivation_is_refused_to_others(
    users: dict[str, Any], actor: str, target: str, status: int
) -> None:
    assert _deactivate(users[actor], users[target]).status_code == status
    users[target].refresh_from_db()
    assert users[target].is_active and _events("deactivate") == []


def _reactivate(actor: Any, target: Any) -> Any:
    return _signed_in(actor).post(
        f"/group/members/{target.member.pk}/reactivate/", {"confirm": "on"}
    )


def test_reactivation_restores_the_seat_with_a_new_second_factor(users: dict[str, Any]) -> None:
    target = users["rok.delegate"]
    TotpDevice.objects.update_or_create(user=target, defaults={"secret": "JBSWY3DPEHPK3PXP"})
    api_token = issue_token(target, "laptop", None)
    assert _deactivate(users["lee.dohoon"], target).status_code == 302
    page = _signed_in(users["lee.dohoon"]).get(f"/group/members/{target.member.pk}/")
    assert f"/group/members/{target.member.pk}/reactivate/" in page.content.decode()
    assert _reactivate(users["lee.dohoon"], target).status_code == 302
    target.refresh_from_db()
    assert target.is_active and target.member.deactivated_at is None
    assert not TotpDevice.objects.filter(user=target).exists()  # enrols a new one
    # What the deactivation ended stays ended.
    api = Client(HTTP_AUTHORIZATION=f"Bearer {api_token}").get("/api/v1/reviews")
    assert api.status_code == 401
    assert authenticate(username="rok.delegate", password=DEMO_PASSWORD) is not None
    (event,) = _events("reactivate")
    assert event.actor == "lee.dohoon" and event.data == {"second_factors_removed": 1}
    # An active member is not reactivated again.
    assert _reactivate(users["rok.liaison"], target).status_code == 403
    assert len(_events("reactivate")) == 1


@pytest.mark.parametrize(
    ("actor", "status"),
    [("us.secretariat", 404), ("rok.delegate", 403), ("rok.observer", 403)],
)
def test_reactivation_is_refused_to_others(users: dict[str, Any], actor: str, status: int) -> None:
    target = users["rok.liaison"]
    assert _deactivate(users["lee.dohoon"], target).status_code == 302
    assert _reactivate(users[actor], target).status_code == status
    target.refresh_from_db()
    assert not target.is_active and _events("reactivate") == []


def test_reactivation_needs_the_confirmation(users: dict[str, Any]) -> None:
    target = users["rok.liaison"]
    _deactivate(users["lee.dohoon"], target)
    response = _signed_in(users["lee.dohoon"]).post(
        f"/group/members/{target.member.pk}/reactivate/", {}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active and _events("reactivate") == []


def test_account_buttons_follow_the_policy(users: dict[str, Any]) -> None:
    delegate = users["us.delegate"].member.pk
    reset, deactivate = (
        f"/group/members/{delegate}/{a}/" for a in ("reset-second-factor", "deactivate")
    )
    secretariat = _signed_in(users["us.secretariat"]).get(f"/group/members/{delegate}/")
    co_chair = _signed_in(users["stephen.biegun"]).get(f"/group/members/{delegate}/")
    assert reset in secretariat.content.decode() and deactivate in secretariat.content.decode()
    assert reset not in co_chair.content.decode() and deactivate in co_chair.content.decode()
    manage = f'href="/group/members/{delegate}/"'
    assert manage in _signed_in(users["us.secretariat"]).get("/group/").content.decode()
    for username in ("us.delegate", "us.observer", "lee.dohoon", "rok.secretariat"):
        assert manage not in _signed_in(users[username]).get("/group/").content.decode()


def test_account_pages_speak_korean(users: dict[str, Any]) -> None:
    reset = Client(HTTP_ACCEPT_LANGUAGE="ko").get("/accounts/reset/").content.decode()
    assert "비밀번호 찾기" in reset and "링크 보내기" in reset
    client = _signed_in(users["rok.secretariat"])
    client.cookies["django_language"] = "ko"
    profile = client.get("/settings/profile/").content.decode()
    assert "다른 세션 모두 로그아웃" in profile and "비밀번호 바꾸기" in profile
    page = client.get(f"/group/members/{users['rok.delegate'].member.pk}/").content.decode()
    assert "2단계 인증 초기화" in page and "비활성화" in page
