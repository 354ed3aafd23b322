"""The one state machine of a cooperation project: states, steps, and who may take each.

draft → submitted (both sides review, in either order, each side-only until shared) →
joint decision at a meeting (tied to its minutes) → exemption request drafted → submitted
to the 1718 Committee → approved (conditions, expiry) or rejected → shipments under an
approval → closed. A joint decision that no exemption is needed clears the project for
its activities directly; a decision not to proceed closes it.

Everything here is pure: ``refusal`` takes the facts it needs and returns the reason a
step is refused (a translated sentence), or None. The actions call it before writing,
and the pages call it to decide which buttons to show, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wgdesk.web.groups.models import side_label
from wgdesk.web.policy.capabilities import Cap


class State(models.TextChoices):
    """Where a project stands."""

    DRAFT = "draft", pgettext_lazy("project state", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("project state", "Under review by both sides")
    REQUEST = "request", pgettext_lazy("project state", "Exemption request in preparation")
    AT_COMMITTEE = "at_committee", pgettext_lazy("project state", "Before the 1718 Committee")
    APPROVED = "approved", pgettext_lazy("project state", "Approved by the Committee")
    REJECTED = "rejected", pgettext_lazy("project state", "Rejected by the Committee")
    CLEARED = "cleared", pgettext_lazy("project state", "Cleared without an exemption")
    CLOSED = "closed", pgettext_lazy("project state", "Closed")


# States in which the project is still open: its parties are re-screened.
OPEN_STATES = frozenset(State) - {State.CLOSED, State.REJECTED}
# States in which the project file may still change (each change is a new version).
EDITABLE_STATES = frozenset({State.DRAFT, State.SUBMITTED})
# States in which shipments and activities are carried out.
SHIPPING_STATES = frozenset({State.APPROVED, State.CLEARED})


class Outcome(models.TextChoices):
    """What the working group decided jointly at a meeting."""

    EXEMPTION = "exemption", _("Request an exemption from the 1718 Committee")
    PROCEED = "proceed", _("Proceed: no exemption is needed")
    DECLINE = "decline", _("Do not proceed")


class Step(StrEnum):
    """A transition of the workflow."""

    SUBMIT = "submit"
    DECIDE = "decide"
    REQUEST_SUBMITTED = "to_committee"
    COMMITTEE = "committee"
    CLOSE = "close"


@dataclass(frozen=True)
class Transition:
    """One step: the states it starts from, the capability it needs, and whether only the
    project's own side may take it (else either side: the working group acts jointly)."""

    step: Step
    sources: frozenset[State]
    capability: Cap
    own_side_only: bool
    label: object


TRANSITIONS: dict[Step, Transition] = {
    t.step: t
    for t in (
        Transition(
            Step.SUBMIT,
            frozenset({State.DRAFT}),
            Cap.EDIT,
            True,
            _("Submit to the working group"),
        ),
        Transition(
            Step.DECIDE,
            frozenset({State.SUBMITTED}),
            Cap.MANAGE_MEETINGS,
            False,
            _("Record the joint decision"),
        ),
        Transition(
            Step.REQUEST_SUBMITTED,
            frozenset({State.REQUEST}),
            Cap.EDIT,
            True,
            _("Record submission to the 1718 Committee"),
        ),
        Transition(
            Step.COMMITTEE,
            frozenset({State.AT_COMMITTEE}),
            Cap.EDIT,
            True,
            _("Record the Committee's decision"),
        ),
        Transition(
            Step.CLOSE,
            frozenset({State.APPROVED, State.REJECTED, State.CLEARED}),
            Cap.EDIT,
            True,
            _("Close the project"),
        ),
    )
}


def target_of(step: Step, outcome: str = "") -> State:
    """The state a step leads to (the decision and the Committee's answer branch)."""
    if step is Step.SUBMIT:
        return State.SUBMITTED
    if step is Step.DECIDE:
        return {
            Outcome.EXEMPTION: State.REQUEST,
            Outcome.PROCEED: State.CLEARED,
        }.get(Outcome(outcome), State.CLOSED)
    if step is Step.REQUEST_SUBMITTED:
        return State.AT_COMMITTEE
    if step is Step.COMMITTEE:
        return State.APPROVED if outcome == "approved" else State.REJECTED
    return State.CLOSED


@dataclass(frozen=True)
class Facts:
    """What a step's rules look at, read by the caller from the database."""

    state: State
    reviews_shared: frozenset[str] = frozenset()  # side codes whose review is shared
    side_codes: frozenset[str] = frozenset()  # every side of the working group
    blocking_flags: int = 0  # newly listed parties without a disposition yet


def refusal(step: Step, facts: Facts) -> str | None:
    """Why the step cannot be taken now (a translated sentence), or None when it can."""
    transition = TRANSITIONS[step]
    if facts.state not in transition.sources:
        allowed = ", ".join(str(State(s).label) for s in sorted(transition.sources))
        return str(
            _(
                "“%(step)s” is not possible while the project is “%(state)s” "
                "(only when: %(allowed)s)."
            )
            % {"step": transition.label, "state": facts.state.label, "allowed": allowed}
        )
    if facts.blocking_flags:
        return str(
            _(
                "A party of this project was newly listed after a list update: record a "
                "disposition of the hit before the project moves on."
            )
        )
    if step is Step.DECIDE:
        missing = sorted(facts.side_codes - facts.reviews_shared)
        if missing:
            return str(
                _("Both sides must share their review first; still awaited: %(sides)s.")
                % {"sides": ", ".join(side_label(code) for code in missing)}
            )
    return None


def approval_expired(expires_on: date | None, day: date) -> bool:
    """True when a Committee approval has run out on a day (it is valid through its expiry)."""
    return expires_on is not None and day > expires_on
