"""Turn policy-checked search matches into what the results page shows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from wgdesk.web import policy
from wgdesk.web.search.highlight import snippet
from wgdesk.web.search.models import SearchDocument
from wgdesk.web.search.queries import ATTACHED_KINDS

KIND_LABELS: dict[str, Any] = {
    "agenda.Track": _("Track"),
    "agenda.AgendaItem": _("Agenda item"),
    "meetings.Meeting": _("Meeting"),
    "minutes.Minutes": _("Minutes"),
    "decisions.Decision": _("Decision"),
    "actionitems.ActionItem": _("Action item"),
    "positions.Position": _("Position"),
    "engagements.Engagement": _("Engagement"),
    "notes.Note": _("Note"),
    "attachments.Attachment": _("File"),
    "groups.Member": _("Member"),
    "sanctions.ProjectReview": _("Sanctions review"),
    "projects.Project": _("Cooperation project"),
    "projects.SideReview": _("Side's review of a project"),
}
# Where the snippet of each column comes from, with its HTML language tag.
COLUMNS = (("ko", "ko"), ("en", "en"), ("other", ""))


@dataclass
class Hit:
    """One search result as the page shows it."""

    kind: str
    heading: str
    url: str | None
    snippets: list[tuple[str, SafeString]]
    side_only: bool
    classification: str

    @property
    def kind_label(self) -> Any:
        """The translated name of the kind of record."""
        return KIND_LABELS.get(self.kind, self.kind)


def _attached_target(obj: Any, viewable: set[tuple[str, Any]]) -> tuple[str, str | None]:
    """Heading and link of a note or file: its record's, only if the user may see that too."""
    target = obj.target
    if target is None or (target._meta.label, target.pk) not in viewable:
        return str(obj)[:80], None
    return str(target)[:120], _url_of(target)


def _viewable_targets(user: Any, records: Sequence[Any]) -> set[tuple[str, Any]]:
    """(label, pk) of the records that notes and files hang on and the user may see: one
    policy query per kind of record instead of one per result."""
    wanted: dict[type[models.Model], set[Any]] = {}
    for obj in records:
        target = getattr(obj, "target", None) if obj._meta.label in ATTACHED_KINDS else None
        if target is not None:
            wanted.setdefault(type(target), set()).add(target.pk)
    return {
        (model._meta.label, pk)
        for model, pks in wanted.items()
        for pk in policy.visible(user, model).filter(pk__in=pks).values_list("pk", flat=True)
    }


def _url_of(obj: models.Model) -> str | None:
    """The page of a record, where it has one."""
    label = obj._meta.label
    if label == "agenda.Track":
        return f"{reverse('agenda:tracks')}#track-{obj.pk}"
    if label == "groups.Member":
        return reverse("groups:overview")
    getter = getattr(obj, "get_absolute_url", None)
    return getter() if getter else None


def _heading(obj: Any, viewable: set[tuple[str, Any]]) -> tuple[str, str | None]:
    """What a result is called and where it links."""
    label = obj._meta.label
    if label in ATTACHED_KINDS:
        return _attached_target(obj, viewable)
    if label == "positions.Position":
        return f"{obj.agenda_item} · {obj.side.label}", _url_of(obj)
    return str(obj)[:120], _url_of(obj)


def _snippets(document: SearchDocument, terms: Sequence[str]) -> list[tuple[str, SafeString]]:
    """Highlighted snippets of each language column that matched."""
    found = []
    for column, language in COLUMNS:
        marked = snippet(getattr(document, column), terms)
        if marked is not None:
            found.append((language, marked))
    return found


def _side_only(obj: Any) -> bool:
    """True for records the other side cannot see: side-only visibility or a draft position."""
    if getattr(obj, "visibility", "") == "side":
        return True
    return obj._meta.label == "positions.Position" and obj.status == "draft"


def hits(
    user: Any,
    documents: Sequence[SearchDocument],
    records: dict[tuple[str, int], Any],
    terms: Sequence[str],
) -> list[Hit]:
    """Build the results of one page; rows whose record vanished meanwhile are dropped."""
    shown = []
    viewable = _viewable_targets(user, list(records.values()))
    for document in documents:
        obj = records.get((document.kind, document.object_id))
        if obj is None:
            continue
        heading, url = _heading(obj, viewable)
        level = obj.get_classification_display() if getattr(obj, "classification", 0) else ""
        shown.append(
            Hit(document.kind, heading, url, _snippets(document, terms), _side_only(obj), level)
        )
    return shown
