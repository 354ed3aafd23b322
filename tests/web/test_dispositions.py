"""Dispositions of screening hits: entry pages, recording, auditing, side scoping, and the
stale-list warning."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.dispositions.entries import published_on, stale_versions
from wgdesk.web.dispositions.models import Disposition, name_key

pytestmark = pytest.mark.django_db
ENTRY = "/sanctions/entries/un/KPi.901/"
NAME = "Lee Won-chol"


def _dispose(
    client: Any, verdict: str = "false_positive", reason: str = "Born 1980, not 1964."
) -> Any:
    """POST a disposition of the UN KPi.901 hit for NAME."""
    return client.post(ENTRY, {"name": NAME, "verdict": verdict, "reason": reason})


def test_entry_page_shows_the_listed_details(client_for: Any, loaded_lists: list[Any]) -> None:
    response = client_for("rok.delegate").get(ENTRY, {"name": NAME})
    assert response.status_code == 200
    found = response.context["found"]
    assert found.entry.uid == "un:KPi.901"
    page = response.content.decode()
    for name in found.entry.names:
        assert name.value in page
    assert found.version.version in page
    assert "https://main.un.org/" in page
    assert 'value="Lee Won-chol"' in page  # the screened name comes filled in


def test_unknown_entry_and_observers_are_refused(client_for: Any, loaded_lists: list[Any]) -> None:
    assert client_for("rok.delegate").get("/sanctions/entries/un/NOPE.1/").status_code == 404
    assert client_for("us.observer").get(ENTRY).status_code == 403


def test_disposition_is_stored_audited_and_shown_again(
    client_for: Any, loaded_lists: list[Any]
) -> None:
    client = client_for("rok.delegate")
    last = AuditEvent.objects.latest("id").pk
    response = _dispose(client)
    assert response.status_code == 302
    row = Disposition.objects.get()
    assert (row.verdict, row.source, row.ref, row.name_key) == (
        "false_positive",
        "un",
        "KPi.901",
        "lee won-chol",
    )
    event = AuditEvent.objects.get(pk__gt=last)
    assert event.verb == "dispose" and event.side_id == row.side_id
    assert event.data["entry"] == "un:KPi.901" and NAME not in str(event.data)
    # The same name (spelt with other case and spacing) comes back: the disposition shows.
    screen = client.post("/sanctions/screen/", {"names": "lee  WON-chol", "limit": 10})
    page = screen.content.decode()
    assert "Born 1980, not 1964." in page and "False positive" in page


def test_a_later_disposition_supersedes_and_history_stays(
    client_for: Any, loaded_lists: list[Any]
) -> None:
    client = client_for("rok.delegate")
    _dispose(client)
    _dispose(client, "true_match", "Passport number agrees.")
    assert Disposition.objects.count() == 2
    screen = client.post("/sanctions/screen/", {"names": NAME, "limit": 10}).content.decode()
    assert "Passport number agrees." in screen and "Born 1980" not in screen
    entry = client.get(ENTRY).content.decode()
    assert "Passport number agrees." in entry and "Born 1980, not 1964." in entry


def test_the_other_side_never_sees_a_disposition(client_for: Any, loaded_lists: list[Any]) -> None:
    _dispose(client_for("rok.delegate"), reason="ROK-internal: checked with NIS records.")
    us = client_for("us.delegate")
    assert "NIS records" not in us.get(ENTRY, {"name": NAME}).content.decode()
    screen = us.post("/sanctions/screen/", {"names": NAME, "limit": 10}).content.decode()
    assert "NIS records" not in screen and "False positive" not in screen

    # Nor the audit trail: the US co-chair's view of the trail has no dispose event.
    def verbs(username: str) -> set[str]:
        trail = client_for(username).get("/audit/", {"action": "dispose"})
        return {d.event.verb for d in trail.context["events"]}

    assert verbs("stephen.biegun") == set() and verbs("lee.dohoon") == {"dispose"}


def test_a_disposition_needs_a_verdict_and_a_reason(
    client_for: Any, loaded_lists: list[Any]
) -> None:
    client = client_for("rok.delegate")
    blank = _dispose(client, reason="   ")
    wrong = _dispose(client, verdict="maybe")
    assert blank.status_code == 400 and wrong.status_code == 400
    assert "reason" in blank.context["form"].errors
    assert "Born 1980" in wrong.content.decode()  # what was typed is kept
    assert not Disposition.objects.exists()


def test_name_key_folds_case_width_and_spaces() -> None:
    assert name_key("  KIM\u3000Song－chol ") == name_key("kim song-chol")


def test_stale_lists_are_named_with_their_age(loaded_lists: list[Any]) -> None:
    today = max(published_on(v) for v in loaded_lists) + dt.timedelta(days=31)
    stale = stale_versions(loaded_lists, today, max_days=30)
    assert [v.source for v, _ in stale] and all(days > 30 for _, days in stale)
    assert stale_versions(loaded_lists, today, max_days=10_000) == []


def test_screening_page_warns_of_old_lists(
    client_for: Any, loaded_lists: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    client = client_for("rok.delegate")
    monkeypatch.setenv("WGDESK_LIST_MAX_AGE_DAYS", "100000")
    assert "may be out of date" not in client.get("/sanctions/screen/").content.decode()
    monkeypatch.setenv("WGDESK_LIST_MAX_AGE_DAYS", "30")
    # The fixture lists are from 2025; the desk's clock is later than 30 days after that.
    assert "may be out of date" in client.get("/sanctions/screen/").content.decode()


def test_entry_page_reads_in_korean(client_for: Any, loaded_lists: list[Any]) -> None:
    client = client_for("rok.delegate")
    client.cookies["django_language"] = "ko"
    page = client.get(ENTRY).content.decode()
    assert "대표 이름" in page and "처리 판정 기록" in page
    assert "(primary" not in page
