"""Audit events as a reader sees them: who (display name), what (translated verb and kind of
record) and which record, linked and titled only when the reader may see that record.

An event says which record it concerns; the record's title is read through the policy,
so a classified or side-only record's title never reaches a reader who may not see it
(they get its kind and number, as the event itself carries).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import CharField, F, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, NullIf, Substr
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from wgdesk.web import policy
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core import opaque
from wgdesk.web.groups.models import Member

# Every verb the desk records (a test checks each recorded verb is here).
VERBS: dict[str, Any] = {
    "accept": pgettext_lazy("audit", "accepted"),
    "api_token": pgettext_lazy("audit", "managed an API token"),
    "amend": pgettext_lazy("audit", "amended"),
    "approve": pgettext_lazy("audit", "approved"),
    "attendance": pgettext_lazy("audit", "recorded attendance"),
    "change": pgettext_lazy("audit", "changed"),
    "confirm_translation": pgettext_lazy("audit", "confirmed a translation"),
    "committee": pgettext_lazy("audit", "recorded the Committee's decision"),
    "close": pgettext_lazy("audit", "closed"),
    "create": pgettext_lazy("audit", "created"),
    "decide": pgettext_lazy("audit", "recorded the joint decision"),
    "deactivate": pgettext_lazy("audit", "deactivated"),
    "reactivate": pgettext_lazy("audit", "reactivated"),
    "dispose": pgettext_lazy("audit", "recorded a disposition"),
    "download": pgettext_lazy("audit", "downloaded"),
    "email_change": pgettext_lazy("audit", "managed their email address"),
    "enrol_totp": pgettext_lazy("audit", "enrolled two-factor sign-in"),
    "cancel": pgettext_lazy("audit", "cancelled"),
    "feed_token": pgettext_lazy("audit", "managed a calendar feed"),
    "lock": pgettext_lazy("audit", "locked"),
    "login": pgettext_lazy("audit", "signed in"),
    "logout": pgettext_lazy("audit", "signed out"),
    "password_change": pgettext_lazy("audit", "changed their password"),
    "password_reset": pgettext_lazy("audit", "reset their password by email"),
    "postpone": pgettext_lazy("audit", "postponed"),
    "remove_agenda_item": pgettext_lazy("audit", "removed an agenda item"),
    "reset_totp": pgettext_lazy("audit", "reset the second factor"),
    "reopen": pgettext_lazy("audit", "reopened"),
    "reorder": pgettext_lazy("audit", "reordered"),
    "rescreen": pgettext_lazy("audit", "re-screened (a decision changed)"),
    "review": pgettext_lazy("audit", "reviewed a project"),
    "revoke": pgettext_lazy("audit", "revoked"),
    "screen": pgettext_lazy("audit", "screened names"),
    "sign_out_sessions": pgettext_lazy("audit", "signed out their other sessions"),
    "set_alignment": pgettext_lazy("audit", "set the alignment"),
    "share": pgettext_lazy("audit", "shared"),
    "ship": pgettext_lazy("audit", "recorded a shipment"),
    "submit": pgettext_lazy("audit", "submitted"),
    "withdraw": pgettext_lazy("audit", "withdrew"),
    "to_committee": pgettext_lazy("audit", "recorded submission to the Committee"),
    "version": pgettext_lazy("audit", "saved a new version"),
}


# Kinds of record by model label, in the reader's language (the models carry no
# translated verbose names; a test checks every model of the policy is here).
KINDS: dict[str, Any] = {
    "actionitems.ActionItem": pgettext_lazy("record kind", "action item"),
    "agenda.AgendaItem": pgettext_lazy("record kind", "agenda item"),
    "agenda.Track": pgettext_lazy("record kind", "track"),
    "api.ApiToken": pgettext_lazy("record kind", "API token"),
    "attachments.Attachment": pgettext_lazy("record kind", "file"),
    "audit.AuditEvent": pgettext_lazy("record kind", "audit event"),
    "decisions.Decision": pgettext_lazy("record kind", "decision"),
    "dispositions.Disposition": pgettext_lazy("record kind", "disposition"),
    "engagements.Engagement": pgettext_lazy("record kind", "engagement"),
    "exports.FeedToken": pgettext_lazy("record kind", "calendar feed"),
    "groups.Invitation": pgettext_lazy("record kind", "invitation"),
    "groups.Member": pgettext_lazy("record kind", "member"),
    "groups.Ministry": pgettext_lazy("record kind", "ministry"),
    "groups.Side": pgettext_lazy("record kind", "side"),
    "groups.WorkingGroup": pgettext_lazy("record kind", "working group"),
    "meetings.AgendaEntry": pgettext_lazy("record kind", "meeting agenda entry"),
    "meetings.Attendance": pgettext_lazy("record kind", "attendance"),
    "meetings.Meeting": pgettext_lazy("record kind", "meeting"),
    "meetings.MeetingSeries": pgettext_lazy("record kind", "meeting series"),
    "minutes.Amendment": pgettext_lazy("record kind", "minutes amendment"),
    "minutes.Minutes": pgettext_lazy("record kind", "minutes"),
    "minutes.MinutesApproval": pgettext_lazy("record kind", "minutes approval"),
    "minutes.MinutesRevision": pgettext_lazy("record kind", "minutes revision"),
    "notes.Note": pgettext_lazy("record kind", "note"),
    "notifications.Preference": pgettext_lazy("record kind", "notification setting"),
    "notifications.SentNotification": pgettext_lazy("record kind", "sent notification"),
    "positions.AlignmentChange": pgettext_lazy("record kind", "alignment change"),
    "positions.Position": pgettext_lazy("record kind", "position"),
    "positions.PositionRevision": pgettext_lazy("record kind", "position revision"),
    "projects.Project": pgettext_lazy("record kind", "cooperation project"),
    "projects.ProjectEvent": pgettext_lazy("record kind", "project step"),
    "projects.ProjectFlag": pgettext_lazy("record kind", "re-screening flag"),
    "projects.ProjectVersion": pgettext_lazy("record kind", "project version"),
    "projects.ReviewFlag": pgettext_lazy("record kind", "re-screening flag on a saved review"),
    "projects.ScreeningState": pgettext_lazy("record kind", "last screening"),
    "projects.Shipment": pgettext_lazy("record kind", "shipment"),
    "projects.SideReview": pgettext_lazy("record kind", "side's review of a project"),
    "sanctions.ProjectReview": pgettext_lazy("record kind", "saved review"),
    "search.SearchDocument": pgettext_lazy("record kind", "search entry"),
}


def verb_label(verb: str) -> Any:
    """A verb in the page's language (an unknown one as recorded)."""
    return VERBS.get(verb, verb)


