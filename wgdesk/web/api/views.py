"""The HTTP API (/api/v1/) and the page where users manage their API tokens.

The endpoints answer with the engine's own serializers: screening results are the
objects of `wgdesk screen --format jsonl`, reviews the JSON report of `wgdesk review`.
Saved reviews are read through the policy, like every page of the desk.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

import yaml
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wgdesk import config
from wgdesk.rules.project import ProjectError
from wgdesk.rules.sourcemap import LONE_SURROGATE
from wgdesk.screening.results import Thresholds
from wgdesk.web import policy
from wgdesk.web.api import actions, queries
from wgdesk.web.api.endpoints import data, endpoint, error
from wgdesk.web.api.forms import TokenForm
from wgdesk.web.api.present import meeting_summary, review_detail, review_summary
from wgdesk.web.core import links
from wgdesk.web.meetings import queries as meeting_queries
from wgdesk.web.sanctions import actions as sanctions_actions
from wgdesk.web.sanctions import queries as sanctions_queries
from wgdesk.web.sanctions import runs, screeners
from wgdesk.web.sanctions.forms import MAX_CANDIDATES
from wgdesk.web.sanctions.models import ProjectReview

SCREEN_FIELDS = {"queries", "limit", "review_threshold", "match_threshold", "lang", "reasons"}
# The JSON types of a query's fields (openapi.yaml, Query); other fields are ignored.
QUERY_TYPES: dict[str, tuple[type, ...]] = {
    "id": (str, int, type(None)),
    "name": (str,),
    "type": (str,),
    "birth_date": (str,),
    "nationality": (str,),
    "country": (str,),
}
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
PAGE_MAX = 200
OFFSET_MAX = 1_000_000_000  # far past any list; keeps the SQL OFFSET inside a 64-bit integer
MAX_JSON_DEPTH = 8  # a screening request is an object of a list of objects of text


class BadRequest(ValueError):
    """A request the API refuses: an HTTP status, an error code and a message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def json_body(request: HttpRequest) -> dict[str, Any]:
    """The request body as a JSON object of plain, shallow, valid Unicode values."""
    try:
        body = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as problem:
        raise BadRequest(400, "invalid_json", f"the body is not UTF-8 JSON ({problem})") from None
    except ValueError as problem:  # an integer of thousands of digits
        raise BadRequest(400, "invalid_json", f"the body is not usable JSON ({problem})") from None
    except RecursionError:
        raise BadRequest(400, "invalid_json", "the body is nested too deeply") from None
    if not isinstance(body, dict):
        raise BadRequest(400, "invalid_request", "the body must be a JSON object")
    _check_values(body)
    return body


