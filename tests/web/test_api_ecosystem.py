"""yente's matching API and OpenRefine reconciliation over the desk's engine (issue 13, 4).

Queries are built and answers read with the ``followthemoney`` package, as a yente client
does; the OpenRefine requests are in tests/fixtures/openrefine/, written in the wire format
OpenRefine's reconciliation client sends (form field ``queries`` holding a JSON batch).
Every answer is also checked against the OpenAPI document.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.test import Client
from followthemoney import model

from tests.web.test_api import _post, _token, conforms
from wgdesk.cli import main
from wgdesk.web.api import actions
from wgdesk.web.audit.models import AuditEvent

pytestmark = pytest.mark.django_db
OPENREFINE = Path(__file__).resolve().parents[1] / "fixtures" / "openrefine"


def _query(schema: str, **props: Any) -> dict[str, Any]:
    """An FtM example as a yente client writes it: built and validated by followthemoney."""
    proxy = model.make_entity(schema)
    proxy.id = "query"
    for prop, value in props.items():
        proxy.add(prop, value)
    found: dict[str, Any] = proxy.to_dict()
    return {"schema": found["schema"], "properties": found["properties"]}


def _match(client: Client, body: Any, path: str = "/api/v1/match/default") -> Any:
    """POST a yente match request."""
    return _post(client, path, body)


def test_a_yente_request_gets_yentes_answer_from_the_engine(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    """Per query: FtM candidates with score, match and features, as the CLI decides them."""
    body = {
        "queries": {
            "ri": _query("Person", name="Ri Won Chol", birthDate="1964", nationality="kp"),
            "bank": _query("Company", name="Korea Daesong Bank"),
            "nobody": _query("Person", name="Margaret Thistlewood"),
        }
    }
    response = _match(_token(users["rok.delegate"]), body)
    answer = conforms(response, "/match/{dataset}", "post")
    ri = answer["responses"]["ri"]
    assert ri["status"] == 200 and ri["query"]["schema"] == "Person"
    best = ri["results"][0]
    assert best["id"] in ("un-KPi.901", "ofac-9802") and best["match"] is True
    assert best["features"] and all(isinstance(v, float) for v in best["features"].values())
    # The entity is valid FollowTheMoney: the package reads it back with its properties.
    proxy = model.get_proxy(best, cleaned=False)
    assert proxy.schema.name == "Person" and proxy.get("name")
    un = next(r for r in ri["results"] if r["id"] == "un-KPi.901")
    assert "1964-07-17" in model.get_proxy(un, cleaned=False).get("birthDate")
    # Same engine as the CLI: the same candidates, order and scores for the same query.
    line = {"name": "Ri Won Chol", "type": "person", "birth_date": "1964", "nationality": "kp"}
    run = CliRunner().invoke(
        main, ["screen", "--input", "-", "--format", "jsonl"], input=json.dumps(line)
    )
    cli = json.loads(run.stdout.splitlines()[0])
    assert [r["id"] for r in ri["results"]] == [
        f"{m['source']}-{m['ref']}" for m in cli["matches"][:5]
    ]
    assert [r["score"] for r in ri["results"]] == pytest.approx(
        [m["score"] for m in cli["matches"][:5]], abs=1e-3
    )
    assert answer["responses"]["bank"]["results"][0]["schema"] == "Organization"
    assert answer["responses"]["nobody"]["results"] == [] or not any(
        r["match"] for r in answer["responses"]["nobody"]["results"]
    )


def test_the_dataset_limits_the_lists_and_an_unknown_one_is_404(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    client = _token(users["rok.delegate"])
    body = {"queries": {"q": _query("Company", name="Korea Daesong Bank")}}
    ofac = _match(client, body, "/api/v1/match/ofac").json()["responses"]["q"]["results"]
    assert ofac and {r["datasets"][0] for r in ofac} == {"ofac"}
    missing = _match(client, body, "/api/v1/match/eu")
    assert missing.status_code == 404 and "ofac" in missing.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"queries": {"q": {"schema": "Spaceship", "properties": {"name": ["x"]}}}}, "schema"),
        ({"queries": {"q": {"schema": "Address", "properties": {"full": ["x"]}}}}, "Address"),
        ({"queries": {"q": {"schema": "Person", "properties": {"birthDate": ["1964"]}}}}, "name"),
        ({"queries": {"q": {"schema": "Person", "properties": {"colour": ["red"]}}}}, "colour"),
        ({"queries": {"q": {"schema": "Person", "properties": {"name": [3]}}}}, "strings"),
        ({"queries": []}, "queries"),
        ({"queries": {}}, "empty"),
    ],
)
def test_bad_match_requests_get_a_clear_400(
    users: dict[str, Any], loaded_lists: list[Any], body: Any, says: str
) -> None:
    response = _match(_token(users["rok.delegate"]), body)
    assert response.status_code == 400
    assert says in conforms(response, "/match/{dataset}", "post")["error"]["message"]


def test_limit_threshold_and_cutoff_are_yentes_parameters(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    client = _token(users["rok.delegate"])
    body = {"queries": {"q": _query("Company", name="Korea Daesung Bank")}}  # scores 0.94
    one = _match(client, body, "/api/v1/match/default?limit=1").json()
    assert len(one["responses"]["q"]["results"]) == 1 and one["limit"] == 1
    loose = _match(client, body, "/api/v1/match/default?threshold=0.5").json()
    strict = _match(client, body, "/api/v1/match/default?threshold=1.0").json()
    for answer, threshold in ((loose, 0.5), (strict, 1.0)):
        results = answer["responses"]["q"]["results"]
        assert all(r["match"] is (r["score"] >= threshold) for r in results)
        assert answer["matcher"]["threshold"] == threshold
    assert any(r["match"] for r in loose["responses"]["q"]["results"])
    assert not all(r["match"] for r in strict["responses"]["q"]["results"])
    high = _match(client, body, "/api/v1/match/default?cutoff=0.99").json()
    assert all(r["score"] >= 0.99 for r in high["responses"]["q"]["results"])
    bad = _match(client, body, "/api/v1/match/default?limit=0")
    assert bad.status_code == 400


def test_a_yente_client_authenticates_with_its_apikey_header(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    token = actions.issue_token(users["us.delegate"], "yente client", None)
    client = Client(HTTP_AUTHORIZATION=f"ApiKey {token}")
    body = {"queries": {"q": _query("Person", name="Ri Won Chol")}}
    assert _match(client, body).status_code == 200
    assert _match(Client(), body).status_code == 401
    assert _match(Client(HTTP_AUTHORIZATION="ApiKey wga_wrong"), body).status_code == 401
    event = AuditEvent.objects.filter(verb="screen").latest("id")
    assert event.data["via"] == "api-match" and event.data["names"] == 1


def test_observers_may_not_match_or_reconcile(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    """The policy's screening capability governs the ecosystem endpoints too."""
    client = _token(users["us.observer"])
    body = {"queries": {"q": _query("Person", name="Ri Won Chol")}}
    assert _match(client, body).status_code == 403
    assert client.get("/api/v1/entities/un-KPi.901").status_code == 403
    assert client.get("/api/v1/reconcile").status_code == 403


