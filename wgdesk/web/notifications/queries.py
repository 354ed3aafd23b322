"""Who gets told what: recipients and the records each may be told about, via the policy."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from wgdesk.web import policy
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.dashboard.queries import minutes_awaiting_my_side, my_open_actions
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notifications.models import Preference


def preference_of(user: Any) -> Preference | None:
    """The user's stored email preferences, if they chose any."""
    return Preference.objects.filter(user=user).first()


def language_of(user: Any) -> str:
    """The language a user reads email in: their choice, else the desk's default."""
    preference = preference_of(user)
    return preference.language if preference else settings.LANGUAGE_CODE


def reachable(user: Any) -> bool:
    """True for an active user with a seat, an address, and email not switched off."""
    if policy.member_of(user) is None or not user.email:
        return False
    return not Preference.objects.filter(user=user, email_enabled=False).exists()


def recipients(group_id: int | None = None) -> QuerySet[Any]:
    """Users holding a seat (optionally in one group) who have an email address."""
    users = get_user_model().objects.filter(is_active=True, member__isnull=False)
    if group_id is not None:
        users = users.filter(member__working_group_id=group_id)
    return users.exclude(email="").select_related("member")


def approvers_awaited(minutes: Minutes) -> list[Any]:
    """Users who may approve these submitted minutes for a side that has not approved yet."""
    group = minutes.meeting.series.working_group_id
    return [u for u in recipients(group) if reachable(u) and policy.can_approve(u, minutes)]


def minutes_readers(minutes: Minutes) -> list[Any]:
    """Reachable users of either side who may read these minutes (clearance respected)."""
    group = minutes.meeting.series.working_group_id
    return [u for u in recipients(group) if reachable(u) and policy.can_view(u, minutes)]


def meeting_readers(meeting: Any) -> list[Any]:
    """Reachable users of either side who may see this meeting."""
    group = meeting.series.working_group_id
    return [u for u in recipients(group) if reachable(u) and policy.can_view(u, meeting)]


STEERING_ROLES = ("co_chair", "secretariat")


def steering_readers(record: Any) -> list[Any]:
    """Reachable co-chairs and secretariat members of either side who may see a record."""
    return [
        u
        for u in recipients(record.working_group_id)
        if u.member.role in STEERING_ROLES and reachable(u) and policy.can_view(u, record)
    ]


def approvals_expiring(user: Any, today: date) -> list[Any]:
    """Committee approvals about to run out, for the co-chairs and secretariat who may see
    them (within ``project_expiry_days``, or already past while the project is open)."""
    from wgdesk.web.dashboard.queries import expiring_approvals

    member = policy.member_of(user)
    if member is None or member.role not in STEERING_ROLES:
        return []
    return list(expiring_approvals(user, today))


def due_actions(user: Any, today: date, lead_days: int) -> QuerySet[ActionItem]:
    """The user's open action items due within the lead time, or overdue."""
    return my_open_actions(user).filter(due_on__lte=today + timedelta(days=lead_days))


def minutes_to_approve(user: Any) -> QuerySet[Minutes]:
    """Submitted minutes awaiting the user's side, if the user is the one who approves."""
    if not policy.can(user, policy.Cap.APPROVE_MINUTES):
        return Minutes.objects.none()
    return minutes_awaiting_my_side(user)