def _check_values(body: Any) -> None:
    """Refuse nesting deeper than a request needs and text that is not Unicode.

    A lone surrogate ("\\ud800") parses as a Python string but cannot be written as UTF-8,
    so it would fail deep in the screening or the audit log; refuse it here, with its path.
    """
    stack: list[tuple[Any, str, int]] = [(body, "body", 0)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise BadRequest(400, "invalid_json", f"{path}: nested too deeply")
        if isinstance(value, str) and LONE_SURROGATE.search(value):
            raise BadRequest(400, "invalid_json", f"{path}: text with a lone surrogate")
        if isinstance(value, dict):
            for key, child in value.items():
                stack.append((key, path, depth + 1))
                stack.append((child, f"{path}.{key}", depth + 1))
        elif isinstance(value, list):
            stack.extend((child, f"{path}[{i}]", depth + 1) for i, child in enumerate(value))


def _number(body: dict[str, Any], key: str) -> float | None:
    """An optional threshold in [0, 1]."""
    value = body.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise BadRequest(400, "invalid_request", f"{key} must be a number between 0 and 1")
    return float(value)


def _rendering(body: dict[str, Any], request: HttpRequest) -> tuple[str, bool]:
    """The explanations' language (body ``lang``, else ``?lang=``) and whether to add reasons.

    Each one given must be en or ko, the query's too when the body's wins over it.
    """
    asked = request.GET.get("lang", "en")
    lang = body.get("lang", asked)
    if lang not in runs.LANGUAGES or asked not in runs.LANGUAGES:
        raise BadRequest(400, "invalid_request", "lang must be en or ko")
    reasons = body.get("reasons", False)
    if not isinstance(reasons, bool):
        raise BadRequest(400, "invalid_request", "reasons must be true or false")
    return lang, reasons


def _screen_options(body: dict[str, Any], defaults: Thresholds) -> tuple[int, Thresholds | None]:
    """The candidate limit and the thresholds of a screening request."""
    limit = body.get("limit", 10)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_CANDIDATES:
        raise BadRequest(
            400, "invalid_request", f"limit must be a whole number from 1 to {MAX_CANDIDATES}"
        )
    review, match = _number(body, "review_threshold"), _number(body, "match_threshold")
    try:
        return limit, runs.thresholds(review, match, defaults)
    except ValueError as problem:
        raise BadRequest(400, "invalid_request", str(problem)) from None


def _queries(body: dict[str, Any]) -> list[Any]:
    """The list of queries, within the per-request cap."""
    unknown = sorted(set(body) - SCREEN_FIELDS)
    if unknown:
        raise BadRequest(400, "invalid_request", f"unknown fields: {', '.join(unknown)}")
    found = body.get("queries")
    if not isinstance(found, list) or not found:
        raise BadRequest(400, "invalid_request", "queries must be a non-empty list of objects")
    cap = config.get_int("screen_max_names")
    if len(found) > cap:
        message = f"{len(found)} queries: at most {cap} per request (setting screen_max_names)"
        raise BadRequest(413, "too_many_queries", message)
    for index, query in enumerate(found):
        _query_shape(query, f"queries[{index}]")
    return found


def _query_shape(query: Any, path: str) -> None:
    """A query's JSON types, as the document gives them (400 otherwise).

    What the values mean (a missing name, an unknown type, a bad date) is answered per
    query in the results, as `wgdesk screen` does for a bad line; the shape is checked here.
    """
    if not isinstance(query, dict):
        raise BadRequest(400, "invalid_request", f"{path} must be an object")
    for key, value in query.items():
        allowed = QUERY_TYPES.get(key)
        if allowed is not None and (isinstance(value, bool) or not isinstance(value, allowed)):
            raise BadRequest(400, "invalid_request", f"{path}.{key} has the wrong type")


@endpoint("POST")
def screen(request: HttpRequest) -> HttpResponse:
    """Screen names against the active lists: the objects of `wgdesk screen --format jsonl`."""
    policy.require(request.user, policy.Cap.SCREEN)
    try:
        body = json_body(request)
        found = _queries(body)
        screener, state = screeners.current()
        if screener is None:
            return _no_lists(state)
        limit, thresholds = _screen_options(body, screener.thresholds)
        lang, reasons = _rendering(body, request)
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    screener = screeners.with_thresholds(screener, thresholds)
    records = runs.records_from_queries(found)
    results = runs.screen(screener, records, limit, lang, reasons)
    sanctions_actions.record_screening(request.user, results, state, "api", **_token(request))
    return data({"results": results, "lists": _lists(state)})


def _no_lists(state: screeners.StoreState) -> HttpResponse:
    """503 when there is no list to screen against, saying how to load them."""
    message = state.problem or (
        "no sanctions list is loaded: run `wgdesk lists ensure` (or `wgdesk lists fetch`, "
        "or `wgdesk lists load PATH`) on the server"
    )
    return error(503, "no_lists", message)


def _token(request: HttpRequest) -> dict[str, Any]:
    """Which token made the request, for the audit trail (its id, never the token)."""
    token = getattr(request, "api_token", None)
    return {"token": token.pk} if token is not None else {}


def _lists(state: screeners.StoreState) -> list[dict[str, Any]]:
    """The list versions screened against."""
    return [
        {
            "source": v.source,
            "version": v.version,
            "entries": v.entry_count,
            "loaded_at": v.loaded_at,
        }
        for v in state.versions
    ]


def _review_options(request: HttpRequest) -> tuple[str, str, dt.date | None]:
    """The body's format (by Content-Type), and the lang and date query parameters."""
    media = (request.content_type or "").lower()
    if media == "application/json":
        fmt = "json"
    elif media in YAML_TYPES:
        fmt = "yaml"
    else:
        raise BadRequest(415, "unsupported_media_type", "send application/json or application/yaml")
    lang = request.GET.get("lang", "en")
    if lang not in runs.LANGUAGES:
        raise BadRequest(400, "invalid_request", "lang must be en or ko")
    day = request.GET.get("date")
    try:
        return fmt, lang, dt.date.fromisoformat(day) if day else None
    except ValueError:
        raise BadRequest(400, "invalid_request", "date must be YYYY-MM-DD") from None


def _project_text(request: HttpRequest) -> str:
    """The project in the body: UTF-8, within the project size limit."""
    limit = config.get_int("project_max_bytes")
    if len(request.body) > limit:
        raise BadRequest(413, "too_large", f"the project is over {limit} bytes")
    try:
        return request.body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadRequest(400, "invalid_request", "the project is not UTF-8 text") from None


@endpoint("POST")
def review(request: HttpRequest) -> HttpResponse:
    """Review a project: the JSON report of `wgdesk review` (contracts.md §2)."""
    policy.require(request.user, policy.Cap.SCREEN)
    try:
        fmt, lang, day = _review_options(request)
        text = _project_text(request)
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    screener, state = screeners.current()
    try:
        run = runs.run_review(text, fmt, day, screener, state)
    except ProjectError as problem:
        count = len(problem.problems)
        message = f"the project has {count} problem{'s' if count != 1 else ''}"
        objects = runs.problem_objects(problem.problems)
        return error(400, "invalid_project", message, problems=objects)
    sanctions_actions.record_review_run(request.user, run, "api", **_token(request))
    return data(run.report(lang))


@endpoint("GET")
def lists(request: HttpRequest) -> HttpResponse:
    """The active list versions: source, version, entries, loaded_at."""
    state = screeners.store_state()
    if state.problem:
        return error(503, "no_lists", state.problem)
    return data({"lists": _lists(state)})


def _page(request: HttpRequest) -> tuple[int, int]:
    """The limit and offset query parameters of a list."""
    try:
        limit = int(request.GET.get("limit", "50"))
        offset = int(request.GET.get("offset", "0"))
    except ValueError:
        raise BadRequest(400, "invalid_request", "limit and offset are whole numbers") from None
    if not 1 <= limit <= PAGE_MAX or not 0 <= offset <= OFFSET_MAX:
        message = f"limit is 1 to {PAGE_MAX}, offset 0 to {OFFSET_MAX}"
        raise BadRequest(400, "invalid_request", message)
    return limit, offset


@endpoint("GET")
def reviews(request: HttpRequest) -> HttpResponse:
    """Saved reviews the caller may see, newest first."""
    try:
        limit, offset = _page(request)
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    found = sanctions_queries.visible_reviews(request.user)
    page = found[offset : offset + limit]
    summaries = [review_summary(r, request) for r in page]
    return data({"count": found.count(), "reviews": summaries})


@endpoint("GET")
def meetings(request: HttpRequest) -> HttpResponse:
    """Meetings the caller may see, newest first: each start with its zone's offset, in
    UTC, and the zone's IANA name."""
    try:
        limit, offset = _page(request)
    except BadRequest as problem:
        return error(problem.status, problem.code, str(problem))
    found = meeting_queries.meetings(request.user)
    page = found[offset : offset + limit]
    summaries = [meeting_summary(m, request) for m in page]
    return data({"count": found.count(), "meetings": summaries})


@endpoint("GET")
def review_of(request: HttpRequest, pk: int) -> HttpResponse:
    """One saved review with its project file and report (lang=en|ko)."""
    lang = request.GET.get("lang", "en")
    if lang not in runs.LANGUAGES:
        return error(400, "invalid_request", "lang must be en or ko")
    saved = policy.get_visible_or_404(request.user, ProjectReview, pk=pk)
    sanctions_actions.record_download(
        request.user, "review_json", saved, via="api", **_token(request)
    )
    return data(review_detail(saved, lang, request))


@cache
def _openapi() -> dict[str, Any]:
    """The OpenAPI document, read once from the YAML shipped with the app."""
    text = resources.files("wgdesk.web.api").joinpath("openapi.yaml").read_text("utf-8")
    document: dict[str, Any] = yaml.safe_load(text)
    return document


@endpoint("GET")
def openapi(request: HttpRequest) -> HttpResponse:
    """The OpenAPI 3.1 description of this API."""
    return data(_openapi())


# --- the tokens page ---------------------------------------------------------------------


def _tokens_page(
    request: HttpRequest, form: TokenForm, token: str | None = None, status: int = 200
) -> HttpResponse:
    """The user's tokens, the form to create one, and a new token when one was just made."""
    context = {
        "tokens": queries.tokens_of(request.user),
        "form": form,
        "new_token": token,
        "api_url": links.absolute("/api/v1/", request),
        "now": timezone.now(),
    }
    response = render(request, "api/tokens.html", context, status=status)
    response["Cache-Control"] = "no-store"  # a new token is on the page exactly once
    return response


@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """Create (shown once) or revoke one's personal API tokens."""
    if request.method == "GET":
        return _tokens_page(request, TokenForm())
    choice = request.POST.get("action", "")
    if choice == "revoke":
        try:
            token_id = int(request.POST.get("token", ""))
        except ValueError:
            return HttpResponseBadRequest(_("Choose a token to revoke."))
        if actions.revoke_token(request.user, token_id):
            messages.success(request, _("The token no longer works."))
        return redirect("api_tokens:index")
    if choice != "issue":
        return HttpResponseBadRequest(_("Choose to create or revoke a token."))
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _tokens_page(request, form, status=400)
    expires = actions.expiry(form.cleaned_data["expires_in"], timezone.now())
    token = actions.issue_token(request.user, form.cleaned_data["name"], expires)
    return _tokens_page(request, TokenForm(), token)
