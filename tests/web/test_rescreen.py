"""Continuous re-screening: a new list version makes every open project's and saved
review's parties be screened again; changed decisions are flagged with the list diff that
caused them, both secretariats are told, and a newly listed party holds the project's next
step until a disposition is recorded. Proven on the two real UN list versions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import shared_path
from tests.web.test_projects import _to_approval
from wgdesk.cli import main
from wgdesk.screening.lists import load_path
from wgdesk.screening.store import SqliteListStore
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.dispositions import actions as dispositions
from wgdesk.web.dispositions.entries import find_entry
from wgdesk.web.dispositions.models import name_key
from wgdesk.web.projects import actions, rescreen
from wgdesk.web.projects.models import Project, ProjectFlag, ReviewFlag
from wgdesk.web.projects.workflow import State
from wgdesk.web.sanctions import actions as sanctions
from wgdesk.web.sanctions import runs, screeners

pytestmark = pytest.mark.django_db
# Listed by the UN on 7 March 2022 (QDe.168): absent from the 2020 list, present in 2025.
PARTY = "Khatiba al-Tawhid wal-Jihad"
FILE = f"""start: 2021-01-10
end: 2021-06-30
parties:
  - {{name: Korea Railroad Corporation, role: implementer, country: KR, type: organization}}
  - {{name: {PARTY}, role: freight forwarder, type: organization}}
items:
  - {{id: rails, description: rail fastenings, hs: "7302.40", direction: to_dprk,
      quantity: 100, unit: t}}
"""


def test_changes_compares_decisions_of_parties_screened_both_times() -> None:
    old = {"A": {"decision": "clear"}, "B": {"decision": "match"}, "C": {"decision": "review"}}
    new = {
        "A": {"decision": "match", "matches": []},
        "B": {"decision": "match", "matches": []},
        "C": {"decision": "clear", "matches": []},
        "D": {"decision": "match", "matches": []},  # new party: the baseline, not a change
    }
    found = {c.party: c.newly_listed for c in rescreen.changes(old, new)}
    assert found == {"A": True, "C": False}


def _load(name: str) -> None:
    """Load one real UN list version into this test's store (it becomes the active one)."""
    path = shared_path("data", "sanctions", name)
    with SqliteListStore.default() as store:
        for version in load_path(path):
            store.import_version(version)


def _new_project(users: dict[str, Any]) -> Project:
    """A ROK project on the railway survey item with the party not yet listed."""
    survey = Project.objects.get(title_en__startswith="Survey train")
    record = actions.Record(
        track=survey.track,
        agenda_item=survey.agenda_item,
        sponsor=survey.sponsor,
        texts={
            "title": ("레일 체결구 반출", "Rail fastenings for the Gyeongui line"),
            "summary": ("", ""),
        },
        file_text=FILE,
        classification=0,
    )
    return actions.create_project(users["rok.delegate"], record)


@pytest.mark.realdata
def test_a_party_listed_after_approval_is_caught_and_holds_the_project(
    users: dict[str, Any],
    settings: Any,
    mailoutbox: list[Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.SITE_URL = "https://desk.example.org"
    for username in ("rok.secretariat", "us.secretariat", "us.delegate"):
        users[username].email = f"{username}@example.org"
        users[username].save()
    _load("un_consolidated_2020-11-30.xml")
    first = rescreen.run()  # every demo project and saved review gets its baseline
    assert first.flags == [] and first.projects >= 3 and first.reviews >= 2
    project = _to_approval(users, _new_project(users))
    screener, state = screeners.current()
    review = sanctions.save_review(
        users["us.delegate"],
        runs.run_review(FILE, "yaml", None, screener, state),
        project.agenda_item,
        ("", "US check of the rail fastenings"),  # (Korean, English)
        "side",
        0,
    )
    assert project.screening.results[PARTY]["decision"] == "clear"
    second = rescreen.run()  # the new saved review gets its baseline; the project had one
    assert (second.flags, second.reviews, second.projects) == ([], 1, 0)
    third = rescreen.run()  # nothing changed: nothing screened again
    assert (third.reviews, third.projects) == (0, 0)

    _load("un_consolidated_2025-04-19.xml")
    with django_capture_on_commit_callbacks(execute=True):
        report = rescreen.run()
    flag = ProjectFlag.objects.get(project=project)
    assert (flag.party, flag.old_decision, flag.new_decision) == (PARTY, "clear", "match")
    assert flag.blocking and flag.resolved_at is None
    assert any(c["ref"] == "QDe.168" for c in flag.candidates)
    [cause] = [d for d in flag.list_diff if d["ref"] == "QDe.168"]
    assert cause["change"] == "added" and cause["listed_on"] == "2022-03-07"
    assert "2020-11-30" in flag.old_versions and "2025-04-19" in flag.new_versions
    assert ReviewFlag.objects.get(review=review).new_decision == "match"
    assert flag in report.flags
    # Both secretariats are told; the US-only saved review only reaches the US side.
    bodies = {m.to[0]: m.body for m in mailoutbox}
    assert {"rok.secretariat@example.org", "us.secretariat@example.org"} <= set(bodies)
    assert PARTY in bodies["rok.secretariat@example.org"]
    assert "US check of the rail fastenings" not in bodies["rok.secretariat@example.org"]
    assert "US check of the rail fastenings" in bodies["us.secretariat@example.org"]
    assert "us.delegate@example.org" not in bodies  # secretariats, not everyone

    # The newly listed party holds the next step and any shipment.
    with pytest.raises(actions.StepRefused, match="disposition"):
        actions.close(users["rok.delegate"], project, "done")
    with pytest.raises(actions.StepRefused, match="disposition"):
        actions.add_shipment(
            users["rok.delegate"], project, "rails", 1, date(2019, 2, 1), "Dorasan", ""
        )
    # A page shows the flag, the diff and the link to record a disposition.
    from django.test import Client

    client = Client()
    client.force_login(users["us.delegate"])
    page = client.get(f"/projects/{ref(project.pk)}/").content.decode()
    assert "QDe.168" in page and "/sanctions/entries/un/QDe.168/" in page

    review_page = client.get(f"/sanctions/reviews/{ref(review.pk)}/").content.decode()
    assert "QDe.168" in review_page and "Re-screening" in review_page
    client.force_login(users["lee.dohoon"])  # the US-only review and its flag stay hidden
    assert client.get(f"/sanctions/reviews/{ref(review.pk)}/").status_code == 404

    found = find_entry(screeners.current()[0], "un", "QDe.168")
    assert found is not None
    dispositions.dispose(users["rok.secretariat"], PARTY, found, "true_match", "Listed 2022.")
    flag.refresh_from_db()
    assert flag.resolved_at is not None and flag.resolved_by_side.code == "ROK"
    assert name_key(PARTY) == name_key(flag.party)
    project = actions.close(users["rok.delegate"], project, "Stopped: the forwarder is listed.")
    assert project.status == State.CLOSED


@pytest.mark.realdata
def test_going_back_to_the_older_list_flags_without_blocking(users: dict[str, Any]) -> None:
    _load("un_consolidated_2020-11-30.xml")
    _load("un_consolidated_2025-04-19.xml")
    project = _new_project(users)
    assert project.screening.results[PARTY]["decision"] == "match"
    result = CliRunner().invoke(main, ["lists", "activate", "un@2020-11-30"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["rescreen"])
    assert result.exit_code == 0, result.output
    assert f"{PARTY}: match -> clear" in result.output
    flag = ProjectFlag.objects.get(project=project)
    assert not flag.blocking
    assert any(d["change"] == "removed" and d["ref"] == "QDe.168" for d in flag.list_diff)
