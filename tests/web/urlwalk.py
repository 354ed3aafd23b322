"""Walk every URL pattern of the desk with real arguments, for matrix tests.

The browser/perf tests reuse this: ``desk_urls()`` lists (name, url) pairs with every
path argument filled from the demo data, chosen so that each kind of object appears once
from each side where objects are side-owned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wgdesk.web.accounts.actions import email_token
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.agenda.models import AgendaItem, Track
from wgdesk.web.attachments.models import Attachment
from wgdesk.web.core.scoping import Visibility
from wgdesk.web.decisions.models import Decision
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.exports.actions import issue_feed_token
from wgdesk.web.groups.actions import invite
from wgdesk.web.groups.models import Invitation, Member
from wgdesk.web.meetings.models import AgendaEntry, Meeting
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notes.models import Note
from wgdesk.web.positions.models import Position
from wgdesk.web.projects.models import Project
from wgdesk.web.projects.workflow import Step
from wgdesk.web.sanctions.models import ProjectReview

# URL names outside the desk's own apps, not walked.
SKIP_NAMESPACES = {"set_language"}


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    """Yield (namespaced name, pattern) for every named pattern under a resolver."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _patterns(entry, namespace)
        elif entry.name:
            yield f"{prefix}{entry.name}", entry


def _pk_for(name: str) -> list[Any]:
    """Objects that the ``pk`` argument of a URL name can refer to (several sides)."""
    namespace = name.split(":")[0]
    models: dict[str, Callable[[], list[Any]]] = {
        "meetings": lambda: list(Meeting.objects.all()[:2]),
        "decisions": lambda: list(Decision.objects.all()[:2]),
        "actionitems": lambda: list(ActionItem.objects.all()[:2]),
        "engagements": lambda: list(Engagement.objects.all()),
        "notes": lambda: list(Note.objects.all()),
        "attachments": lambda: list(Attachment.objects.all()),
        "groups": lambda: list(Invitation.objects.all()),
        "members": lambda: list(Member.objects.all()),
        "agenda": lambda: list(AgendaItem.objects.all()[:2]),
        "positions": lambda: list(Position.objects.all()),
        "sanctions": lambda: list(ProjectReview.objects.all()),
        "projects": lambda: list(Project.objects.all()),
        "api": lambda: list(ProjectReview.objects.all()),
    }
    return models.get(namespace, lambda: [])()


# The HTTP API's record URLs and the records they name (of both sides, every marking).
API_RECORDS: dict[str, Callable[[], list[Any]]] = {
    "api:project_detail": lambda: list(Project.objects.all()),
    "api:project_versions": lambda: list(Project.objects.all()),
    "api:project_transitions": lambda: list(Project.objects.all()),
    "api:project_review": lambda: list(Project.objects.all()),
    "api:project_request": lambda: list(Project.objects.all()),
    "api:project_shipments": lambda: list(Project.objects.all()),
    "api:project_notes": lambda: list(Project.objects.all()),
    "api:share_project_review": lambda: list(Project.objects.all()),
    "api:meeting_detail": lambda: list(Meeting.objects.all()[:3]),
    "api:decision_detail": lambda: list(Decision.objects.all()),
    "api:action_item_detail": lambda: list(ActionItem.objects.all()),
    "api:position_detail": lambda: list(Position.objects.all()),
}

Args = tuple[dict[str, Any], Any]  # URL keyword arguments, and the object they point at


