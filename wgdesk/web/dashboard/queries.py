"""What the dashboard shows a member, every list read through the policy."""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

from wgdesk.web import policy
from wgdesk.web.actionitems.models import OPEN_STATUSES, ActionItem
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.core.bilingual import stale_q
from wgdesk.web.core.withdrawal import live
from wgdesk.web.decisions.models import Decision
from wgdesk.web.engagements.models import Engagement
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.models import Minutes, MinutesStatus
from wgdesk.web.positions.models import Position

STALE_MODELS: tuple[type[models.Model], ...] = (
    AgendaItem,
    Meeting,
    Minutes,
    Decision,
    ActionItem,
    Position,
    Engagement,
)


def my_open_actions(user: Any) -> models.QuerySet[ActionItem]:
    """Open action items the member owns, soonest due first."""
    member = policy.member_of(user)
    return policy.visible(user, ActionItem).filter(owner=member, status__in=OPEN_STATUSES)


def meetings_to_prepare(user: Any) -> models.QuerySet[Meeting]:
    """Upcoming meetings, and past ones whose minutes are not yet locked."""
    since = timezone.now() - timedelta(days=1)
    pending = models.Q(starts_at__gte=since) | ~models.Q(minutes__status=MinutesStatus.LOCKED)
    return policy.visible(user, Meeting).filter(pending).order_by("starts_at")


def minutes_awaiting_my_side(user: Any) -> models.QuerySet[Minutes]:
    """Submitted minutes the member's side has not approved yet."""
    member = policy.member_of(user)
    if member is None:
        return Minutes.objects.none()
    return (
        policy.visible(user, Minutes)
        .filter(status=MinutesStatus.SUBMITTED)
        .exclude(approvals__side_id=member.side_id)
        .select_related("meeting")
    )


def expiring_approvals(user: Any, today: Any = None) -> models.QuerySet[Any]:
    """Approved projects whose exemption runs out within ``project_expiry_days`` (or has
    run out while the project is still open), soonest first."""
    from wgdesk import config
    from wgdesk.web.projects.models import Project
    from wgdesk.web.projects.workflow import State

    day = today or timezone.localdate()
    horizon = day + timedelta(days=config.get_int("project_expiry_days"))
    return (
        policy.visible(user, Project)
        .filter(status=State.APPROVED, expires_on__lte=horizon)
        .order_by("expires_on", "pk")
    )


def _stale(user: Any, model: type[models.Model]) -> models.QuerySet[Any]:
    """Rows of one model the member may see with a stale translation (withdrawn records
    are kept as they were: nothing to translate)."""
    return live(policy.visible(user, model)).filter(stale_q(model))


@functools.cache
def _stale_models_sql(alias: str) -> tuple[str, tuple[Any, ...]]:
    """SQL (compiled once per process and database) of the index in STALE_MODELS of every
    model that has a stale row: a UNION of their stale-marker columns. It involves no
    user, so it is the same for every request."""
    flags = [
        model._default_manager.using(alias)
        .filter(stale_q(model))
        .order_by()
        .values_list(models.Value(n, models.IntegerField()))
        for n, model in enumerate(STALE_MODELS)
    ]
    sql, params = flags[0].union(*flags[1:]).query.sql_with_params()
    return sql, tuple(params)


def stale_translations(user: Any, limit: int = 20) -> list[models.Model]:
    """Records the member may see where one language lags behind the other.

    Stale records are rare, so one cheap query first asks which models have any stale row
    at all (without the policy: it decides only which policy-filtered queries run, and is
    never shown). Only those models are then read through the policy, in the same order
    and limit as reading them all."""
    sql, params = _stale_models_sql(DEFAULT_DB_ALIAS)
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, params)
        with_stale = {row[0] for row in cursor.fetchall()}
    found: list[models.Model] = []
    for n, model in enumerate(STALE_MODELS):
        if n in with_stale and len(found) < limit:
            found.extend(_stale(user, model)[: limit - len(found)])
    return found
