"""The authorisation matrix: every URL of the URLconf, for every role of both sides.

The URLs come from walking the URLconf (tests/web/urlwalk.py), so a new view is covered
the day it is added. For each demo user (and an anonymous visitor) every URL is fetched
and POSTed to, and the test checks, against an oracle written independently of the
policy module:
- no request fails with a server error;
- anonymous visitors reach only the sign-in pages;
- no page or file ever contains a text the user must not see (the other side's side-only
  notes, draft positions and engagements, or anything above the user's clearance);
- a URL pointing at a record hidden from the user answers 404 (or 403), and a POST to it
  changes nothing;
- observers change nothing at all;
- metadata (issue 11.5): a URL of a record hidden from the user answers exactly like the
  same URL naming a record that does not exist (same status, same body once the CSRF
  token and the address itself are set aside), and no page links a side-owned or
  classified record by its sequential id;
- a member's account page and its actions (second-factor reset, deactivation) answer only
  their own side's co-chair and secretariat.

The HTTP API's URLs are walked twice: with the session like every page (anonymous callers
get 401 there, not the sign-in page), and with each user's personal API token; they are
also sent PUT and PATCH, the API's other ways of changing a record.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from tests.web.urlwalk import DeskUrl, desk_urls
from wgdesk.web.api.actions import issue_token
from wgdesk.web.attachments import actions as attachment_actions
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.opaque import encode
from wgdesk.web.decisions.models import Decision
from wgdesk.web.demo.users import DEMO_USERS
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.groups.models import Invitation, Member
from wgdesk.web.notes.models import Note
from wgdesk.web.positions.models import Position
from wgdesk.web.projects.models import Project, SideReview
from wgdesk.web.sanctions.models import ProjectReview

pytestmark = pytest.mark.django_db
USERNAMES = [u.username for u in DEMO_USERS]
# Sign-in pages, and token feeds (public by design: the unguessable token is the key).
PUBLIC_PREFIX = ("accounts:", "feeds:")
API = "api:"  # the HTTP API answers an unauthenticated caller 401 itself
SESSION_ENDING = {"accounts:logout"}
# Verbs the sign-in machinery records for anyone; they are not changes to the desk.
NOT_CHANGES = {"login", "logout", "download", "sign_out_sessions"}


def _hidden(member: Any, obj: Any) -> bool:
    """The oracle: hidden if another side's unshared record, or above the user's clearance."""
    if member is None:
        return True
    if isinstance(obj, Invitation):  # invitations: own side's co-chairs and secretariat only
        return obj.side_id != member.side_id or member.role not in {"co_chair", "secretariat"}
    side_id = getattr(obj, "side_id", None)
    shared = (
        getattr(obj, "visibility", "shared") == "shared" and getattr(obj, "status", "") != "draft"
    )
    if side_id is not None and side_id != member.side_id and not shared:
        return True
    return getattr(obj, "classification", 0) > member.clearance


def _off_limits(member: Any, entry: DeskUrl) -> bool:
    """The URL must refuse the user: its record is hidden, or it is the account page (or an
    account action) of a member whom the user does not administer. Every member is
    visible to the group; only their own side's co-chair and secretariat manage them."""
    if entry.target is None:
        return False
    if isinstance(entry.target, Member) and entry.name.startswith("members:"):
        steering = member is not None and member.role in {"co_chair", "secretariat"}
        return not steering or entry.target.side_id != member.side_id
    return _hidden(member, entry.target)


def _secret_texts(member: Any) -> list[str]:
    """Escaped snippets of every text the user must never receive."""
    texts = []
    for note in Note.objects.all():
        if _hidden(member, note):
            texts.append(note.body[:40])
    for position in Position.objects.all():
        if _hidden(member, position):
            texts += [position.stance_ko[:30], position.stance_en[:40]]
    for engagement in Engagement.objects.all():
        if _hidden(member, engagement):
            texts += [engagement.summary_ko[:30], engagement.summary_en[:40]]
    for decision in Decision.objects.all():
        if _hidden(member, decision):
            texts += [decision.text_ko[:30], decision.text_en[:40]]
    for review in ProjectReview.objects.all():
        if _hidden(member, review):
            texts += [review.title_ko[:30], review.title_en[:40], review.report["title"][:40]]
    for project in Project.objects.all():  # a draft is its side's own
        if _hidden(member, project):
            texts += [project.title_ko[:30], project.title_en[:40], project.summary_en[:40]]
    for side_review in SideReview.objects.all():  # each side's review until it shares it
        if _hidden(member, side_review):
            texts += [side_review.notes[:40], side_review.conditions[:40]]
    return [escape(t) for t in texts if t]