def model_of(label: str) -> type[models.Model] | None:
    """The model an event's object_type names, if it still exists."""
    try:
        return apps.get_model(label) if label else None
    except (LookupError, ValueError):
        return None


def kind_label(label: str) -> Any:
    """A kind of record in the page's language (an unknown one by its model's name)."""
    if label in KINDS:
        return KINDS[label]
    model = model_of(label)
    return model._meta.verbose_name if model is not None else (label or _("none"))


@dataclass(frozen=True)
class Described:
    """One event ready to show or export."""

    event: AuditEvent
    actor: str
    actor_side: str  # the actor's side's code (ROK, US), "" for the system or a stranger
    verb: Any
    kind: Any
    title: str  # the record's title when the reader may see it, else ""
    url: str  # its page when the reader may see it and it has one, else ""
    number: int  # the event's number among the events this reader may see (1 = oldest)
    record_ref: str  # the record's id as shown: opaque for side-owned or classified kinds


# What names a record in the trail (a short title) and which page shows it, per kind:
# (title field, bilingual?) and (URL name, field giving its argument).
TITLES: dict[str, tuple[str, bool]] = {
    "actionitems.ActionItem": ("title", True),
    "agenda.AgendaItem": ("title", True),
    "agenda.Track": ("title", True),
    "decisions.Decision": ("text", True),
    "engagements.Engagement": ("counterpart", True),
    "meetings.Meeting": ("title", True),
    "meetings.MeetingSeries": ("title", True),
    "groups.Member": ("name", True),
    "notes.Note": ("body", False),
    "sanctions.ProjectReview": ("title", True),
    "dispositions.Disposition": ("entry_name", False),
}
LINKS: dict[str, tuple[str, str]] = {
    "actionitems.ActionItem": ("actionitems:detail", "pk"),
    "agenda.AgendaItem": ("agenda:item", "pk"),
    "decisions.Decision": ("decisions:detail", "pk"),
    "engagements.Engagement": ("engagements:detail", "pk"),
    "meetings.Meeting": ("meetings:detail", "pk"),
    "minutes.Minutes": ("minutes:detail", "meeting_id"),
    "positions.Position": ("positions:item", "agenda_item_id"),
    "sanctions.ProjectReview": ("sanctions:detail", "pk"),
}
TITLE_LENGTH = 80


