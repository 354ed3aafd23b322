"""Assignments respect clearance and side: an owner must be able to see the item (11.4)."""

from __future__ import annotations

from typing import Any

import pytest

from wgdesk.web.actionitems import actions as action_actions
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.meetings.models import Meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting() -> Meeting:
    """A meeting whose minutes are not locked (locked ones freeze their action items)."""
    found = Meeting.objects.exclude(minutes__status="locked").first()
    assert found is not None
    return found


def _form(owner: Any, level: int, **extra: Any) -> dict[str, Any]:
    """The fields of the action item form."""
    return {
        "title_ko": "비밀 과제",
        "title_en": "Classified task",
        "agenda_item": "",
        "owner": owner.pk,
        "due_on": "2030-01-10",
        "classification": str(level),
        **extra,
    }


def test_a_secret_item_cannot_be_assigned_to_a_restricted_member(
    meeting: Meeting, users: dict[str, Any], client_for: Any
) -> None:
    owner = users["rok.liaison"].member
    assert owner.clearance < 3
    response = client_for("lee.dohoon").post(f"/action-items/new/{meeting.pk}/", _form(owner, 3))
    assert response.status_code == 400
    assert "is not cleared for Secret records" in response.content.decode()
    assert not ActionItem.objects.filter(title_en="Classified task").exists()
    with pytest.raises(action_actions.OwnerCannotSee):
        action_actions.add_action(
            users["lee.dohoon"], meeting, None, ("과제", "Task"), owner, meeting.starts_at.date(), 3
        )


def test_the_refusal_is_translated(
    meeting: Meeting, users: dict[str, Any], client_for: Any
) -> None:
    client = client_for("lee.dohoon")
    client.cookies["django_language"] = "ko"
    owner = users["rok.liaison"].member
    response = client.post(
        f"/action-items/new/{meeting.pk}/", _form(owner, 3), HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert response.status_code == 400
    assert "볼 수 없습니다" in response.content.decode()


def test_reassigning_checks_the_new_owner_against_the_items_marking(
    meeting: Meeting, users: dict[str, Any], client_for: Any
) -> None:
    lee = users["lee.dohoon"]
    action = action_actions.add_action(
        lee, meeting, None, ("과제", "Task"), lee.member, meeting.starts_at.date(), 2
    )
    low = users["rok.observer"].member  # an observer: never an owner
    liaison = users["rok.liaison"].member
    for owner in (low, liaison) if liaison.clearance < 2 else (low,):
        with pytest.raises(action_actions.OwnerCannotSee):
            action_actions.edit_action(
                lee, action, ("과제", "Task"), owner, action.due_on, action.status
            )
    # Through the form, the marking field cannot be lowered to let the owner in.
    data = _form(liaison, 0, status="open", title_ko="과제", title_en="Task")
    response = client_for("lee.dohoon").post(f"/action-items/{ref(action.pk)}/edit/", data)
    action.refresh_from_db()
    assert action.owner_id == lee.member.pk and action.classification == 2
    assert response.status_code == (400 if liaison.clearance < 2 else 302)


def test_an_owner_of_another_group_or_without_a_seat_is_refused(
    meeting: Meeting, users: dict[str, Any]
) -> None:
    lee, owner = users["lee.dohoon"], users["us.liaison"]
    owner.is_active = False  # a deactivated account keeps its member row, not its access
    owner.save()
    with pytest.raises(action_actions.OwnerCannotSee):
        action_actions.add_action(
            lee, meeting, None, ("과제", "Task"), owner.member, meeting.starts_at.date()
        )


def test_an_owner_cleared_for_the_item_gets_it(meeting: Meeting, users: dict[str, Any]) -> None:
    lee, owner = users["lee.dohoon"], users["us.delegate"].member
    action = action_actions.add_action(
        lee, meeting, None, ("과제", "Task"), owner, meeting.starts_at.date(), owner.clearance
    )
    assert action.owner_id == owner.pk and action.side_id == owner.side_id