# An id no row has: its reference stands for "a record that does not exist".
MISSING_ID = 10**12 + 7
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
# Messages queued by the walk's previous request show on whichever page renders next.
MESSAGES = re.compile(r'<ul class="messages" role="status">.*?</ul>', re.DOTALL)
# Record URLs by sequential id of the kinds that must be linked by opaque references.
SEQUENTIAL = re.compile(
    r"/(decisions|action-items|engagements|notes|attachments|sanctions/reviews|positions|projects|"
    r"group/invitations|(withdraw|translations|notes/add|attachments/add)/[a-z]+\.[A-Za-z]+)"
    r"/[0-9]+/"
)


def _twin(entry: DeskUrl) -> str | None:
    """The same URL naming a record that does not exist (None: the URL names no record by
    an opaque reference)."""
    pk = getattr(entry.target, "pk", None)
    if pk is None or encode(pk) not in entry.url:
        return None
    return entry.url.replace(encode(pk), encode(MISSING_ID))


def _normalised(response: Any, url: str) -> tuple[int, str]:
    """Status and body with what differs per request set aside: the CSRF token, messages
    left by the request before, and the address itself (the language switcher sends the
    reader back to it)."""
    body = MESSAGES.sub("", CSRF.sub("", _body(response))).replace(url, "<url>")
    return response.status_code, body


