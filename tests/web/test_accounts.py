"""Sign-in: argon2, TOTP (enrolment, replay), throttling, invitations, headers, CSRF."""

from __future__ import annotations

import hashlib
import json
import re
import time
from typing import Any

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from wgdesk.web.accounts import totp
from wgdesk.web.accounts.models import LoginAttempt, TotpDevice
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.demo.users import DEMO_PASSWORD, by_username
from wgdesk.web.groups import actions as group_actions
from wgdesk.web.groups.models import Invitation, Member

pytestmark = pytest.mark.django_db


def _password_step(client: Client, username: str, password: str = DEMO_PASSWORD) -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def _code(username: str, offset: int = 0) -> str:
    return pyotp.TOTP(by_username(username).totp_secret).at(time.time() + offset)


def test_passwords_are_hashed_with_argon2(users: dict[str, Any]) -> None:
    assert users["lee.dohoon"].password.startswith("argon2$argon2id$")


def test_full_sign_in_needs_password_and_code() -> None:
    client = Client()
    response = _password_step(client, "lee.dohoon")
    assert response.status_code == 302 and response["Location"] == "/accounts/verify/"
    assert client.get("/").status_code == 302  # not signed in after the password alone
    response = client.post("/accounts/verify/", {"code": _code("lee.dohoon")})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_code_cannot_be_replayed() -> None:
    code = _code("us.delegate")
    first = Client()
    _password_step(first, "us.delegate")
    assert first.post("/accounts/verify/", {"code": code}).status_code == 302
    second = Client()
    _password_step(second, "us.delegate")
    response = second.post("/accounts/verify/", {"code": code})
    assert response.status_code == 200
    assert "already used" in response.content.decode()


def test_wrong_code_is_refused() -> None:
    client = Client()
    _password_step(client, "rok.delegate")
    response = client.post("/accounts/verify/", {"code": "000000"})
    assert "not valid" in response.content.decode()
    assert client.get("/").status_code == 302


def test_verify_without_password_step_goes_back_to_login() -> None:
    response = Client().post("/accounts/verify/", {"code": _code("lee.dohoon")})
    assert response["Location"] == "/accounts/login/"


def test_account_is_throttled_after_repeated_failures(settings: Any) -> None:
    client = Client()
    for _ in range(5):
        _password_step(client, "rok.liaison", "wrong-password")
    response = _password_step(client, "rok.liaison")  # right password, but locked
    assert response.status_code == 200
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert LoginAttempt.objects.filter(username="rok.liaison", success=False).count() == 5
    assert _password_step(Client(), "us.liaison").status_code == 302  # other accounts unaffected


def test_ip_is_throttled_across_accounts() -> None:
    client = Client(REMOTE_ADDR="10.9.8.7")
    for index in range(20):
        _password_step(client, f"nobody{index}", "wrong-password")
    response = _password_step(client, "lee.dohoon")
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert _password_step(Client(REMOTE_ADDR="10.9.8.8"), "lee.dohoon").status_code == 302


