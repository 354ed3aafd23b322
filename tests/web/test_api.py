"""The HTTP API: tokens, session and CSRF, limits, the engine's own answers, the policy.

Every response these tests receive is checked against the OpenAPI document
(wgdesk/web/api/openapi.yaml) with jsonschema: OpenAPI 3.1 schemas are JSON Schema 2020-12.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_spec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from wgdesk.cli import main
from wgdesk.web.api import actions
from wgdesk.web.api.models import ApiToken
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.groups.models import Member
from wgdesk.web.sanctions.models import ProjectReview

pytestmark = pytest.mark.django_db
SPEC_PATH = Path(__file__).resolve().parents[2] / "wgdesk" / "web" / "api" / "openapi.yaml"
RAILWAY = Path(__file__).resolve().parent.parent / "data" / "review" / "railway_survey_2018.yaml"
QUERIES = [
    {"id": "q1", "name": "Lee Won-chol", "type": "person", "birth_date": "1964"},
    {"id": 2, "name": "조선대성은행"},
    {"name": "Kim Song Min", "nationality": "KP"},
    {"id": "q4", "type": "organization"},
    {"id": "q5", "name": "Kim Chol Ho", "type": "spaceship"},
]


@cache
def _spec() -> dict[str, Any]:
    """The OpenAPI document."""
    return yaml.safe_load(SPEC_PATH.read_text("utf-8"))


def conforms(response: Any, path: str, method: str = "get") -> Any:
    """Check a response against its operation in the OpenAPI document; return its JSON."""
    operation = _spec()["paths"][path][method]
    declared = operation["responses"][str(response.status_code)]
    if "$ref" in declared:
        declared = _spec()["components"]["responses"][declared["$ref"].rsplit("/", 1)[1]]
    assert response["Content-Type"] == "application/json"
    schema = declared["content"]["application/json"]["schema"]
    resource = Resource.from_contents(_spec(), default_specification=DRAFT202012)
    registry = Registry().with_resource("urn:api", resource)
    resolved = (
        {"$ref": f"urn:api#/components/schemas/{schema['$ref'].rsplit('/', 1)[1]}"}
        if ("$ref" in schema)
        else json.loads(json.dumps(schema).replace('"#/', '"urn:api#/'))
    )
    body = response.json()
    Draft202012Validator(resolved, registry=registry).validate(body)
    return body


def _token(user: Any, **kwargs: Any) -> Client:
    """A client sending a fresh token of the user (no session cookie)."""
    token = actions.issue_token(user, kwargs.pop("name", "test"), kwargs.pop("expires_at", None))
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _cli(*args: str) -> str:
    """The CLI's standard output, against this test's store."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _post(client: Client, path: str, body: Any, **extra: Any) -> Any:
    """POST a JSON body."""
    return client.post(path, json.dumps(body), content_type="application/json", **extra)


def test_the_openapi_document_is_valid_and_served(users: dict[str, Any]) -> None:
    validate_spec(_spec())
    response = _token(users["us.observer"]).get("/api/v1/openapi.json")
    assert conforms(response, "/openapi.json") == _spec()
    declared = {f"/api/v1{path}" for path in _spec()["paths"]}
    assert declared == {
        "/api/v1/screen",
        "/api/v1/review",
        "/api/v1/lists",
        "/api/v1/reviews",
        "/api/v1/reviews/{id}",
        "/api/v1/meetings",
        "/api/v1/meetings/{id}",
        "/api/v1/meetings/{id}/minutes",
        "/api/v1/meetings/{id}/minutes/revisions",
        "/api/v1/decisions",
        "/api/v1/decisions/{id}",
        "/api/v1/action-items",
        "/api/v1/action-items/{id}",
        "/api/v1/positions",
        "/api/v1/positions/{id}",
        "/api/v1/projects",
        "/api/v1/projects/choices",
        "/api/v1/projects/{id}",
        "/api/v1/projects/{id}/versions",
        "/api/v1/projects/{id}/request",
        "/api/v1/projects/{id}/request/{kind}",
        "/api/v1/projects/{id}/notes",
        "/api/v1/projects/{id}/shipments",
        "/api/v1/projects/{id}/versions/{number}",
        "/api/v1/projects/{id}/transitions",
        "/api/v1/projects/{id}/review",
        "/api/v1/projects/{id}/review/share",
        "/api/v1/match/{dataset}",
        "/api/v1/entities/{id}",
        "/api/v1/reconcile",
        "/api/v1/reconcile/{dataset}",
        "/api/v1/openapi.json",
    }


