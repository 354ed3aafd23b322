"""A list loaded from a FollowTheMoney file on the desk: entry page, entity API, matching.

The entry page and the API show what the FtM file said (names, dates, nationality,
programme, listing date, remarks, source URL), through the same policy as the UN and
OFAC lists; a source URL from the file becomes a link only when it is an http(s) address.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from followthemoney.types import registry

from tests.web.test_api import _post, _token, conforms
from wgdesk.screening.lists.ftm import SOURCE_NAME, load_ftm_json
from wgdesk.screening.store import SqliteListStore
from wgdesk.web.dispositions.models import Disposition

pytestmark = pytest.mark.django_db
FTM_FILE = (
    Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "ftm" / "eu_fsf_mini.ftm.json"
)
ENTRY = "/sanctions/entries/eu_fsf/eu-fsf-kp-0001/"


@pytest.fixture
def eu_list() -> None:
    """The FtM fixture list, loaded into this test's own store."""
    with SqliteListStore.default() as store:
        store.import_version(load_ftm_json(FTM_FILE))


def test_the_entry_page_shows_an_ftm_entrys_details(client_for: Any, eu_list: None) -> None:
    response = client_for("rok.delegate").get(ENTRY)
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "KIM Chol Sam",
        "Kim Cholsam",  # alias
        "Big Kim",  # weak alias
        "KIM Chol San",  # previous name
        "1971-03-11",
        "North Korea",
        "DPRK",
        "2017-08-04",  # listing date from the Sanction record
        "Manages financial transactions for the bank.",
        "NK-1971-0311",  # from the Identification record
        'href="https://webgate.ec.europa.eu/fsd/fsf#!/files"',
    ):
        assert text in page, text
    assert client_for("us.observer").get(ENTRY).status_code == 403


def test_a_hostile_source_url_is_never_a_link(client_for: Any, tmp_path: Path) -> None:
    entity = {
        "id": "x1",
        "schema": "Person",
        "target": True,
        "properties": {"name": ["Ri Yong Su"], "sourceUrl": ["javascript:alert(1)"]},
    }
    path = tmp_path / "x.json"
    path.write_text(json.dumps(entity) + "\n", encoding="utf-8")
    with SqliteListStore.default() as store:
        store.import_version(load_ftm_json(path, source="hostile"))
    page = client_for("rok.delegate").get("/sanctions/entries/hostile/x1/").content.decode()
    assert "Ri Yong Su" in page and 'href="javascript' not in page


def test_the_api_serves_an_ftm_entry_as_an_entity_and_matches_it(
    users: dict[str, Any], eu_list: None
) -> None:
    client = _token(users["rok.delegate"])
    entity = conforms(client.get("/api/v1/entities/eu_fsf-eu-fsf-kp-0001"), "/entities/{id}")
    proxy = model.get_proxy(entity, cleaned=False)
    assert proxy.schema.name == "Person" and entity["datasets"] == ["eu_fsf"]
    assert "Kim Cholsam" in proxy.get("alias") and "KIM Chol San" in proxy.get("previousName")
    assert proxy.get("sourceUrl") == ["https://webgate.ec.europa.eu/fsd/fsf#!/files"]
    assert proxy.get("birthDate")[0] == "1971-03-11" and proxy.get("program") == ["DPRK"]
    query = {"schema": "Company", "properties": {"name": ["Korea Yonbong General Corporation"]}}
    answer = _post(client, "/api/v1/match/eu_fsf", {"queries": {"q": query}}).json()
    best = answer["responses"]["q"]["results"][0]
    assert best["id"] == "eu_fsf-eu-fsf-kp-0002" and best["match"] is True
    assert (
        _token(users["us.observer"]).get("/api/v1/entities/eu_fsf-eu-fsf-kp-0001").status_code
        == 403
    )


def test_a_disposition_of_an_ftm_entry_is_recorded(client_for: Any, eu_list: None) -> None:
    client = client_for("rok.delegate")
    reason = "Born 1985, not 1971."
    response = client.post(
        ENTRY, {"name": "Kim Chol Sam", "verdict": "false_positive", "reason": reason}
    )
    assert response.status_code == 302
    row = Disposition.objects.get()
    assert (row.source, row.ref) == ("eu_fsf", "eu-fsf-kp-0001")
    assert reason in client.get(ENTRY).content.decode()


def test_dispositions_hold_the_longest_names_the_loaders_allow() -> None:
    """PostgreSQL refuses a value longer than its column: the columns must fit the loaders."""
    assert Disposition._meta.get_field("source").max_length >= 40  # SOURCE_NAME
    assert SOURCE_NAME.fullmatch("a" * 40) and not SOURCE_NAME.fullmatch("a" * 41)
    assert Disposition._meta.get_field("ref").max_length >= registry.entity.max_length
