"""The ecosystem's endpoints: yente's /match and /entities, and OpenRefine reconciliation.

Clients written for OpenSanctions' yente send ``Authorization: ApiKey <key>``; OpenRefine
cannot set a header at all, so its service URL carries ``?api_key=``. Both are read here
as the desk's own bearer token before the usual API gate (``endpoints.endpoint``), so the
same authentication, rate limit, policy and audit apply as to ``/api/v1/screen``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from wgdesk import config
from wgdesk.screening.ftm import SCHEMA_OF_TYPE, entity_of
from wgdesk.web import policy
from wgdesk.web.api.endpoints import data, endpoint, error
from wgdesk.web.api.matching import (
    Example,
    MatchRequestError,
    Options,
    entries,
    example,
    matcher,
    options,
    reconcile_examples,
    reconcile_result,
    screen,
    sources,
    yente_response,
)
from wgdesk.web.core import links
from wgdesk.web.sanctions import actions as sanctions_actions
from wgdesk.web.sanctions import screeners

View = Callable[..., HttpResponse]


def _key_as_bearer(view: View, *, from_query: bool = False) -> View:
    """Accept yente's ``ApiKey`` scheme (and, for OpenRefine, ``?api_key=``) as a bearer token."""

    @csrf_exempt
    @wraps(view)
    def handle(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, key = header.partition(" ")
        if scheme.lower() == "apikey" and key.strip():
            request.META["HTTP_AUTHORIZATION"] = f"Bearer {key.strip()}"
        elif from_query and not header and request.GET.get("api_key"):
            request.META["HTTP_AUTHORIZATION"] = f"Bearer {request.GET['api_key']}"
        return view(request, *args, **kwargs)

    return handle


def _no_lists(state: screeners.StoreState) -> HttpResponse:
    """503 when no list is loaded."""
    return error(503, "no_lists", state.problem or "no sanctions list is loaded")


def _audit(request: HttpRequest, decisions: list[str], state: screeners.StoreState) -> None:
    """Audit the run like /api/v1/screen: counts of decisions, lists, the token's id."""
    token = getattr(request, "api_token", None)
    extra = {"token": token.pk} if token is not None else {}
    results = [{"decision": d} for d in decisions]
    sanctions_actions.record_screening(request.user, results, state, "api-match", **extra)


def _body(request: HttpRequest) -> Any:
    """The request body as JSON."""
    try:
        return json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise MatchRequestError(f"the body is not UTF-8 JSON ({problem})") from None


def _examples(body: Any) -> list[Example]:
    """yente's body: {"queries": {key: example}}, within the per-request cap."""
    if not isinstance(body, dict) or not isinstance(body.get("queries"), dict):
        raise MatchRequestError('the body must be {"queries": {"<key>": {schema, properties}}}')
    found = body["queries"]
    if not found:
        raise MatchRequestError("queries must not be empty")
    cap = config.get_int("screen_max_names")
    if len(found) > cap:
        raise MatchRequestError(f"{len(found)} queries: at most {cap} per request", 413)
    return [example(str(k), v) for k, v in found.items()]


@endpoint("POST")
def _match(request: HttpRequest, dataset: str) -> HttpResponse:
    """yente's POST /match/<dataset>: per-query FtM candidates with score, match, features."""
    policy.require(request.user, policy.Cap.SCREEN)
    try:
        chosen = options(request.GET)
        found = _examples(_body(request))
    except MatchRequestError as problem:
        return error(problem.status, "invalid_request", str(problem))
    screener, state = screeners.current()
    if screener is None:
        return _no_lists(state)
    try:
        within = sources(screener, dataset)
    except MatchRequestError as problem:
        return error(problem.status, "not_found", str(problem))
    outcomes = [screen(screener, e, within, chosen) for e in found]
    _audit(request, [o.decision.value for o in outcomes], state)
    responses = {o.example.key: yente_response(screener, o) for o in outcomes}
    return data({"responses": responses, "matcher": matcher(screener, chosen),
                 "limit": chosen.limit})  # fmt: skip


match = _key_as_bearer(_match)


@endpoint("GET")
def _entity(request: HttpRequest, entity_id: str) -> HttpResponse:
    """yente's GET /entities/<id>: one list entry as an FtM entity."""
    policy.require(request.user, policy.Cap.SCREEN)
    screener, _ = screeners.current()
    # Without lists there is no entity to find: a 404 like any unknown id.
    entry = entries(screener).get(entity_id) if screener is not None else None
    if entry is None:
        return error(404, "not_found", f"no entity {entity_id!r} in the active lists")
    return data({**entity_of(entry), "datasets": [entry.source], "referents": []})


entity = _key_as_bearer(_entity)


def _manifest(request: HttpRequest, dataset: str) -> dict[str, Any]:
    """The service manifest OpenRefine reads when the service is added."""
    view = links.absolute("/api/v1/entities/{{id}}", request)
    types = [{"id": s, "name": s} for s in (*SCHEMA_OF_TYPE.values(), "LegalEntity")]
    return {
        "versions": ["0.2"],
        "name": f"wgdesk sanctions lists ({dataset})",
        "identifierSpace": links.absolute("/api/v1/entities/", request),
        "schemaSpace": "https://followthemoney.tech/explorer/schemata",
        "defaultTypes": types,
        "view": {"url": view},
    }


def _manifest_of(request: HttpRequest, dataset: str) -> HttpResponse:
    """The manifest of a known dataset; an unknown one is a 404, as its batches are."""
    screener, _ = screeners.current()
    if screener is not None:
        try:
            sources(screener, dataset)
        except MatchRequestError as problem:
            return error(problem.status, "not_found", str(problem))
    return data(_manifest(request, dataset))


@endpoint("GET", "POST")
def _reconcile(request: HttpRequest, dataset: str = "default") -> HttpResponse:
    """OpenRefine's reconciliation service: the manifest, or a batch of queries."""
    policy.require(request.user, policy.Cap.SCREEN)
    raw = request.POST.get("queries") if request.method == "POST" else request.GET.get("queries")
    if raw is None and request.method == "POST":
        # OpenRefine reads the manifest with a GET; a POST is a batch or a mistake.
        return error(400, "invalid_request", "a POST needs the form field queries")
    if raw is None:
        return _manifest_of(request, dataset)
    try:
        found = reconcile_examples(json.loads(raw))
        cap = config.get_int("screen_max_names")
        if len(found) > cap:
            raise MatchRequestError(f"{len(found)} queries: at most {cap} per request", 413)
        chosen = [Options(limit=_limit(raw, e.key)) for e in found]
    except json.JSONDecodeError as problem:
        return error(400, "invalid_request", f"queries is not JSON ({problem})")
    except MatchRequestError as problem:
        return error(problem.status, "invalid_request", str(problem))
    screener, state = screeners.current()
    if screener is None:
        return _no_lists(state)
    try:
        within = sources(screener, dataset)
    except MatchRequestError as problem:
        return error(problem.status, "not_found", str(problem))
    outcomes = [screen(screener, e, within, o) for e, o in zip(found, chosen, strict=True)]
    _audit(request, [o.decision.value for o in outcomes], state)
    return data({o.example.key: reconcile_result(screener, o) for o in outcomes})


def _limit(raw: str, key: str) -> int:
    """A reconciliation query's own limit (OpenRefine sends one per query), 1 to 50."""
    value = json.loads(raw)[key].get("limit", 5)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 50:
        raise MatchRequestError(f"queries.{key}.limit must be a whole number from 1 to 50")
    return value


reconcile = _key_as_bearer(_reconcile, from_query=True)