# --- tokens ------------------------------------------------------------------------------


def test_tokens_page_shows_a_new_token_once_and_stores_only_its_hash(client_for: Any) -> None:
    client = client_for("rok.liaison")
    page = client.post(
        "/settings/api-tokens/", {"action": "issue", "name": "batch", "expires_in": "30"}
    )
    token = page.context["new_token"]
    assert token.startswith("wga_") and token in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    stored = ApiToken.objects.get(name="batch")
    assert stored.digest == hashlib.sha256(token.encode()).hexdigest()
    assert token not in json.dumps(list(ApiToken.objects.values()), default=str)
    assert 29 <= (stored.expires_at - timezone.now()).days <= 30
    again = client.get("/settings/api-tokens/").content.decode()
    assert token not in again and stored.hint in again  # listed by its first characters
    event = AuditEvent.objects.filter(verb="api_token").latest("id")
    assert event.data == {
        "name": "batch",
        "state": "issued",
        "expires_at": stored.expires_at.isoformat(),
    }
    assert token not in json.dumps(event.data)


def test_revoked_token_stops_working_and_others_tokens_cannot_be_revoked(
    client_for: Any, users: dict[str, Any]
) -> None:
    api = _token(users["us.delegate"])
    assert api.get("/api/v1/lists").status_code == 200
    stored = ApiToken.objects.get(user=users["us.delegate"])
    other = client_for("rok.delegate")  # another user: nothing happens
    other.post("/settings/api-tokens/", {"action": "revoke", "token": stored.pk})
    assert api.get("/api/v1/lists").status_code == 200
    client_for("us.delegate").post(
        "/settings/api-tokens/", {"action": "revoke", "token": stored.pk}
    )
    response = api.get("/api/v1/lists")
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert conforms(response, "/lists")["error"]["code"] == "invalid_token"


def test_expired_tokens_and_inactive_or_seatless_accounts_are_refused(
    users: dict[str, Any],
) -> None:
    past = timezone.now() - timedelta(seconds=1)
    expired = _token(users["rok.delegate"], expires_at=past).get("/api/v1/lists")
    assert expired.status_code == 401 and expired.json()["error"]["code"] == "token_expired"
    user = users["us.liaison"]
    api = _token(user)
    user.is_active = False
    user.save()
    assert api.get("/api/v1/lists").status_code == 401
    user.is_active = True
    user.save()
    assert api.get("/api/v1/lists").status_code == 200
    Member.objects.filter(user=user).update(role="observer")  # the role is read per request
    assert _post(api, "/api/v1/screen", {"queries": [{"name": "Kim"}]}).status_code == 403
    seatless = get_user_model().objects.create_user("no.seat", password="x" * 16)
    ApiToken.objects.create(
        user=seatless, name="t", digest=hashlib.sha256(b"wga_seatless").hexdigest()
    )
    refused = Client(HTTP_AUTHORIZATION="Bearer wga_seatless").get("/api/v1/lists")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_token"


@pytest.mark.parametrize(
    "header", ["Bearer", "Bearer wga_unknown", "Basic dXNlcjpwYXNz", "Token abc"]
)
def test_bad_authorization_headers_get_401(header: str) -> None:
    response = Client(HTTP_AUTHORIZATION=header).get("/api/v1/reviews")
    assert response.status_code == 401
    assert conforms(response, "/reviews")["error"]["code"] == "invalid_token"


def test_anonymous_callers_get_401_not_the_sign_in_page() -> None:
    for method, path in (("get", "/api/v1/lists"), ("post", "/api/v1/screen")):
        response = getattr(Client(), method)(path)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"


# --- session and CSRF --------------------------------------------------------------------


