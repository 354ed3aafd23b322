"""The one access policy of the desk.

Every view, query, search, export, feed, notification and admin page reads records
through ``visible`` (querysets) or ``can_view``/``can_edit``/``can_approve`` (objects).
What a member sees depends on their working group, side, role and clearance, and on
whether a side-owned record is shared. Rules per model live in ``scopes.py``; what each
role may do lives in ``capabilities.py``.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import models
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from django.http import Http404

from wgdesk.web.policy.capabilities import ROLE_CAPS, Cap
from wgdesk.web.policy.scopes import ATTACHABLE, SCOPES, Scope

__all__ = [
    "Cap",
    "can",
    "can_administer",
    "can_amend",
    "can_approve",
    "can_edit",
    "can_list",
    "can_take_step",
    "can_view",
    "can_withdraw",
    "first_visible",
    "get_editable_or_404",
    "get_visible_or_404",
    "guarded_kinds",
    "member_of",
    "require",
    "visible",
    "visible_list",
]

M = TypeVar("M", bound=models.Model)


def member_of(user: Any) -> Any:
    """Return the user's Member seat, or None for anonymous users and accounts without one."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    try:
        return user.member
    except Exception:  # RelatedObjectDoesNotExist: an account with no seat sees nothing.
        return None


def scope_of(model: type[models.Model]) -> Scope:
    """Return a model's scope; an unlisted model is a configuration error (fail closed)."""
    scope = SCOPES.get(model._meta.label)
    if scope is None:
        raise ImproperlyConfigured(f"{model._meta.label} has no access scope in policy.scopes")
    return scope


def _condition(member: Any, scope: Scope) -> Q:
    """Return the filter of rows of one scope that a member may see."""
    if member.role not in scope.roles:
        return Q(pk__in=[])
    condition = Q(**{scope.group: member.working_group_id})
    if scope.classification:
        condition &= Q(**{f"{scope.classification}__lte": member.clearance})
    if scope.side:
        own = Q(**{scope.side: member.side_id})
        condition &= own | scope.shared if scope.shared is not None else own
    if scope.attached:
        condition &= _on_visible_target(member)
    if scope.about_record:
        condition &= _about_visible_record(member)
    return condition


def guarded_kinds() -> list[str]:
    """Kinds of record whose rows some members of the group may not see: side-owned or
    classified ones (the audit trail must not reveal that such a row exists)."""
    return [
        label
        for label, scope in SCOPES.items()
        if (scope.side or scope.classification) and not scope.about_record and scope.group
    ]


def _about_visible_record(member: Any) -> Q:
    """Audit events about a record of a guarded kind only while the member may see it
    (asked when read, like notes and files, so nothing can go stale)."""
    kinds = guarded_kinds()
    condition = ~Q(object_type__in=kinds)
    for label in kinds:
        model = apps.get_model(label)
        rows = model._default_manager.filter(_condition(member, scope_of(model)))
        ids = rows.annotate(audit_key=Cast("pk", CharField())).values("audit_key")
        condition |= Q(object_type=label, object_id__in=ids)
    return condition


def _on_visible_target(member: Any) -> Q:
    """Rows hung on a record the member may see, computed when read (never stale).

    A note or file stores its scope when it is created; its record may be narrowed later
    (made side-only, classified higher, unshared). Asking for the record's visibility at
    read time means nothing attached can outlive the record's scope.
    """
    condition = Q(pk__in=[])
    for label in ATTACHABLE:
        model = apps.get_model(label)
        ids = model._default_manager.filter(_condition(member, scope_of(model))).values("pk")
        app_label, model_name = label.lower().split(".")
        condition |= Q(
            target_type__app_label=app_label, target_type__model=model_name, target_id__in=ids
        )
    return condition


def visible(user: Any, queryset: QuerySet[M] | type[M]) -> QuerySet[M]:
    """Return the rows of a queryset (or a model's manager) that the user may see."""
    rows: QuerySet[M] = (
        queryset._default_manager.all() if isinstance(queryset, type) else queryset.all()
    )
    scope = scope_of(rows.model)
    member = member_of(user)
    if member is None:
        return rows.none()
    return rows.filter(_condition(member, scope))