def test_enrolment_shows_secret_once_then_confirms(users: dict[str, Any]) -> None:
    TotpDevice.objects.filter(user=users["us.observer"]).delete()
    client = Client()
    assert _password_step(client, "us.observer")["Location"] == "/accounts/enrol/"
    page = client.get("/accounts/enrol/").content.decode()
    assert "<svg" in page
    secret = re.search(r'class="secret">([A-Z2-7]+)<', page).group(1)
    response = client.post("/accounts/enrol/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302 and response["Location"] == "/"
    device = TotpDevice.objects.get(user=users["us.observer"])
    assert device.confirmed_at is not None and device.secret == secret
    again = Client()
    assert _password_step(again, "us.observer")["Location"] == "/accounts/verify/"
    assert again.get("/accounts/enrol/")["Location"] == "/accounts/verify/"  # never shown again


def test_totp_verify_accepts_adjacent_step_only_once(users: dict[str, Any]) -> None:
    device = TotpDevice.objects.get(user=users["rok.observer"])
    now = time.time()
    previous = pyotp.TOTP(device.secret).at(now - 30)
    assert totp.verify(device, previous, now)
    device.refresh_from_db()
    assert not totp.verify(device, previous, now)
    assert not totp.verify(device, pyotp.TOTP(device.secret).at(now - 120), now)


def test_invitation_creates_member_once(users: dict[str, Any]) -> None:
    invitation = group_actions.invite(users["lee.dohoon"], None, "delegate", 1, "new@example.org")
    url = f"/accounts/invitation/{invitation.token}/"
    data = {
        "name_ko": "홍길동",
        "name_en": "Hong Gil-dong",
        "username": "hong.gildong",
        "password": "a-long-enough-passphrase",
        "password_again": "a-long-enough-passphrase",
    }
    client = Client()
    response = client.post(url, data)
    assert response.status_code == 302 and response["Location"] == "/accounts/enrol/"
    member = Member.objects.get(user__username="hong.gildong")
    assert (member.side.code, member.role, member.clearance) == ("ROK", "delegate", 1)
    reuse = Client().post(url, {**data, "username": "second.try"})
    assert reuse.status_code == 404
    assert not get_user_model().objects.filter(username="second.try").exists()


def test_invitation_tokens_are_stored_only_as_digests(users: dict[str, Any]) -> None:
    """A copy of the database holds no usable invitation token (issue 10, finding 8)."""
    invitation = group_actions.invite(users["lee.dohoon"], None, "observer", 0, "d@example.org")
    assert invitation.token.startswith("wgi_")
    stored = Invitation.objects.get(pk=invitation.pk)
    assert stored.token == "" and invitation.token not in stored.digest
    assert stored.digest == hashlib.sha256(invitation.token.encode()).hexdigest()
    # Nothing that reaches the database or the audit trail carries the plain token.
    for event in AuditEvent.objects.all():
        assert invitation.token not in json.dumps(event.data)
    # The digest itself is not a key: a link made of it is refused.
    assert Client().get(f"/accounts/invitation/{stored.digest}/").status_code == 404
    assert Client().get(f"/accounts/invitation/{invitation.token}/").status_code == 200


def test_expired_revoked_and_unknown_invitations_are_refused(users: dict[str, Any]) -> None:
    expired = group_actions.invite(users["stephen.biegun"], None, "observer", 0, "x@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at="2000-01-01T00:00:00Z")
    revoked = group_actions.invite(users["stephen.biegun"], None, "observer", 0, "y@example.org")
    group_actions.revoke(users["stephen.biegun"], revoked)
    for token in (expired.token, revoked.token, "forged-token"):
        assert Client().get(f"/accounts/invitation/{token}/").status_code == 404


def test_invitation_form_rejects_weak_password_and_mismatch(users: dict[str, Any]) -> None:
    invitation = group_actions.invite(users["lee.dohoon"], None, "delegate", 1, "w@example.org")
    url = f"/accounts/invitation/{invitation.token}/"
    weak = Client().post(
        url, {"name_en": "W", "username": "weak.user", "password": "123", "password_again": "123"}
    )
    assert weak.status_code == 200 and "errorlist" in weak.content.decode()
    assert Invitation.objects.get(pk=invitation.pk).used_at is None  # nothing consumed


def test_security_headers_on_every_page(client_for: Any) -> None:
    response = client_for("lee.dohoon").get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    login_page = Client().get("/accounts/login/")
    assert "Content-Security-Policy" in login_page


def test_hsts_and_secure_cookies_when_not_debug(settings: Any) -> None:
    from django.conf import settings as live

    assert live.SESSION_COOKIE_SECURE and live.CSRF_COOKIE_SECURE
    assert live.SECURE_HSTS_SECONDS >= 31536000


def test_no_inline_script_or_style_in_pages(client_for: Any) -> None:
    client = client_for("rok.secretariat")
    for url in ("/", "/meetings/", "/agenda/", "/positions/", "/group/"):
        html = client.get(url).content.decode()
        assert "<script" not in html and "<style" not in html and " style=" not in html


def test_csrf_is_enforced(users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["lee.dohoon"])
    response = client.post("/notes/add/agenda.AgendaItem/1/", {"body": "x", "visibility": "shared"})
    assert response.status_code == 403
    login = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"username": "lee.dohoon", "password": DEMO_PASSWORD}
    )
    assert login.status_code == 403


def test_logout_needs_post_and_ends_the_session(client_for: Any) -> None:
    client = client_for("lee.dohoon")
    assert client.get("/accounts/logout/").status_code == 405
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302


def test_anonymous_requests_are_sent_to_sign_in() -> None:
    response = Client().get("/meetings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/meetings/")


def _wrong_codes(client: Client, count: int) -> str:
    """Post ``count`` wrong codes; return the last page."""
    page = ""
    for _ in range(count):
        page = client.post("/accounts/verify/", {"code": "000000"}).content.decode()
    return page


def test_a_correct_password_does_not_reset_the_second_factor_lockout() -> None:
    """Rounds of (right password, four wrong codes) are blocked once five codes failed."""
    client = Client()
    assert _password_step(client, "us.liaison").status_code == 302
    assert "Too many" not in _wrong_codes(client, 4)
    again = Client()
    response = _password_step(again, "us.liaison")  # right password: no reset of codes
    assert response.status_code == 302
    assert "Too many failed sign-in attempts" in _wrong_codes(again, 2)
    blocked = _password_step(Client(), "us.liaison")
    assert "Too many failed sign-in attempts" in blocked.content.decode()


@pytest.mark.parametrize(
    ("successes", "failures", "blocked"),
    [
        (["password"], ["password"] * 5, False),  # ordinary: a right password clears typos
        (["password"], ["totp"] * 5, True),
        (["totp"], ["totp"] * 5, False),  # a completed sign-in clears everything
        (["totp"], ["password"] * 5, False),
        ([], ["password"] * 3 + ["totp"] * 2, True),  # both steps count together
    ],
)
def test_each_sign_in_step_is_reset_only_by_its_own_success(
    successes: list[str], failures: list[str], blocked: bool
) -> None:
    """A step's failures are reset by a success of that step (or a completed sign-in)."""
    from datetime import timedelta

    from django.utils import timezone

    from wgdesk.web.accounts import throttle

    base = timezone.now() - timedelta(seconds=10)
    for stage in failures:
        LoginAttempt.objects.create(
            username="x", ip="10.0.0.1", at=base, stage=stage, success=False
        )
    for stage in successes:  # each success comes after every failure
        at = base + timedelta(seconds=1)
        LoginAttempt.objects.create(username="x", ip="10.0.0.2", at=at, stage=stage, success=True)
    assert (throttle.retry_after("x", "10.0.0.3") > 0) is blocked