def test_session_posts_need_the_csrf_token_and_token_posts_do_not(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["rok.delegate"])
    body = {"queries": [{"name": "Korea Daesong Bank"}]}
    forged = _post(client, "/api/v1/screen", body)
    assert forged.status_code == 403
    assert conforms(forged, "/screen", "post")["error"]["code"] == "csrf_failed"
    assert client.get("/api/v1/lists").status_code == 200  # reads need no CSRF token
    client.get("/sanctions/screen/")  # any page sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    allowed = _post(client, "/api/v1/screen", body, HTTP_X_CSRFTOKEN=csrf)
    assert allowed.status_code == 200
    api = _token(users["rok.delegate"])
    api_csrf = Client(
        enforce_csrf_checks=True, HTTP_AUTHORIZATION=api.defaults["HTTP_AUTHORIZATION"]
    )
    assert _post(api_csrf, "/api/v1/screen", body).status_code == 200


# --- screening ---------------------------------------------------------------------------


def test_screen_returns_the_cli_objects(
    users: dict[str, Any], loaded_lists: list[Any], tmp_path: Path
) -> None:
    response = _post(_token(users["us.secretariat"]), "/api/v1/screen", {"queries": QUERIES})
    body = conforms(response, "/screen", "post")
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in QUERIES), "utf-8")
    cli = [
        json.loads(x)
        for x in _cli("screen", "--input", str(path), "--format", "jsonl").splitlines()
    ]
    # The same objects; an error names the record by its place in the request, not a line.
    for index, (ours, theirs) in enumerate(zip(body["results"], cli, strict=True)):
        if "error" in theirs:
            where = theirs["error"].replace(f"line {index + 1}:", f"queries[{index}]:")
            theirs = {**theirs, "error": where}
        assert ours == theirs
    assert [r.get("decision") for r in body["results"][:2]] == ["match", "match"]
    assert body["results"][3]["error"] == "queries[3]: no name"
    assert "queries[4]: type 'spaceship'" in body["results"][4]["error"]
    assert [v["source"] for v in body["lists"]] == ["un", "ofac"]