def _title(label: str) -> Any:
    """The expression of a kind's short title, in the page's language (else the other)."""
    field, bilingual = TITLES.get(label, ("", False))
    if not field:
        return Value("", output_field=CharField())
    if bilingual:
        lang = "ko" if (get_language() or "").startswith("ko") else "en"
        other = "en" if lang == "ko" else "ko"
        text: Any = Coalesce(NullIf(F(f"{field}_{lang}"), Value("")), F(f"{field}_{other}"))
    else:
        text = F(field)
    return Substr(Cast(text, CharField()), 1, TITLE_LENGTH)


def _visible_part(user: Any, label: str, ids: set[str]) -> QuerySet[Any] | None:
    """(kind, id, title, link argument) of the visible records of one kind among ids."""
    model = model_of(label)
    if model is None or (label not in TITLES and label not in LINKS):
        return None
    pks = [i for i in ids if i.isdigit()]
    try:
        rows = policy.visible(user, model).filter(pk__in=pks)
    except ImproperlyConfigured:
        return None  # a model outside the policy: never shown
    link_field = LINKS.get(label, ("", "pk"))[1]
    return (
        rows.order_by()
        .annotate(
            a_kind=Value(label, output_field=CharField()),
            a_id=Cast("pk", CharField()),
            a_title=_title(label),
            a_link=Cast(link_field, CharField()),
        )
        .values_list("a_kind", "a_id", "a_title", "a_link")
    )


def _visible_records(user: Any, events: list[AuditEvent]) -> dict[tuple[str, str], tuple[str, str]]:
    """Title and page of the events' records that the reader may see, by (kind, id): one
    query for all kinds (a union), so the page costs the same whatever the mix of events."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.object_type and event.object_id:
            wanted[event.object_type].add(event.object_id)
    found_parts = (_visible_part(user, k, ids) for k, ids in wanted.items())
    parts = [p for p in found_parts if p is not None]  # (never `if p`: that runs it)
    if not parts:
        return {}
    query = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    found = {}
    for kind, pk, title, link in query:
        url_name = LINKS.get(kind, ("", ""))[0]
        found[(kind, pk)] = (title or "", reverse(url_name, args=[link]) if url_name else "")
    return found


def display_numbers(user: Any, events: list[AuditEvent]) -> dict[int, int]:
    """Number events 1, 2, 3 … over the events this reader may see, oldest first: the
    chain's own ids count every event of the group, so their gaps would tell a reader
    how many events (and so records) are hidden from them. Two queries for any page."""
    if not events:
        return {}
    ids = [event.id for event in events]
    low, high = min(ids), max(ids)
    visible = policy.visible(user, AuditEvent).order_by()
    before = visible.filter(id__lt=low).count()
    span = visible.filter(id__gte=low, id__lte=high).order_by("id").values_list("id", flat=True)
    return {pk: before + n for n, pk in enumerate(span, start=1)}


def record_ref(label: str, object_id: str) -> str:
    """A record's id as the trail shows it: opaque (core/opaque.py) for kinds some members
    may not see, so the numbers reveal no hidden rows; as stored for the others."""
    if object_id.isdigit() and label in policy.guarded_kinds():
        return opaque.encode(int(object_id))
    return object_id


def actor_seats(user: Any) -> dict[int, tuple[str, str]]:
    """(display name, side code) of the reader's working group's members, by account id."""
    members = policy.visible(user, Member).select_related("side")
    return {m.user_id: (str(m.name), m.side.code) for m in members}


def describe(
    user: Any,
    events: Iterable[AuditEvent],
    seats: dict[int, tuple[str, str]] | None = None,
) -> list[Described]:
    """Describe events for a reader: names and sides, translated words, records they may see."""
    rows = list(events)
    records = _visible_records(user, rows)
    numbers = display_numbers(user, rows)
    seats = actor_seats(user) if seats is None else seats
    out = []
    for event in rows:
        title, url = records.get((event.object_type, event.object_id), ("", ""))
        name, side = seats.get(event.actor_id or 0, (event.actor or "system", ""))
        out.append(
            Described(
                event=event,
                actor=name,
                actor_side=side,
                verb=verb_label(event.verb),
                kind=kind_label(event.object_type),
                title=title,
                url=url,
                number=numbers.get(event.id, 0),
                record_ref=record_ref(event.object_type, event.object_id),
            )
        )
    return out