# Rows read through the policy are marked with the Member they were read for (the very
# object of this request's user, so the mark means nothing for any other user or request).
# can_view answers such a row from the mark instead of asking the database again whether
# the row it just selected with the same filter is visible.
_SEEN = "_policy_seen_by"


def _seen(member: Any, rows: list[M]) -> list[M]:
    """Mark rows just read through ``visible`` for this member."""
    for obj in rows:
        obj.__dict__[_SEEN] = member
    return rows


def visible_list(user: Any, queryset: QuerySet[M] | type[M]) -> list[M]:
    """The rows ``visible`` returns, as a list whose rows ``can_view``/``can_edit`` then
    check without another query (for records shown with per-row actions)."""
    return _seen(member_of(user), list(visible(user, queryset)))


def first_visible(user: Any, queryset: QuerySet[M] | type[M]) -> M | None:
    """The first visible row (as ``visible(...).first()``), marked as in ``visible_list``."""
    obj = visible(user, queryset).first()
    return None if obj is None else _seen(member_of(user), [obj])[0]


def can_list(user: Any, model: type[models.Model]) -> bool:
    """True when the user's role may read rows of this model at all (e.g. invitations)."""
    member = member_of(user)
    return member is not None and member.role in scope_of(model).roles


def can_view(user: Any, obj: models.Model) -> bool:
    """True when the object is among the rows the user may see (the same rule as visible):
    known for a row read through the policy for this user in this request, else asked."""
    member = member_of(user)
    if member is not None and obj.__dict__.get(_SEEN) is member:
        return True
    return visible(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def can(user: Any, capability: Cap) -> bool:
    """True when the user's role grants a capability."""
    member = member_of(user)
    return member is not None and capability in ROLE_CAPS.get(member.role, frozenset())


def require(user: Any, capability: Cap) -> None:
    """Raise PermissionDenied unless the user's role grants the capability."""
    if not can(user, capability):
        raise PermissionDenied


def _edit_capability(obj: models.Model) -> Cap:
    """Return the capability needed to change a kind of record."""
    label = obj._meta.label
    if label.startswith(("meetings.", "minutes.")):
        return Cap.MANAGE_MEETINGS
    if label.startswith("groups."):
        return Cap.INVITE
    return Cap.EDIT


def _record_editable(obj: models.Model) -> bool:
    """Records frozen by their own state: locked minutes and what they record (a meeting,
    its agenda, attendance and decisions), approvals, history and audit. Action items of a
    locked meeting stay editable for their status only (the actions enforce that)."""
    from wgdesk.web.minutes import freeze  # the minutes app's models load after the policy

    label = obj._meta.label
    if getattr(obj, "withdrawn_at", None) is not None:
        return False  # a withdrawn record is kept as it was
    if label == "meetings.Meeting" and getattr(obj, "status", "") == "cancelled":
        return False  # a cancelled meeting is kept as it was called off
    if label == "minutes.Minutes":
        return getattr(obj, "status", "") == "draft"
    if label == "projects.Project":  # its file changes only until the joint decision
        return getattr(obj, "status", "") in ("draft", "submitted")
    if label == "projects.SideReview":  # a shared review is final
        return getattr(obj, "visibility", "") == "side"
    if label in freeze.MEETING_OF and label != "actionitems.ActionItem":
        return not freeze.is_frozen(getattr(obj, freeze.MEETING_OF[label]))
    return label not in {
        "minutes.MinutesRevision",
        "minutes.MinutesApproval",
        "minutes.Amendment",
        "positions.PositionRevision",
        "positions.AlignmentChange",
        "audit.AuditEvent",
        "projects.ProjectVersion",
        "projects.ProjectEvent",
        "projects.Shipment",
        "projects.ProjectFlag",
        "projects.ReviewFlag",
    }


def can_edit(user: Any, obj: models.Model) -> bool:
    """True when the user may change the object: visible, role allows, own side's, not frozen."""
    member = member_of(user)
    if member is None or not can(user, _edit_capability(obj)) or not _record_editable(obj):
        return False
    scope = scope_of(type(obj))
    if scope.side and _owning_side_id(obj, scope.side) != member.side_id:
        return False  # the other side may read a shared record, never change it
    return can_view(user, obj)


def _owning_side_id(obj: models.Model, lookup: str) -> Any:
    """Follow a side lookup (e.g. "position__side") on an object to the side's id."""
    value: Any = obj
    parts = lookup.split("__")
    for part in parts[:-1]:
        value = getattr(value, part)
    last = parts[-1]
    return getattr(value, last if last.endswith("_id") else f"{last}_id")


def can_withdraw(user: Any, obj: models.Model) -> bool:
    """True when the user may withdraw the record: a kind that can be withdrawn, not yet
    withdrawn, and one the user may change (own side's, visible, not frozen)."""
    from wgdesk.web.core.withdrawal import is_withdrawable

    return is_withdrawable(obj) and can_edit(user, obj)


def can_approve(user: Any, minutes: models.Model) -> bool:
    """True when a co-chair may approve submitted minutes for a side that has not yet."""
    member = member_of(user)
    if member is None or not can(user, Cap.APPROVE_MINUTES):
        return False
    if getattr(minutes, "status", "") != "submitted" or not can_view(user, minutes):
        return False
    approvals = minutes.approvals  # type: ignore[attr-defined]
    return not approvals.filter(side_id=member.side_id).exists()


def can_amend(user: Any, minutes: models.Model) -> bool:
    """True when a member who may act at all (not an observer) may read locked minutes:
    anyone of either side may propose an amendment to them."""
    member = member_of(user)
    if member is None or not ROLE_CAPS.get(member.role):
        return False
    return getattr(minutes, "status", "") == "locked" and can_view(user, minutes)


def can_take_step(user: Any, project: models.Model, step: str) -> bool:
    """True when the user's role and side may take a workflow step of a visible project:
    the step's capability, and the project's own side for the steps only it takes (the
    working group's joint steps are open to either side). Whether the project's state
    allows the step is the workflow's answer (projects/workflow.py), not the policy's."""
    from wgdesk.web.projects.workflow import TRANSITIONS, Step

    member = member_of(user)
    transition = TRANSITIONS[Step(step)]
    if member is None or not can(user, transition.capability):
        return False
    if transition.own_side_only and getattr(project, "side_id", None) != member.side_id:
        return False
    return can_view(user, project)


def can_administer(user: Any, target: Any, capability: Cap) -> bool:
    """True when the user's role grants an account capability (deactivating, resetting a
    second factor) and the target is another, still active member of the user's own side."""
    return _administers(user, target, capability) and target.deactivated_at is None


def can_reactivate(user: Any, target: Any) -> bool:
    """True when the user may deactivate members and the target is a deactivated member of
    the user's own side: whoever may end a seat may also restore it."""
    return _administers(user, target, Cap.DEACTIVATE_MEMBERS) and target.deactivated_at is not None


def _administers(user: Any, target: Any, capability: Cap) -> bool:
    """True when the user holds the capability and the target is another member of their side."""
    member = member_of(user)
    if member is None or not can(user, capability):
        return False
    return (
        target.working_group_id == member.working_group_id
        and target.side_id == member.side_id
        and target.pk != member.pk
    )


def get_visible_or_404(user: Any, model: type[M] | QuerySet[M], **lookup: Any) -> M:
    """Fetch one row the user may see; rows they may not see are reported as missing.
    ``model`` may be a queryset (e.g. with ``select_related``): the policy filters it."""
    rows = visible(user, model)
    try:
        obj = rows.get(**lookup)
    except rows.model.DoesNotExist:  # type: ignore[attr-defined]
        raise Http404 from None
    return _seen(member_of(user), [obj])[0]


def get_editable_or_404(user: Any, model: type[M], **lookup: Any) -> M:
    """Fetch one row the user may change: 404 if unseen, 403 if seen but not changeable."""
    obj = get_visible_or_404(user, model, **lookup)
    if not can_edit(user, obj):
        raise PermissionDenied
    return obj