def _arguments(name: str, params: list[str]) -> Iterator[Args]:
    """Yield (keyword set, target object) pairs to reverse a URL with, from the demo data."""
    if not params:
        yield {}, None
        return
    if name == "core:confirm_translation":
        for action in ActionItem.objects.all()[:3]:
            yield {"label": "actionitems.ActionItem", "pk": action.pk, "field": "title"}, action
        return
    if name == "core:withdraw":  # every kind that can be withdrawn, of both sides
        records: list[Any] = [*Decision.objects.all()[:2], *AgendaItem.objects.all()[:1]]
        records += [*Note.objects.all(), *Attachment.objects.all()]
        for obj in records:
            yield {"label": obj._meta.label, "pk": obj.pk}, obj
        return
    if "label" in params:  # notes:add, attachments:upload on side-only and shared targets
        for position in Position.objects.all():
            yield {"label": "positions.Position", "pk": position.pk}, position
        return
    if name == "feeds:calendar":  # a live feed token of each side's co-chair, and a bad one
        for member in Member.objects.filter(role="co_chair"):
            yield {"token": issue_feed_token(member.user)}, None
        yield {"token": "not-a-token"}, None
        return
    if name == "accounts:reset_confirm":  # a live reset link of each co-chair, and a bad one
        for member in Member.objects.filter(role="co_chair").select_related("user"):
            user = member.user
            uid = urlsafe_base64_encode(force_bytes(user.pk))
            yield {"uidb64": uid, "token": default_token_generator.make_token(user)}, None
        yield {"uidb64": "MQ", "token": "not-a-token"}, None
        return
    if name == "profile:confirm_email":  # each co-chair's live confirmation link, a bad one
        for member in Member.objects.filter(role="co_chair").select_related("user"):
            token = email_token(member.user, f"new.{member.user.username}@example.org")
            yield {"token": token}, None
        yield {"token": "not-a-token"}, None
        return
    if "token" in params:
        # Only digests are stored, so the walk issues a fresh invitation to get a live token.
        inviter = Member.objects.filter(role="co_chair").select_related("user").first()
        if inviter is not None:
            live = invite(inviter.user, None, "observer", 0, "walk@example.org")
            yield {"token": live.token}, None  # public by design: the token is the key
        yield {"token": "not-a-token"}, None
        return
    if "entry_id" in params:
        for entry in AgendaEntry.objects.all()[:2]:
            values = {"pk": entry.meeting_id, "entry_id": entry.pk}
            yield ({**values, "direction": "up"} if "direction" in params else values), entry
        return
    if "track_id" in params:
        track = Track.objects.first()
        item = AgendaItem.objects.filter(track=track).first()
        extra = {"parent_id": item.pk} if "parent_id" in params else {}
        yield {"track_id": track.pk, **extra}, track
        return
    if name in API_RECORDS:  # the API's records by kind (its other pk: saved reviews)
        for obj in API_RECORDS[name]():
            yield {"pk": obj.pk}, obj
        return
    if name in ("api:minutes", "api:minutes_revisions"):  # every meeting's minutes, by meeting
        for minutes in Minutes.objects.all():
            yield {"pk": minutes.meeting_id}, minutes
        return
    if "step" in params:  # every workflow step of every project (of each state and side)
        for project in Project.objects.all():
            for step in [*Step, "no-such-step"]:
                yield {"pk": project.pk, "step": str(step)}, project
        return
    if "number" in params:  # the first version of every project, and one that does not exist
        for project in Project.objects.all():
            for number in (1, 99):
                yield {"pk": project.pk, "number": number}, project
        return
    if "kind" in params:  # the request downloads, and a kind that does not exist
        for project in Project.objects.all():
            for kind in ("md", "docx", "xlsx", "pdf"):
                yield {"pk": project.pk, "kind": kind}, project
        return
    if "source" in params:  # a listed entry (404 while the store has no lists)
        yield {"source": "un", "ref": "KPi.901"}, None
        return
    if "meeting_id" in params:
        for meeting in Meeting.objects.all()[:3]:
            yield {"meeting_id": meeting.pk}, meeting
        return
    if "agenda_id" in params:
        for item in AgendaItem.objects.filter(positions__isnull=False).distinct():
            yield {"agenda_id": item.pk}, item
        return
    if "dataset" in params:  # the ecosystem's endpoints: every list, one list, no such list
        for dataset in ("default", "un", "no-such-list"):
            yield {"dataset": dataset}, None
        return
    if "entity_id" in params:
        for entity in ("un-KPi.901", "un-no-such-entry"):
            yield {"entity_id": entity}, None
        return
    for obj in _pk_for(name):
        yield {"pk": obj.pk}, obj


def _longest_word(text: str) -> str:
    """The longest word of a text (punctuation stripped): a distinctive search term."""
    words = ["".join(ch for ch in word if ch.isalnum()) for word in text.split()]
    return max(words, key=len, default="")


def _restricted_texts() -> Iterator[str]:
    """Texts some users may not see: side-only notes and engagements, draft positions,
    classified decisions (both languages)."""
    for note in Note.objects.filter(visibility=Visibility.SIDE):
        yield note.body
    for position in Position.objects.filter(status="draft"):
        yield from (position.stance_ko, position.stance_en)
    for engagement in Engagement.objects.filter(visibility=Visibility.SIDE):
        yield from (engagement.summary_ko, engagement.summary_en)
    for decision in Decision.objects.filter(classification__gt=0):
        yield from (decision.text_ko, decision.text_en)


def _query_strings(name: str) -> list[str]:
    """Query strings that change what a page lists: searches for words of texts hidden
    from some users, and the side and status filters of the action-item list and CSV."""
    if name == "search:index":
        terms = {_longest_word(text) for text in _restricted_texts()} - {""}
        return [urlencode({"q": term}) for term in sorted(terms)]
    if name in {"actionitems:list", "exports:action_items_csv", "api:action_items"}:
        return [urlencode({"status": "open", "side": side}) for side in ("ROK", "US")]
    if name == "api:positions":  # each item's positions, of both sides
        items = AgendaItem.objects.filter(positions__isnull=False).distinct()
        return [urlencode({"agenda_item": item.pk}) for item in items]
    if name == "api:decisions":
        return [urlencode({"meeting": m.pk}) for m in Meeting.objects.all()[:3]]
    return []


@dataclass(frozen=True)
class DeskUrl:
    """One concrete URL of the desk and the record it points at (None for list pages)."""

    name: str
    url: str
    target: Any


def desk_urls() -> list[DeskUrl]:
    """Every URL pattern of the desk, arguments filled from the database."""
    urls = []
    for name, pattern in _patterns(get_resolver()):
        if name in SKIP_NAMESPACES:
            continue
        params = list(pattern.pattern.regex.groupindex)
        for kwargs, target in _arguments(name, params):
            url = reverse(name, kwargs=kwargs)
            urls.append(DeskUrl(name, url, target))
            urls += [DeskUrl(name, f"{url}?{query}", target) for query in _query_strings(name)]
    return urls
