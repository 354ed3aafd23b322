"""The policy module: who sees and changes what."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured

from wgdesk.web import policy
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.groups import actions as group_actions
from wgdesk.web.groups.models import Invitation, Member
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notes import actions as note_actions
from wgdesk.web.notes.models import Note
from wgdesk.web.policy.scopes import SCOPES
from wgdesk.web.positions.models import Position, PositionRevision

pytestmark = pytest.mark.django_db
FEATURE_APPS = [c for c in apps.get_app_configs() if c.name.startswith("wgdesk.web.")]


def test_every_model_of_the_desk_has_a_scope() -> None:
    missing = [
        m._meta.label
        for config in FEATURE_APPS
        for m in config.get_models()
        if m._meta.label not in SCOPES and config.label not in {"accounts"}
    ]
    assert missing == []


def test_a_model_without_scope_fails_closed(users: dict[str, Any]) -> None:
    with pytest.raises(ImproperlyConfigured):
        policy.visible(users["lee.dohoon"], Session.objects.all())


def test_anonymous_and_seatless_users_see_nothing(users: dict[str, Any]) -> None:
    assert not policy.visible(AnonymousUser(), Note).exists()
    seatless = type(users["lee.dohoon"]).objects.create_user("nobody", password="x" * 14)
    assert not policy.visible(seatless, Member).exists()


def test_side_only_notes_stay_with_their_side(users: dict[str, Any]) -> None:
    rok_only = Note.objects.get(body__startswith="미국 측은")
    us_only = Note.objects.get(body__startswith="Seoul is keen")
    rok, us = users["rok.delegate"], users["us.delegate"]
    assert policy.can_view(rok, rok_only) and not policy.can_view(us, rok_only)
    assert policy.can_view(us, us_only) and not policy.can_view(rok, us_only)
    assert rok_only not in policy.visible(us, Note) and us_only not in policy.visible(rok, Note)


def test_shared_notes_reach_both_sides(users: dict[str, Any]) -> None:
    shared = Note.objects.filter(visibility="shared")
    assert shared.count() == 2
    for name in ("rok.observer", "us.observer", "lee.dohoon", "stephen.biegun"):
        assert set(policy.visible(users[name], shared)) == set(shared)


def test_clearance_below_classification_hides_own_sides_record(users: dict[str, Any]) -> None:
    restricted = Note.objects.get(body__startswith="미국 측은")  # Restricted, ROK only
    assert restricted.classification == 1
    assert not policy.can_view(users["rok.observer"], restricted)  # clearance 0
    assert policy.can_view(users["rok.liaison"], restricted)  # clearance 1


def test_draft_position_is_side_only_until_shared(users: dict[str, Any]) -> None:
    draft = Position.objects.get(side__code="US", agenda_item__title_en__startswith="Video")
    assert draft.status == "draft"
    assert not policy.can_view(users["lee.dohoon"], draft)
    assert policy.can_view(users["stephen.biegun"], draft)
    history = PositionRevision.objects.filter(position=draft)
    assert not policy.visible(users["lee.dohoon"], history).exists()


def test_shared_position_history_shows_only_shared_revisions(users: dict[str, Any]) -> None:
    position = Position.objects.get(side__code="US", agenda_item__title_en__startswith="Ground")
    assert policy.can_view(users["rok.delegate"], position)
    shown = policy.visible(
        users["rok.delegate"], PositionRevision.objects.filter(position=position)
    )
    assert shown.exists() and all(r.shared for r in shown)


def test_other_side_can_read_but_never_edit_shared_records(users: dict[str, Any]) -> None:
    position = Position.objects.get(side__code="US", agenda_item__title_en__startswith="Ground")
    assert policy.can_edit(users["stephen.biegun"], position)
    assert not policy.can_edit(users["lee.dohoon"], position)
    engagement = Engagement.objects.filter(side__code="US", visibility="shared").first()
    assert engagement is not None
    assert not policy.can_edit(users["rok.delegate"], engagement)


def test_observers_change_nothing(users: dict[str, Any]) -> None:
    observer = users["rok.observer"]
    for model in (Note, Minutes, Member):
        for obj in policy.visible(observer, model)[:3]:
            assert not policy.can_edit(observer, obj)
    assert not policy.can(observer, policy.Cap.EDIT)


def test_locked_minutes_cannot_be_edited_and_only_co_chairs_approve(users: dict[str, Any]) -> None:
    locked = Minutes.objects.get(status="locked")
    submitted = Minutes.objects.get(status="submitted")
    assert not policy.can_edit(users["rok.secretariat"], locked)
    assert not policy.can_approve(users["us.delegate"], submitted)
    assert not policy.can_approve(users["lee.dohoon"], submitted)  # ROK already approved
    assert policy.can_approve(users["stephen.biegun"], submitted)
    assert not policy.can_approve(users["stephen.biegun"], locked)


def test_invitations_are_seen_by_steering_roles_of_their_side(users: dict[str, Any]) -> None:
    invitation = group_actions.invite(users["lee.dohoon"], None, "delegate", 1, "a@example.org")
    assert policy.can_view(users["rok.secretariat"], invitation)
    assert not policy.can_view(users["rok.delegate"], invitation)
    assert not policy.can_view(users["stephen.biegun"], invitation)
    assert policy.visible(users["us.secretariat"], Invitation).count() == 0


def test_notes_on_side_only_records_inherit_side_only(users: dict[str, Any]) -> None:
    draft = Position.objects.get(side__code="US", agenda_item__title_en__startswith="Video")
    note = note_actions.add_note(users["us.delegate"], draft, "try to share", "shared", 0)
    assert note.visibility == "side"
    assert note.classification >= draft.classification
    assert not policy.can_view(users["rok.delegate"], note)


def test_audit_events_about_side_only_records_stay_with_that_side(users: dict[str, Any]) -> None:
    note = Note.objects.get(body__startswith="미국 측은")
    events = AuditEvent.objects.filter(object_type="notes.Note", object_id=str(note.pk))
    assert events.exists()
    assert policy.visible(users["lee.dohoon"], events).exists()
    assert not policy.visible(users["stephen.biegun"], events).exists()
    assert not policy.visible(users["rok.delegate"], events).exists()  # not a steering role


def test_rows_read_through_the_policy_are_known_visible_to_that_member_only(
    users: dict[str, Any], django_assert_num_queries: Any
) -> None:
    rok, us = users["rok.delegate"], users["us.delegate"]
    rok_only = Note.objects.filter(side__code="ROK", visibility="side").first()
    note = policy.get_visible_or_404(rok, Note, pk=rok_only.pk)
    listed = policy.visible_list(rok, Note.objects.filter(pk=rok_only.pk))
    first = policy.first_visible(rok, Note.objects.filter(pk=rok_only.pk))
    with django_assert_num_queries(0):
        assert all(policy.can_view(rok, obj) for obj in (note, listed[0], first))
        assert policy.can_edit(rok, note)
    # The mark is the reading member: any other user is asked of the database as before,
    # the other side is refused, and so is a fresh instance of the same account.
    for obj in (note, listed[0], first):
        with django_assert_num_queries(1):
            assert not policy.can_view(us, obj)
        assert not policy.can_edit(us, obj)
    fresh = get_user_model().objects.select_related("member").get(pk=rok.pk)
    with django_assert_num_queries(1):
        assert policy.can_view(fresh, note)
    assert policy.visible_list(us, Note.objects.filter(pk=rok_only.pk)) == []
    assert policy.first_visible(us, Note.objects.filter(pk=rok_only.pk)) is None


def test_migrations_are_committed_and_up_to_date() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
