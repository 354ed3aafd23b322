"""Where each model keeps the facts that decide who may see a row.

Every model of the desk is listed here. A model missing from this table cannot be read
through the policy at all (the policy fails closed), and a test checks the table covers
every model of the feature apps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from wgdesk.web.groups.models import Role

ANY_ROLE = frozenset(Role.values)
STEERING = frozenset({Role.CO_CHAIR, Role.SECRETARIAT})


@dataclass(frozen=True)
class Scope:
    """Lookups from a model to its working group, owning side, sharing and classification.

    ``side`` is set for side-owned records. Such a row is visible to its own side, and to
    the other side only when ``shared`` matches (no ``shared`` means never).
    """

    group: str
    side: str | None = None
    shared: Q | None = None
    classification: str | None = None
    roles: frozenset[str] = field(default=ANY_ROLE)
    # A note or file hung on another record: visible only while that record is too.
    attached: bool = False
    # An audit event: one about a side-owned or classified record is visible only while
    # that record is too (else the event would tell that a hidden record exists).
    about_record: bool = False


_SIDE_SHARED = Q(visibility="shared")

# The kinds of record a note or an attachment may be attached to.
ATTACHABLE = (
    "agenda.AgendaItem",
    "meetings.Meeting",
    "minutes.Minutes",
    "decisions.Decision",
    "actionitems.ActionItem",
    "positions.Position",
    "engagements.Engagement",
    "sanctions.ProjectReview",
    "projects.Project",
)
_MEETING = "meeting__series__working_group"

SCOPES: dict[str, Scope] = {
    "groups.WorkingGroup": Scope(group="id"),
    "groups.Side": Scope(group="working_group"),
    "groups.Ministry": Scope(group="side__working_group"),
    "groups.Member": Scope(group="working_group"),
    "groups.Invitation": Scope(group="working_group", side="side", roles=STEERING),
    "agenda.Track": Scope(group="working_group"),
    "agenda.AgendaItem": Scope(group="track__working_group"),
    "meetings.MeetingSeries": Scope(group="working_group"),
    "meetings.Meeting": Scope(group="series__working_group"),
    "meetings.AgendaEntry": Scope(group=_MEETING),
    "meetings.Attendance": Scope(group=_MEETING),
    "minutes.Minutes": Scope(group=_MEETING, classification="classification"),
    "minutes.MinutesRevision": Scope(
        group=f"minutes__{_MEETING}", classification="minutes__classification"
    ),
    "minutes.MinutesApproval": Scope(
        group=f"minutes__{_MEETING}", classification="minutes__classification"
    ),
    "minutes.Amendment": Scope(
        group=f"minutes__{_MEETING}", classification="minutes__classification"
    ),
    "decisions.Decision": Scope(group=_MEETING, classification="classification"),
    "actionitems.ActionItem": Scope(group="working_group", classification="classification"),
    "positions.Position": Scope(
        group="agenda_item__track__working_group",
        side="side",
        shared=Q(status="shared"),
        classification="classification",
    ),
    "positions.PositionRevision": Scope(
        group="position__agenda_item__track__working_group",
        side="position__side",
        shared=Q(shared=True),
        classification="classification",
    ),
    "positions.AlignmentChange": Scope(group="agenda_item__track__working_group"),
    "engagements.Engagement": Scope(
        group="working_group", side="side", shared=_SIDE_SHARED, classification="classification"
    ),
    "notes.Note": Scope(
        group="working_group",
        side="side",
        shared=_SIDE_SHARED,
        classification="classification",
        attached=True,
    ),
    "attachments.Attachment": Scope(
        group="working_group",
        side="side",
        shared=_SIDE_SHARED,
        classification="classification",
        attached=True,
    ),
    "sanctions.ProjectReview": Scope(
        group="working_group", side="side", shared=_SIDE_SHARED, classification="classification"
    ),
    # A side's disposition of a screening hit is never shared with the other side.
    "dispositions.Disposition": Scope(group="working_group", side="side"),
    # An event about a side-only record carries that side's id and stays with that side.
    "audit.AuditEvent": Scope(
        group="working_group_id",
        side="side_id",
        shared=Q(side_id__isnull=True),
        roles=STEERING,
        about_record=True,
    ),
}

# A cooperation project: a draft stays with the proposing side; once submitted both sides
# read it, and everything of it (versions, steps, shipments, re-screening flags) follows it.
_PROJECT_SHARED = ~Q(status="draft")


def _of_project(prefix: str = "project__") -> Scope:
    """The scope of a row that belongs to a project: exactly the project's own."""
    return Scope(
        group=f"{prefix}working_group",
        side=f"{prefix}side",
        shared=~Q(**{f"{prefix}status": "draft"}),
        classification=f"{prefix}classification",
    )


SCOPES.update(
    {
        "projects.Project": Scope(
            group="working_group",
            side="side",
            shared=_PROJECT_SHARED,
            classification="classification",
        ),
        "projects.ProjectVersion": _of_project(),
        "projects.ProjectEvent": _of_project(),
        "projects.Shipment": _of_project(),
        "projects.ProjectFlag": _of_project(),
        # Each side's review stays with it until shared (and never above the reader's
        # clearance; its classification is at least the project's).
        "projects.SideReview": Scope(
            group="project__working_group",
            side="side",
            shared=_SIDE_SHARED,
            classification="classification",
        ),
        # A flag on a saved review is exactly as visible as that review.
        "projects.ReviewFlag": Scope(
            group="review__working_group",
            side="review__side",
            shared=Q(review__visibility="shared"),
            classification="review__classification",
        ),
    }
)

# Tables of the search, export and notification features that are not records of the
# desk: their own modules read them for one user (feed tokens, preferences, sent-mail log)
# or through the policy of the record each row points at (search index rows). Listed so
# the policy stays total; nobody may list them through it.
INTERNAL = Scope(group="", roles=frozenset())
SCOPES.update(
    {
        "search.SearchDocument": INTERNAL,
        "exports.FeedToken": INTERNAL,
        "notifications.Preference": INTERNAL,
        "notifications.SentNotification": INTERNAL,
        "api.ApiToken": INTERNAL,
        # The last screening of a record's parties: read only by the re-screening job.
        "projects.ScreeningState": INTERNAL,
    }
)