def _body(response: Any) -> str:
    """The response body as text, for pages and streamed files alike."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


@pytest.fixture
def files(users: dict[str, Any], tmp_path: Any, settings: Any) -> None:
    """A side-only restricted ROK file and a shared US file, so downloads are walked."""
    settings.MEDIA_ROOT = tmp_path
    rail = Position.objects.get(side__code="ROK", agenda_item__title_en__startswith="Ground")
    attachment_actions.upload(
        users["rok.delegate"], rail, "rok.txt", b"ROK-ONLY FILE", "text/plain", "side", 1
    )
    attachment_actions.upload(
        users["us.delegate"], rail, "us.txt", b"shared file", "text/plain", "shared", 0
    )


def _check_url(client: Client, entry: DeskUrl, member: Any, secrets: list[str]) -> list[str]:
    """GET and POST one URL; return every rule it breaks."""
    problems = []
    # The API also changes records by PUT and PATCH (a project's request, an action item).
    methods = ("get", "post", "put", "patch") if entry.name.startswith(API) else ("get", "post")
    for method in methods:
        before = AuditEvent.objects.exclude(verb__in=NOT_CHANGES).count()
        response = getattr(client, method)(entry.url)
        where = f"{method.upper()} {entry.url} ({entry.name})"
        if response.status_code >= 500:
            problems.append(f"{where}: server error {response.status_code}")
        body = _body(response)
        problems += [f"{where}: leaks {secret!r}" for secret in secrets if secret in body]
        to_login = response.status_code == 302 and "/accounts/login/" in response["Location"]
        if member is None and entry.name.startswith(API):
            if response.status_code != 401:
                problems.append(f"{where}: anonymous API call got {response.status_code}")
        elif member is None and not entry.name.startswith(PUBLIC_PREFIX) and not to_login:
            problems.append(f"{where}: anonymous got {response.status_code}")
        hidden = _off_limits(member, entry)
        if member is not None and hidden and response.status_code not in (403, 404, 405):
            problems.append(f"{where}: hidden record answered {response.status_code}")
        changed = AuditEvent.objects.exclude(verb__in=NOT_CHANGES).count() != before
        if changed and (hidden or member is None or member.role == "observer"):
            problems.append(f"{where}: changed the desk")
        if method == "get" and response.status_code == 200:
            problems += [f"{where}: links {m.group(0)} by id" for m in SEQUENTIAL.finditer(body)]
        twin = _twin(entry) if hidden and member is not None else None
        if twin is not None:
            missing = getattr(client, method)(twin)
            if _normalised(response, entry.url) != _normalised(missing, twin):
                problems.append(f"{where}: a hidden record answers unlike a missing one")
    return problems


@pytest.mark.parametrize("username", [*USERNAMES, "anonymous"])
def test_every_url_for_every_role(username: str, users: dict[str, Any], files: None) -> None:
    user = users.get(username)
    client = Client()
    if user is not None:
        client.force_login(user)
    member = getattr(user, "member", None)
    secrets = _secret_texts(member)
    if member is not None:
        assert secrets, "the demo must give every user something they may not see"
    urls = [entry for entry in desk_urls() if entry.name not in SESSION_ENDING]
    assert len({entry.name for entry in urls}) >= 40
    problems = [p for entry in urls for p in _check_url(client, entry, member, secrets)]
    assert problems == []


@pytest.mark.parametrize("username", [*USERNAMES, "anonymous", "bad-token"])
def test_every_api_url_with_every_users_token(
    username: str, users: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The walk sends hundreds of requests with one token: past the rate limit every answer
    # would be a 429 and the policy behind it would go unchecked.
    monkeypatch.setenv("WGDESK_API_RATE_LIMIT", "1000000")
    user = users.get(username)
    token = issue_token(user, "matrix", None) if user is not None else "wga_" + "x" * 43
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if username != "anonymous" else {}
    client = Client(**headers)
    member = getattr(user, "member", None)
    secrets = _secret_texts(member)
    urls = [entry for entry in desk_urls() if entry.name.startswith(API)]
    assert {entry.name for entry in urls} >= {"api:screen", "api:review", "api:reviews"}
    problems = [p for entry in urls for p in _check_url(client, entry, member, secrets)]
    assert problems == []
    assert not [e.url for e in urls if client.get(e.url).status_code == 429]
    if user is not None:  # each token reads at least the shared demo review
        assert client.get("/api/v1/reviews").json()["count"] >= 1


def test_walk_covers_every_url_name() -> None:
    from django.urls import get_resolver

    from tests.web.urlwalk import SKIP_NAMESPACES, _patterns

    walked = {entry.name for entry in desk_urls()}
    declared = {name for name, _ in _patterns(get_resolver())} - SKIP_NAMESPACES
    # Downloads need a stored file (added by the fixture of the matrix test).
    assert declared - walked <= {"attachments:download"}


@pytest.mark.parametrize("username", ["stephen.biegun", "us.secretariat", "lee.dohoon"])
def test_audit_numbers_count_only_the_events_the_reader_may_see(
    username: str, client_for: Any, users: dict[str, Any]
) -> None:
    # The other side's side-only notes have events between the shared ones: with the
    # chain's own ids the reader would see the gaps.
    client = client_for(username)
    page = client.get("/audit/")
    total = page.context["page"].paginator.count
    numbers = [d.number for d in page.context["events"]]
    assert numbers == list(range(total, total - len(numbers), -1))
    rows = list(
        csv.DictReader(io.StringIO(client.get("/audit/export.csv").content.decode("utf-8-sig")))
    )
    assert sorted(int(r["number"]) for r in rows) == list(range(1, len(rows) + 1))
    everyone = AuditEvent.objects.filter(id__lte=max(d.event.id for d in page.context["events"]))
    assert everyone.count() > total, "the demo must hold events this reader may not see"


def test_position_revision_numbers_count_only_the_revisions_the_reader_may_see(
    users: dict[str, Any], client_for: Any
) -> None:
    from wgdesk.web.positions import actions as position_actions

    position = Position.objects.filter(side__code="ROK", status="shared").first()
    assert position is not None
    rok = users["rok.delegate"]
    # Two side-only edits of the shared position, then one shared: the US side was shown
    # fewer revisions than ROK wrote.
    for n in range(2):
        position_actions.save_position(
            rok, position.agenda_item, (f"초안 {n}", f"draft {n}"), position.classification
        )
    position.refresh_from_db()
    position_actions.share_position(rok, position)
    for username in ("us.delegate", "rok.delegate"):
        page = client_for(username).get(f"/positions/items/{position.agenda_item_id}/")
        shown = [r.shown_number for r in page.context["history"] if r.position_id == position.pk]
        assert sorted(shown) == list(range(1, len(shown) + 1))
    us_rows = client_for("us.delegate").get(f"/positions/items/{position.agenda_item_id}/")
    stored = max(r.number for r in us_rows.context["history"] if r.position_id == position.pk)
    assert stored > len([r for r in us_rows.context["history"] if r.position_id == position.pk])
