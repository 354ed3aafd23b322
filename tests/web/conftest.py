"""Fixtures of the desk's tests: the demo group loaded once per test database."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from wgdesk.web.demo import load


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Load the demo working group into the test database once; each test rolls back."""
    with django_db_blocker.unblock():
        load()


@pytest.fixture
def users(db: Any) -> dict[str, Any]:
    """The demo accounts by username."""
    return {u.username: u for u in get_user_model().objects.select_related("member")}


@pytest.fixture
def client_for(users: dict[str, Any]) -> Any:
    """Return a test client signed in (both factors done) as a demo user."""

    def make(username: str) -> Client:
        client = Client()
        client.force_login(users[username])
        return client

    return make
