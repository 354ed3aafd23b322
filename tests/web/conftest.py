"""Fixtures of the desk's tests: the demo group loaded once per test database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation

from wgdesk.web.demo import load


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Start and end every test in the desk's default language: a request served in Korean
    leaves Korean active in the thread, and the next test's messages would read Korean."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Load the demo working group into the test database once; each test rolls back.

    The demo's saved reviews screen their parties with the list store's lists: an empty
    data folder keeps that the same on every machine (no lists: parties unscreened).
    """
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as patch:
        patch.setenv("WGDESK_DATA_DIR", str(tmp_path_factory.mktemp("demo-data")))
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


SCREENING_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "screening"
LIST_FIXTURES = (SCREENING_FIXTURES / "un_screening.xml", SCREENING_FIXTURES / "ofac")


@pytest.fixture
def loaded_lists() -> list[Any]:
    """The small fictional UN and OFAC fixture lists, loaded into this test's own store."""
    from wgdesk.screening.lists import load_path
    from wgdesk.screening.store import SqliteListStore

    with SqliteListStore.default() as store:
        for path in LIST_FIXTURES:
            for version in load_path(path):
                store.import_version(version)
        return store.active_versions()
