"""TOTP secrets are sealed at rest: the database alone cannot produce second-factor codes."""

from __future__ import annotations

import importlib
import time
from typing import Any

import pyotp
import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.test import Client, override_settings

from wgdesk.web.accounts import sealing, totp
from wgdesk.web.accounts.models import TotpDevice
from wgdesk.web.demo.users import DEMO_PASSWORD, by_username

pytestmark = pytest.mark.django_db


def _raw_secret(device: TotpDevice) -> str:
    """Read the column as stored, past the field's decoding."""
    table = TotpDevice._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT secret FROM {table} WHERE id = %s", [device.pk])
        return str(cursor.fetchone()[0])


def test_the_stored_secret_is_sealed_and_reads_back_plain(users: dict[str, Any]) -> None:
    device = TotpDevice.objects.get(user=users["lee.dohoon"])
    plain = by_username("lee.dohoon").totp_secret
    raw = _raw_secret(device)
    assert device.secret == plain
    assert raw.startswith(sealing.PREFIX) and plain not in raw


def test_sign_in_works_with_the_sealed_secret(users: dict[str, Any]) -> None:
    client = Client()
    client.post("/accounts/login/", {"username": "lee.dohoon", "password": DEMO_PASSWORD})
    code = pyotp.TOTP(by_username("lee.dohoon").totp_secret).now()
    response = client.post("/accounts/verify/", {"code": code})
    assert response.status_code == 302 and response["Location"] == "/"


def test_each_seal_differs_but_opens_to_the_same_text() -> None:
    first, second = sealing.seal("JBSWY3DPEHPK3PXP"), sealing.seal("JBSWY3DPEHPK3PXP")
    assert first != second
    assert sealing.unseal(first) == sealing.unseal(second) == "JBSWY3DPEHPK3PXP"


def test_an_altered_value_is_refused_with_a_clear_error() -> None:
    sealed = sealing.seal("JBSWY3DPEHPK3PXP")
    altered = sealed[:-6] + ("A" if sealed[-6] != "A" else "B") + sealed[-5:]
    with pytest.raises(sealing.SealError, match="altered"):
        sealing.unseal(altered)


def test_a_new_signing_key_needs_the_old_one_among_the_fallbacks() -> None:
    with override_settings(SECRET_KEY="old-key-" + "x" * 40):
        sealed = sealing.seal("JBSWY3DPEHPK3PXP")
    new_key_only = override_settings(SECRET_KEY="new-key-" + "y" * 40, SECRET_KEY_FALLBACKS=[])
    with new_key_only, pytest.raises(sealing.SealError, match="DJANGO_SECRET_KEY_FALLBACKS"):
        sealing.unseal(sealed)
    with override_settings(
        SECRET_KEY="new-key-" + "y" * 40, SECRET_KEY_FALLBACKS=["old-key-" + "x" * 40]
    ):
        assert sealing.unseal(sealed) == "JBSWY3DPEHPK3PXP"


def test_a_secret_stored_before_sealing_still_works_and_is_sealed_on_save(
    users: dict[str, Any],
) -> None:
    device = TotpDevice.objects.get(user=users["rok.delegate"])
    plain = by_username("rok.delegate").totp_secret
    with connection.cursor() as cursor:  # write the legacy plain value past the field
        cursor.execute(
            f"UPDATE {TotpDevice._meta.db_table} SET secret = %s WHERE id = %s",
            [plain, device.pk],
        )
    device.refresh_from_db()
    assert device.secret == plain
    now = time.time()
    assert totp.verify(device, pyotp.TOTP(plain).at(now), now)
    device.save()
    assert _raw_secret(device).startswith(sealing.PREFIX)


def test_the_migration_seals_secrets_stored_in_plain_text(users: dict[str, Any]) -> None:
    device = TotpDevice.objects.get(user=users["us.delegate"])
    plain = by_username("us.delegate").totp_secret
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {TotpDevice._meta.db_table} SET secret = %s WHERE id = %s",
            [plain, device.pk],
        )
    migration = importlib.import_module("wgdesk.web.accounts.migrations.0002_sealed_totp_secret")
    migration.seal_existing(django_apps, None)
    assert _raw_secret(device).startswith(sealing.PREFIX)
    device.refresh_from_db()
    assert device.secret == plain


def test_an_empty_secret_stays_empty() -> None:
    field = TotpDevice._meta.get_field("secret")
    assert field.get_prep_value("") == ""


def test_sign_in_with_an_unreadable_secret_is_refused_clearly(users: dict[str, Any]) -> None:
    with override_settings(SECRET_KEY="another-key-" + "z" * 40):
        foreign = sealing.seal(by_username("lee.dohoon").totp_secret)
    TotpDevice.objects.filter(user=users["lee.dohoon"]).update(secret=foreign)
    client = Client()
    client.post("/accounts/login/", {"username": "lee.dohoon", "password": DEMO_PASSWORD})
    code = pyotp.TOTP(by_username("lee.dohoon").totp_secret).now()
    response = client.post("/accounts/verify/", {"code": code})
    assert response.status_code == 503
    assert "cannot be read on this server" in response.content.decode()
    assert client.get("/").status_code == 302  # still not signed in
