"""What the dashboard shows a member, every list read through the policy."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.functions import Substr
from django.utils import timezone

from wgdesk.web import policy
from wgdesk.web.actionitems.models import OPEN_STATUSES, ActionItem
from wgdesk.web.core.bilingual import STALE_CHOICES, BilingualValue, bilingual_fields, stale_q
from wgdesk.web.core.translations import heading_pair, tracked_models
from wgdesk.web.core.withdrawal import live
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.models import Minutes, MinutesStatus
from wgdesk.web.search.present import KIND_LABELS

# How much of a record's heading the stale list reads (the rest is on its page).
HEADING_CHARS = 120
STALE_LABELS = dict(STALE_CHOICES)


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


@dataclass(frozen=True)
class StaleRecord:
    """One row of the stale-translations list: what to call it, where it is, what lags."""

    kind: str  # "app.Model"
    pk: Any
    heading: BilingualValue
    url: str
    stale: str  # the first stale pair's marker: KO or EN

    @property
    def kind_label(self) -> Any:
        """The kind of record in the reader's language."""
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def stale_label(self) -> Any:
        """Which language needs an update, in the reader's language."""
        return STALE_LABELS.get(self.stale, "")


def _columns(model: type[models.Model]) -> list[str]:
    """The columns a stale row is read with: the stale markers, and the keys its page's
    address is built from (the record's relations' ids). Never the texts themselves, a
    report or a file: the heading is read cut short, as an annotation."""
    markers = [f"{name}_stale" for name in bilingual_fields(model)]
    keys = [f.name for f in model._meta.concrete_fields if f.is_relation]
    return markers + keys


def _stale(user: Any, model: type[models.Model]) -> models.QuerySet[Any]:
    """Rows of one model the member may see with a stale translation (withdrawn records
    are kept as they were: nothing to translate), read with only what the list shows."""
    pair = heading_pair(model)
    return (
        live(policy.visible(user, model))
        .filter(stale_q(model))
        .only(*_columns(model))
        .annotate(
            _heading_ko=Substr(f"{pair}_ko", 1, HEADING_CHARS),
            _heading_en=Substr(f"{pair}_en", 1, HEADING_CHARS),
        )
    )


def _record(obj: Any) -> StaleRecord:
    """A loaded stale row as the list shows it."""
    markers = (getattr(obj, f"{name}_stale") for name in bilingual_fields(obj))
    return StaleRecord(
        kind=obj._meta.label,
        pk=obj.pk,
        heading=BilingualValue(obj._heading_ko, obj._heading_en, ""),
        url=obj.get_absolute_url(),
        stale=next((m for m in markers if m), ""),
    )


@functools.cache
def _stale_models_sql(alias: str) -> tuple[str, tuple[Any, ...]]:
    """SQL (compiled once per process and database) of the index in ``stale_models()`` of
    every model that has a stale row: a UNION of their stale-marker columns. It involves
    no user, so it is the same for every request."""
    flags = [
        model._default_manager.using(alias)
        .filter(stale_q(model))
        .order_by()
        .values_list(models.Value(n, models.IntegerField()))
        for n, model in enumerate(stale_models())
    ]
    sql, params = flags[0].union(*flags[1:]).query.sql_with_params()
    return sql, tuple(params)


def stale_models() -> tuple[type[models.Model], ...]:
    """The kinds of record the list covers: every tracked bilingual record (one registry,
    derived from the models: core.translations)."""
    return tracked_models()


def stale_translations(user: Any, limit: int = 20) -> list[StaleRecord]:
    """Records the member may see where one language lags behind the other.

    Stale records are rare, so one cheap query first asks which models have any stale row
    at all (without the policy: it decides only which policy-filtered queries run, and is
    never shown). Only those models are then read through the policy, in the same order
    and limit as reading them all: one query per kind that has stale rows, however many."""
    sql, params = _stale_models_sql(DEFAULT_DB_ALIAS)
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, params)
        with_stale = {row[0] for row in cursor.fetchall()}
    found: list[StaleRecord] = []
    for n, model in enumerate(stale_models()):
        if n in with_stale and len(found) < limit:
            found.extend(_record(obj) for obj in _stale(user, model)[: limit - len(found)])
    return found