def test_screen_limit_and_thresholds_are_the_cli_options(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    body = {"queries": [{"name": "Kim Song Chol"}], "limit": 1, "review_threshold": 0.3}
    response = _post(_token(users["rok.delegate"]), "/api/v1/screen", body)
    cli = json.loads(
        _cli(
            "screen",
            "Kim Song Chol",
            "--format",
            "jsonl",
            "--limit",
            "1",
            "--review-threshold",
            "0.3",
        )
    )
    assert conforms(response, "/screen", "post")["results"] == [cli]


def test_screen_in_korean_keeps_the_english_explanation(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    client = _token(users["rok.delegate"])
    query = {"queries": [{"name": "Lee Won-chol"}]}
    english = conforms(_post(client, "/api/v1/screen", query), "/screen", "post")["results"][0]
    body = {**query, "lang": "ko", "reasons": True}
    korean = conforms(_post(client, "/api/v1/screen", body), "/screen", "post")["results"][0]
    for en, ko in zip(english["matches"], korean["matches"], strict=True):
        assert ko["explanation"] == en["explanation"]  # byte for byte
        assert ko["explanation_ko"] and ko["reasons"]
    top = korean["matches"][0]
    assert top["explanation_ko"].startswith("성 Lee = Ri (두음 ㄹ")
    assert top["reasons"][0]["code"] == "surname_north_south"
    # The query parameter works too; the body wins over it.
    by_query = _post(client, "/api/v1/screen?lang=ko", query).json()["results"][0]
    assert by_query["matches"][0]["explanation_ko"] == top["explanation_ko"]
    assert "reasons" not in by_query["matches"][0]
    forced = _post(client, "/api/v1/screen?lang=ko", {**query, "lang": "en"}).json()
    assert "explanation_ko" not in forced["results"][0]["matches"][0]
    bad_query = _post(client, "/api/v1/screen?lang=fr", {**query, "lang": "ko"})
    assert bad_query.status_code == 400  # each lang given is checked, the overridden one too


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"queries": [{"name": "x"}], "lang": "fr"}, 400, "invalid_request"),
        ({"queries": [{"name": "x"}], "lang": ["ko"]}, 400, "invalid_request"),
        ({"queries": [{"name": "x"}], "reasons": "yes"}, 400, "invalid_request"),
        ({"queries": [{"name": "x"}], "reasons": None}, 400, "invalid_request"),
        ("not json", 400, "invalid_json"),
        ([1, 2], 400, "invalid_request"),
        ({"queries": []}, 400, "invalid_request"),
        ({"queries": [{"name": "x"}], "limmit": 3}, 400, "invalid_request"),
        ({"queries": [{"name": "x"}], "limit": 0}, 400, "invalid_request"),
        ({"queries": [{"name": "x"}], "limit": True}, 400, "invalid_request"),
        ({"queries": [{"name": "x"}], "match_threshold": 2}, 400, "invalid_request"),
        ({"queries": [{"name": "x"}], "review_threshold": 0.95}, 400, "invalid_request"),
        ({"queries": [{"name": "x"}] * 4}, 413, "too_many_queries"),
    ],
)
def test_screen_refuses_bad_requests_clearly(
    body: Any,
    status: int,
    code: str,
    users: dict[str, Any],
    loaded_lists: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("WGDESK_SCREEN_MAX_NAMES", "3")
    data = body if isinstance(body, str) else json.dumps(body)
    client = _token(users["rok.delegate"])
    before = AuditEvent.objects.count()
    response = client.post("/api/v1/screen", data, content_type="application/json")
    assert response.status_code == status
    assert conforms(response, "/screen", "post")["error"]["code"] == code
    assert AuditEvent.objects.count() == before


def test_screen_with_an_empty_store_is_503_saying_how_to_load(users: dict[str, Any]) -> None:
    response = _post(_token(users["rok.delegate"]), "/api/v1/screen", {"queries": [{"name": "x"}]})
    assert response.status_code == 503
    assert "wgdesk lists ensure" in conforms(response, "/screen", "post")["error"]["message"]


def test_observers_may_read_but_not_screen_or_review(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    api = _token(users["rok.observer"])
    refused = _post(api, "/api/v1/screen", {"queries": [{"name": "x"}]})
    assert refused.status_code == 403
    assert conforms(refused, "/screen", "post")["error"]["code"] == "forbidden"
    assert _post(api, "/api/v1/review", {"title": "x"}).status_code == 403
    assert conforms(api.get("/api/v1/reviews"), "/reviews")["count"] >= 1


def test_screening_through_the_api_is_audited_with_the_token_not_the_names(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    _post(_token(users["us.delegate"]), "/api/v1/screen", {"queries": QUERIES})
    event = AuditEvent.objects.filter(verb="screen").latest("id")
    token = ApiToken.objects.get(user=users["us.delegate"])
    assert event.data["via"] == "api" and event.data["token"] == token.pk
    assert event.data["names"] == 5 and event.data["errors"] == 2
    assert event.side_id == users["us.delegate"].member.side_id
    assert "Won-chol" not in json.dumps(event.data)


# --- review ------------------------------------------------------------------------------


def test_review_json_and_yaml_give_the_cli_report(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    api = _token(users["rok.delegate"])
    text = RAILWAY.read_text("utf-8")
    as_yaml = api.post("/api/v1/review", text, content_type="application/yaml")
    expected = json.loads(_cli("review", str(RAILWAY)))
    assert conforms(as_yaml, "/review", "post") == expected
    as_json = _post(
        api, "/api/v1/review", yaml.safe_load(text) | {"start": "2018-11-30", "end": "2018-12-17"}
    )
    assert conforms(as_json, "/review", "post") == expected
    korean = api.post("/api/v1/review?lang=ko&date=2017-01-01", text, content_type="text/yaml")
    cli_ko = json.loads(_cli("review", str(RAILWAY), "--lang", "ko", "--date", "2017-01-01"))
    assert conforms(korean, "/review", "post") == cli_ko and cli_ko["date"] == "2017-01-01"
    event = AuditEvent.objects.filter(verb="review").latest("id")
    assert event.data["project"] == expected["title"] and event.data["via"] == "api"
    assert (event.data["verdict"], event.data["date"]) == (cli_ko["verdict"], "2017-01-01")


def test_bad_project_is_400_with_every_problem(users: dict[str, Any]) -> None:
    api = _token(users["rok.delegate"])
    text = "title: x\nitems:\n  - {hs: '808.10', direction: north}\nfeild: 1\n"
    before = AuditEvent.objects.count()
    response = api.post("/api/v1/review", text, content_type="application/yaml")
    body = conforms(response, "/review", "post")
    assert response.status_code == 400 and body["error"]["code"] == "invalid_project"
    problems = {(p["path"], p["line"]) for p in body["error"]["problems"]}
    assert problems == {("items[0].hs", 3), ("items[0].direction", 3), ("feild", 4)}
    assert AuditEvent.objects.count() == before and ProjectReview.objects.count() == 2


@pytest.mark.parametrize(
    ("query", "content_type", "body", "status", "code"),
    [
        ("", "text/plain", "title: x", 415, "unsupported_media_type"),
        ("?lang=fr", "application/yaml", "title: x", 400, "invalid_request"),
        ("?date=2018-13-01", "application/yaml", "title: x", 400, "invalid_request"),
        ("", "application/yaml", b"title: \xff", 400, "invalid_request"),
        ("", "application/json", "[1]", 400, "invalid_project"),
    ],
)
def test_review_refuses_bad_requests(
    query: str, content_type: str, body: Any, status: int, code: str, users: dict[str, Any]
) -> None:
    response = _token(users["us.delegate"]).post(
        f"/api/v1/review{query}", body, content_type=content_type
    )
    assert response.status_code == status
    assert conforms(response, "/review", "post")["error"]["code"] == code


def test_size_limits(users: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    api = _token(users["rok.delegate"])
    monkeypatch.setenv("WGDESK_PROJECT_MAX_BYTES", "50")
    project = api.post(
        "/api/v1/review", RAILWAY.read_text("utf-8"), content_type="application/yaml"
    )
    assert project.status_code == 413 and project.json()["error"]["code"] == "too_large"
    monkeypatch.setenv("WGDESK_API_MAX_BODY_BYTES", "20")
    body = _post(api, "/api/v1/screen", {"queries": [{"name": "Korea Daesong Bank"}]})
    assert (
        body.status_code == 413
        and conforms(body, "/screen", "post")["error"]["code"] == "too_large"
    )


# --- lists and saved reviews -------------------------------------------------------------


def test_lists_are_the_active_versions(users: dict[str, Any], loaded_lists: list[Any]) -> None:
    body = conforms(_token(users["us.observer"]).get("/api/v1/lists"), "/lists")
    assert body["lists"] == [
        {
            "source": v.source,
            "version": v.version,
            "entries": v.entry_count,
            "loaded_at": v.loaded_at,
        }
        for v in loaded_lists
    ]


def test_lists_with_an_empty_store(users: dict[str, Any]) -> None:
    assert conforms(_token(users["us.observer"]).get("/api/v1/lists"), "/lists") == {"lists": []}


@pytest.mark.parametrize(
    ("username", "sees_side_only"),
    [
        ("stephen.biegun", True),
        ("us.delegate", True),
        ("us.observer", False),
        ("lee.dohoon", False),
    ],
)
def test_reviews_are_read_through_the_policy(
    username: str, sees_side_only: bool, users: dict[str, Any]
) -> None:
    # The demo's US side-only review is Restricted: the US observer (Unclassified) misses it.
    api = _token(users[username])
    side_only = ProjectReview.objects.get(visibility="side")
    shared = ProjectReview.objects.get(visibility="shared")
    listed = conforms(api.get("/api/v1/reviews"), "/reviews")
    ids = {r["id"] for r in listed["reviews"]}
    assert ref(shared.pk) in ids and (ref(side_only.pk) in ids) == sees_side_only
    assert listed["count"] == len(ids)
    detail = api.get(f"/api/v1/reviews/{ref(side_only.pk)}?lang=ko")
    if sees_side_only:
        body = conforms(detail, "/reviews/{id}")
        assert body["report"] == side_only.report_ko and body["project"] == side_only.project_text
    else:
        assert conforms(detail, "/reviews/{id}")["error"]["code"] == "not_found"
        shown = json.dumps(listed, ensure_ascii=False)
        assert side_only.title.en not in shown and side_only.title.ko not in shown


def test_review_detail_is_audited_as_a_download(users: dict[str, Any]) -> None:
    shared = ProjectReview.objects.get(visibility="shared")
    api = _token(users["us.delegate"])
    body = conforms(api.get(f"/api/v1/reviews/{ref(shared.pk)}"), "/reviews/{id}")
    assert body["report"] == shared.report and body["url"].endswith(
        f"/sanctions/reviews/{ref(shared.pk)}/"
    )
    event = AuditEvent.objects.filter(verb="download").latest("id")
    assert event.object_id == str(shared.pk) and event.data["export"] == "review_json"
    assert (
        conforms(api.get("/api/v1/reviews/999999"), "/reviews/{id}")["error"]["code"] == "not_found"
    )


def test_review_titles_in_both_languages_and_the_old_single_title(
    users: dict[str, Any],
) -> None:
    shared = ProjectReview.objects.get(visibility="shared")
    api = _token(users["us.delegate"])
    body = conforms(api.get(f"/api/v1/reviews/{ref(shared.pk)}"), "/reviews/{id}")
    assert (body["title_ko"], body["title_en"]) == (shared.title.ko, shared.title.en)
    assert body["title"] == shared.title.en  # as before: one text, English first
    # A title written in Korean only: the old field gives the Korean, not an empty text.
    ProjectReview.objects.filter(pk=shared.pk).update(title_en="", title_stale="en")
    listed = conforms(api.get("/api/v1/reviews"), "/reviews")["reviews"]
    summary = next(r for r in listed if r["id"] == ref(shared.pk))
    assert (summary["title"], summary["title_en"]) == (shared.title.ko, "")


def test_paging_of_reviews(users: dict[str, Any]) -> None:
    api = _token(users["stephen.biegun"])
    first = conforms(api.get("/api/v1/reviews?limit=1"), "/reviews")
    second = conforms(api.get("/api/v1/reviews?limit=1&offset=1"), "/reviews")
    assert first["count"] == second["count"] == 2
    assert first["reviews"][0]["id"] != second["reviews"][0]["id"]
    bad = api.get("/api/v1/reviews?limit=0")
    assert (
        bad.status_code == 400 and conforms(bad, "/reviews")["error"]["code"] == "invalid_request"
    )


# --- limits and errors -------------------------------------------------------------------


def test_rate_limit_per_token_with_retry_after(
    users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WGDESK_API_RATE_LIMIT", "3")
    monkeypatch.setenv("WGDESK_API_RATE_WINDOW_SECONDS", "3600")
    api, other = _token(users["rok.delegate"]), _token(users["rok.delegate"], name="second")
    assert [api.get("/api/v1/lists").status_code for _ in range(3)] == [200, 200, 200]
    limited = api.get("/api/v1/lists")
    assert limited.status_code == 429 and 1 <= int(limited["Retry-After"]) <= 3600
    assert conforms(limited, "/lists")["error"]["code"] == "rate_limited"
    assert other.get("/api/v1/lists").status_code == 200  # counted per token


def test_the_window_restarts(users: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDESK_API_RATE_LIMIT", "1")
    token = ApiToken.objects.create(user=users["us.delegate"], name="w", digest="0" * 64)
    now = timezone.now()
    assert actions.count_request(token, now) is None
    assert actions.count_request(token, now) is not None
    assert actions.count_request(token, now + timedelta(seconds=61)) is None


def test_unknown_paths_and_methods_are_json_errors(users: dict[str, Any]) -> None:
    api = _token(users["rok.delegate"])
    missing = api.get("/api/v1/nothing/here")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = api.delete("/api/v1/reviews")
    assert wrong.status_code == 405 and wrong["Allow"] == "GET"
    assert wrong.json()["error"]["code"] == "method_not_allowed"


def _raw_post(client: Client, path: str, text: str, content_type: str = "application/json") -> Any:
    """POST a body written by hand (for bodies json.dumps would not produce)."""
    return client.post(path, text.encode("utf-8", "surrogatepass"), content_type=content_type)


HOSTILE_BODIES = {
    "huge integer limit": (
        "/screen",
        '{"queries": [{"name": "Kim"}], "limit": ' + "9" * 5000 + "}",
    ),
    "deep brackets": ("/screen", "[" * 100_000 + "]" * 100_000),
    "deep object": (
        "/screen",
        '{"queries": [{"name": "Kim", "x": ' + "[" * 5000 + "]" * 5000 + "}]}",
    ),
    "lone surrogate name": ("/screen", '{"queries": [{"name": "Kim \\ud800"}]}'),
    "lone surrogate key": ("/screen", '{"queries": [{"\\udc00": "Kim", "name": "x"}]}'),
    "deep review items": ("/review", '{"title": "t", "items": ' + "[" * 5000 + "]" * 5000 + "}"),
    "review huge integer": ("/review", '{"title": "t", "items": [{"hs": ' + "1" * 5000 + "}]}"),
    "review lone surrogate": ("/review", '{"title": "t \\ud800", "items": []}'),
    "review brackets": ("/review", "[" * 100_000),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_BODIES))
def test_hostile_bodies_get_a_clear_json_400_never_a_500(
    case: str, users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    """The probe's 500s: huge integers, deep nesting, lone surrogates (issue 10, 4)."""
    path, text = HOSTILE_BODIES[case]
    response = _raw_post(_token(users["rok.delegate"]), f"/api/v1{path}", text)
    assert response.status_code == 400, response.content[:300]
    body = conforms(response, path, "post")
    assert body["error"]["code"] in {"invalid_json", "invalid_request", "invalid_project"}


@pytest.mark.parametrize("path", ["/reviews", "/meetings"])
@pytest.mark.parametrize(
    "query", ["offset=99999999999999999999999", "limit=" + "9" * 5000, "offset=-1", "offset=1e3"]
)
def test_out_of_range_paging_is_400(path: str, query: str, users: dict[str, Any]) -> None:
    response = _token(users["rok.delegate"]).get(f"/api/v1{path}?{query}")
    assert response.status_code == 400
    assert conforms(response, path)["error"]["code"] == "invalid_request"


def test_the_largest_documented_offset_is_an_empty_page(users: dict[str, Any]) -> None:
    """The document's maximum offset is answered (an empty page), one past it is 400."""
    api = _token(users["rok.delegate"])
    top = _spec()["paths"]["/reviews"]["get"]["parameters"]
    maximum = next(p for p in top if p["name"] == "offset")["schema"]["maximum"]
    page = api.get(f"/api/v1/reviews?offset={maximum}")
    assert page.status_code == 200 and conforms(page, "/reviews")["reviews"] == []
    assert api.get(f"/api/v1/reviews?offset={maximum + 1}").status_code == 400


def test_null_thresholds_are_documented_and_mean_the_default(
    users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    """The server takes `null` as "the desk's setting"; the document says so."""
    schema = _spec()["components"]["schemas"]["ScreenRequest"]["properties"]
    assert "null" in schema["match_threshold"]["type"]
    assert "null" in schema["review_threshold"]["type"]
    body = {"queries": [{"name": "Kim"}], "match_threshold": None, "review_threshold": None}
    response = _post(_token(users["rok.delegate"]), "/api/v1/screen", body)
    assert response.status_code == 200
    conforms(response, "/screen", "post")


@pytest.mark.parametrize("scheme", ["bearer", "BEARER", "Bearer", "bEaReR"])
def test_the_bearer_scheme_is_case_insensitive(scheme: str, users: dict[str, Any]) -> None:
    """RFC 7235: the authentication scheme is case-insensitive (issue 10, 8)."""
    token = actions.issue_token(users["rok.delegate"], "t", None)
    response = Client(HTTP_AUTHORIZATION=f"{scheme} {token}").get("/api/v1/reviews")
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/reviews", "/meetings", "/lists", "/openapi.json"])
def test_head_is_answered_wherever_get_is(
    path: str, users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    """HEAD is GET without a body: same status, no 405 (issue 10, 8)."""
    api = _token(users["rok.delegate"])
    get, head = api.get(f"/api/v1{path}"), api.head(f"/api/v1{path}")
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head["Content-Type"] == get["Content-Type"]
    assert api.head("/api/v1/screen").status_code == 405  # POST-only stays POST-only
