"""Reads behind every export, each list through the policy for the exporting user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from wgdesk.web import policy
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.core.scoping import Classification
from wgdesk.web.core.withdrawal import live
from wgdesk.web.decisions.models import Decision
from wgdesk.web.exports import tokens
from wgdesk.web.exports.models import FeedToken
from wgdesk.web.groups.models import WorkingGroup
from wgdesk.web.meetings.models import Attendance, Meeting
from wgdesk.web.minutes.models import Amendment, Minutes, MinutesApproval, MinutesStatus
from wgdesk.web.notes.models import Note


@dataclass
class MinutesBundle:
    """Everything a minutes export shows, already filtered for the exporting user."""

    group: WorkingGroup
    meeting: Meeting
    minutes: Minutes
    agenda: list[AgendaItem]
    attendance: list[Attendance]
    decisions: list[Decision]
    actions: list[ActionItem]
    approvals: list[MinutesApproval]
    amendments: list[Amendment]
    notes: list[Note]
    exported_by: Any
    exported_at: datetime

    @property
    def marking(self) -> int:
        """The highest classification of anything in the export: it marks every page."""
        levels = [self.minutes.classification]
        levels += [row.classification for row in (*self.decisions, *self.actions, *self.notes)]
        return max(levels)

    @property
    def marking_label(self) -> str:
        """The name of that classification, in the active language."""
        return str(Classification(self.marking).label)

    @property
    def paragraphs(self) -> list[tuple[str, str]]:
        """Korean and English paragraphs paired in order, for a side-by-side layout."""
        ko, en = _paragraphs(self.minutes.body.ko), _paragraphs(self.minutes.body.en)
        length = max(len(ko), len(en))
        ko += [""] * (length - len(ko))
        en += [""] * (length - len(en))
        return list(zip(ko, en, strict=True))


def _paragraphs(text: str) -> list[str]:
    """Split a text at blank lines into paragraphs."""
    blocks = text.replace("\r\n", "\n").split("\n\n")
    return [block.strip() for block in blocks if block.strip()]


def _notes_on(user: Any, *targets: Any) -> list[Note]:
    """Notes on some records that the user may see (side-only ones of their own side too)."""
    condition = Q(pk__in=[])
    for target in targets:
        content_type = ContentType.objects.get_for_model(type(target))
        condition |= Q(target_type=content_type, target_id=target.pk)
    notes = live(policy.visible(user, Note)).filter(condition)  # withdrawn notes left out
    return list(notes.select_related("side", "created_by"))


def minutes_bundle(user: Any, meeting_id: int, locked_only: bool) -> MinutesBundle:
    """The minutes of a meeting with what surrounds them; 404 if the user may not see them."""
    meeting = policy.get_visible_or_404(user, Meeting, pk=meeting_id)
    minutes = policy.visible(user, Minutes).filter(meeting=meeting).first()
    if minutes is None or (locked_only and minutes.status != MinutesStatus.LOCKED):
        raise Http404
    entries = policy.visible(user, AgendaItem).filter(agendaentry__meeting=meeting)
    return MinutesBundle(
        group=meeting.series.working_group,
        meeting=meeting,
        minutes=minutes,
        agenda=list(entries.order_by("agendaentry__order")),
        attendance=list(
            policy.visible(user, Attendance)
            .filter(meeting=meeting)
            .select_related("member__side")
            .order_by("member__side_id", "member_id")
        ),
        decisions=list(live(policy.visible(user, Decision)).filter(meeting=meeting)),
        actions=list(
            policy.visible(user, ActionItem).filter(meeting=meeting).select_related("owner", "side")
        ),
        approvals=list(
            policy.visible(user, MinutesApproval)
            .filter(minutes=minutes)
            .select_related("side", "member")
        ),
        amendments=list(
            policy.visible(user, Amendment).filter(minutes=minutes).select_related("proposed_by")
        ),
        notes=_notes_on(user, minutes, meeting),
        exported_by=policy.member_of(user),
        exported_at=timezone.now(),
    )


def exportable_minutes(user: Any) -> QuerySet[Minutes]:
    """Minutes the user may export, newest meeting first."""
    return policy.visible(user, Minutes).select_related("meeting").order_by("-meeting__starts_at")


def feed_token_of(user: Any) -> FeedToken | None:
    """The user's current feed token row (its digest only), if any."""
    return FeedToken.objects.filter(user=user).first()


def feed_of(token: str) -> FeedToken | None:
    """The feed a token opens, if it is current and its owner still holds an active seat."""
    feed = FeedToken.objects.select_related("user").filter(digest=tokens.digest(token)).first()
    if feed is None or policy.member_of(feed.user) is None:
        return None
    return feed


def feed_meetings(user: Any) -> QuerySet[Meeting]:
    """The meetings a calendar feed lists: those the feed's owner may see."""
    return policy.visible(user, Meeting).order_by("starts_at")
