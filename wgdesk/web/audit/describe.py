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
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wgdesk.web import policy
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.groups.models import Member

# Every verb the desk records (a test checks each recorded verb is here).
VERBS: dict[str, Any] = {
    "accept": pgettext_lazy("audit", "accepted"),
    "api_token": pgettext_lazy("audit", "managed an API token"),
    "approve": pgettext_lazy("audit", "approved"),
    "attendance": pgettext_lazy("audit", "recorded attendance"),
    "change": pgettext_lazy("audit", "changed"),
    "confirm_translation": pgettext_lazy("audit", "confirmed a translation"),
    "create": pgettext_lazy("audit", "created"),
    "dispose": pgettext_lazy("audit", "recorded a disposition"),
    "download": pgettext_lazy("audit", "downloaded"),
    "enrol_totp": pgettext_lazy("audit", "enrolled two-factor sign-in"),
    "feed_token": pgettext_lazy("audit", "managed a calendar feed"),
    "lock": pgettext_lazy("audit", "locked"),
    "login": pgettext_lazy("audit", "signed in"),
    "logout": pgettext_lazy("audit", "signed out"),
    "remove_agenda_item": pgettext_lazy("audit", "removed an agenda item"),
    "reopen": pgettext_lazy("audit", "reopened"),
    "reorder": pgettext_lazy("audit", "reordered"),
    "review": pgettext_lazy("audit", "reviewed a project"),
    "revoke": pgettext_lazy("audit", "revoked"),
    "screen": pgettext_lazy("audit", "screened names"),
    "set_alignment": pgettext_lazy("audit", "set the alignment"),
    "share": pgettext_lazy("audit", "shared"),
    "submit": pgettext_lazy("audit", "submitted"),
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
    "minutes.Minutes": pgettext_lazy("record kind", "minutes"),
    "minutes.MinutesApproval": pgettext_lazy("record kind", "minutes approval"),
    "minutes.MinutesRevision": pgettext_lazy("record kind", "minutes revision"),
    "notes.Note": pgettext_lazy("record kind", "note"),
    "notifications.Preference": pgettext_lazy("record kind", "notification setting"),
    "notifications.SentNotification": pgettext_lazy("record kind", "sent notification"),
    "positions.AlignmentChange": pgettext_lazy("record kind", "alignment change"),
    "positions.Position": pgettext_lazy("record kind", "position"),
    "positions.PositionRevision": pgettext_lazy("record kind", "position revision"),
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
    verb: Any
    kind: Any
    title: str  # the record's title when the reader may see it, else ""
    url: str  # its page when the reader may see it and it has one, else ""


def _visible_records(user: Any, events: list[AuditEvent]) -> dict[tuple[str, str], Any]:
    """The events' records that the reader may see, by (object_type, object_id)."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        if event.object_type and event.object_id:
            wanted[event.object_type].add(event.object_id)
    found: dict[tuple[str, str], Any] = {}
    for label, ids in wanted.items():
        model = model_of(label)
        if model is None:
            continue
        try:
            rows = policy.visible(user, model).filter(pk__in=list(ids))
        except (ImproperlyConfigured, ValueError):
            continue  # a model outside the policy (or a malformed id): never shown
        for obj in rows:
            found[(label, str(obj.pk))] = obj
    return found


def actor_names(user: Any) -> dict[int, str]:
    """Display names of the reader's working group's members, by their account id."""
    return {m.user_id: str(m.name) for m in policy.visible(user, Member)}


def describe(user: Any, events: Iterable[AuditEvent]) -> list[Described]:
    """Describe events for a reader: names, translated words, records they may see."""
    rows = list(events)
    records = _visible_records(user, rows)
    names = actor_names(user)
    out = []
    for event in rows:
        obj = records.get((event.object_type, event.object_id))
        url = getattr(obj, "get_absolute_url", None)
        out.append(
            Described(
                event=event,
                actor=names.get(event.actor_id or 0, event.actor or "system"),
                verb=verb_label(event.verb),
                kind=kind_label(event.object_type),
                title=str(obj) if obj is not None else "",
                url=url() if callable(url) else "",
            )
        )
    return out