def test_an_entity_is_served_as_followthemoney(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    client = _token(users["rok.delegate"])
    response = client.get("/api/v1/entities/un-KPi.901")
    entity = conforms(response, "/entities/{id}")
    proxy = model.get_proxy(entity, cleaned=False)
    assert proxy.id == "un-KPi.901" and proxy.schema.name == "Person"
    assert entity["datasets"] == ["un"]
    missing = client.get("/api/v1/entities/un-KPi.000")
    assert missing.status_code == 404


def test_openrefine_adds_the_service_and_reconciles_a_recorded_batch(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    """OpenRefine's own requests: the manifest (GET), then a form-encoded batch (POST)."""
    token = actions.issue_token(users["rok.secretariat"], "openrefine", None)
    manifest = Client().get(f"/api/v1/reconcile?api_key={token}")
    service = conforms(manifest, "/reconcile")
    assert service["versions"] and service["view"]["url"].endswith("/api/v1/entities/{{id}}")
    recorded = (OPENREFINE / "reconcile_counterparties.form").read_text("utf-8").strip()
    response = Client().post(
        f"/api/v1/reconcile?api_key={token}",
        recorded,
        content_type="application/x-www-form-urlencoded",
    )
    answer = conforms(response, "/reconcile", "post")
    expected = json.loads((OPENREFINE / "reconcile_counterparties.expected.json").read_text())
    for key, want in expected.items():
        got = answer[key]["result"]
        assert [c["id"] for c in got][: len(want["first_ids"])] == want["first_ids"], key
        assert bool(got and got[0]["match"]) is want["match"], key
        assert all(0 <= c["score"] <= 100 and c["type"][0]["id"] for c in got)


def test_reconcile_refuses_bad_batches_clearly(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    client = _token(users["rok.delegate"])
    for raw, says in (
        ("{not json", "JSON"),
        (json.dumps({"q0": {"type": "Person"}}), "query"),
        (json.dumps({"q0": {"query": "x", "limit": 500}}), "limit"),
        (json.dumps({"q0": {"query": "x", "properties": {"pid": "x"}}}), "list"),
    ):
        response = client.post("/api/v1/reconcile", {"queries": raw})
        assert response.status_code == 400, raw
        assert says in response.json()["error"]["message"], raw
    # The manifest is read with a GET; a POST without queries is a mistake, not a manifest.
    empty = client.post("/api/v1/reconcile", {})
    assert empty.status_code == 400
    assert "queries" in empty.json()["error"]["message"]
    # A dataset that does not exist has no manifest either.
    assert client.get("/api/v1/reconcile/no-such-list").status_code == 404
    assert client.get("/api/v1/reconcile/un").status_code == 200
