"""Notes and files never outlive their record's scope: narrowing a record narrows them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db import models

from wgdesk.web import policy
from wgdesk.web.attachments import actions as attachment_actions
from wgdesk.web.attachments.models import Attachment
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.engagements import actions as engagement_actions
from wgdesk.web.notes import actions as note_actions
from wgdesk.web.notes.models import Note
from wgdesk.web.policy.scopes import ATTACHABLE, SCOPES
from wgdesk.web.search import queries

pytestmark = pytest.mark.django_db


def _attach(user: Any, target: models.Model, marker: str) -> tuple[Note, Attachment]:
    """A shared, Unclassified note and file on a record, as wide as the record allows."""
    note = note_actions.add_note(user, target, f"note {marker}", "shared", 0)
    upload = attachment_actions.upload(
        user, target, f"{marker}.txt", marker.encode(), "text/plain", "shared", 0
    )
    return note, upload


def _leaks(users: dict[str, Any], target: models.Model, attached: tuple[Any, ...]) -> list[str]:
    """Who can still see something attached to a record they can no longer see."""
    leaks = []
    for name, user in users.items():
        if policy.can_view(user, target):
            continue
        for row in attached:
            if policy.can_view(user, row) or policy.visible(user, type(row)).filter(pk=row.pk):
                leaks.append(f"{name} sees {row._meta.label} {row.pk}")
    return leaks


def test_narrowed_engagement_hides_its_note_and_file_everywhere(
    users: dict[str, Any], client_for: Any
) -> None:
    """The probe's reproduction: shared Unclassified engagement made side-only and Secret."""
    chair = users["lee.dohoon"]
    entry = engagement_actions.EngagementEntry(
        counterpart=("상대", "Counterpart"),
        summary=("요약", "Summary"),
        held_on=date(2020, 1, 1),
        place=("서울", "Seoul"),
        visibility="shared",
        classification=0,
    )
    engagement = engagement_actions.log_engagement(chair, chair.member, entry)
    note, upload = _attach(chair, engagement, "zebracrossing")
    assert policy.can_view(users["us.delegate"], note)
    narrowed = engagement_actions.EngagementEntry(**{**entry.__dict__, "visibility": "side"})
    engagement_actions.edit_engagement(chair, engagement, narrowed)
    engagement.refresh_from_db()
    engagement_actions.edit_engagement(
        chair,
        engagement,
        engagement_actions.EngagementEntry(**{**narrowed.__dict__, "classification": 3}),
    )
    for name in ("us.delegate", "stephen.biegun", "rok.observer"):
        client = client_for(name)
        assert client.get(f"/engagements/{ref(engagement.pk)}/").status_code == 404
        assert client.get(f"/attachments/{ref(upload.pk)}/download/").status_code == 404
        assert "note zebracrossing" not in client.get("/search/?q=zebracrossing").content.decode()
        assert not queries.search(users[name], ["zebracrossing"]).documents
    assert (
        client_for("lee.dohoon").get(f"/attachments/{ref(upload.pk)}/download/").status_code == 200
    )


def _narrowings(label: str) -> list[tuple[str, Any]]:
    """Every way a record of this kind can be narrowed, read from its policy scope."""
    scope = SCOPES[label]
    ways: list[tuple[str, Any]] = []
    if scope.classification:
        ways += [(scope.classification, level) for level in (1, 2, 3)]
    if scope.shared is not None:
        (field_name, shared_value) = scope.shared.children[0]  # type: ignore[misc]
        model = apps.get_model(label)
        choices = model._meta.get_field(field_name).choices or []
        ways += [(field_name, value) for value, _ in choices if value != shared_value]
    return ways


def _widest_record(label: str, users: dict[str, Any]) -> tuple[Any, Any]:
    """A record of this kind as wide as it goes (shared, Unclassified) and a user owning it."""
    scope = SCOPES[label]
    model = apps.get_model(label)
    for record in model._default_manager.all():
        for user in users.values():
            if policy.can_edit(user, record) or (not scope.side and policy.can_view(user, record)):
                widen = {}
                if scope.classification:
                    widen[scope.classification] = 0
                if scope.shared is not None:
                    field_name, value = scope.shared.children[0]  # type: ignore[misc]
                    widen[field_name] = value
                model._default_manager.filter(pk=record.pk).update(**widen)
                record.refresh_from_db()
                return record, user
    raise AssertionError(f"the demo has no {label} anybody may attach notes to")


@pytest.mark.parametrize("label", ATTACHABLE)
def test_narrowing_any_record_kind_narrows_what_is_attached(
    label: str, users: dict[str, Any]
) -> None:
    """Property: narrow any record kind any way; nothing attached stays visible to a reader
    who can no longer see the record (policy, can_view, search)."""
    record, owner = _widest_record(label, users)
    attached = _attach(owner, record, f"kind{label.replace('.', '')}")
    everyone = [u for u in users.values() if policy.member_of(u)]
    assert all(policy.can_view(u, attached[0]) for u in everyone if policy.can_view(u, record))
    model = type(record)
    for field_name, value in _narrowings(label):
        before = getattr(record, field_name)
        model._default_manager.filter(pk=record.pk).update(**{field_name: value})
        record.refresh_from_db()
        assert _leaks(users, record, attached) == [], (label, field_name, value)
        for name, user in users.items():
            if not policy.can_view(user, record):
                found = queries.search(user, [f"kind{label.replace('.', '')}"]).documents
                assert not found, (label, field_name, value, name)
        model._default_manager.filter(pk=record.pk).update(**{field_name: before})
        record.refresh_from_db()


def test_every_attachable_kind_with_a_scope_is_narrowed_by_the_property() -> None:
    """The property covers each kind's scope fields; kinds without any are group-wide."""
    for label in ATTACHABLE:
        scope = SCOPES[label]
        has_fields = bool(scope.classification or scope.shared is not None)
        assert bool(_narrowings(label)) == has_fields
