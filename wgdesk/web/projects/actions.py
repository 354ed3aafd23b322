"""State changes of cooperation projects. Each writes in one transaction, refuses what the
workflow refuses (``StepRefused``, a translated reason, nothing written), records the
audit event and queues the notifications, which go out after commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wgdesk.web.agenda.models import AgendaItem, Track
from wgdesk.web.audit.actions import record
from wgdesk.web.core import records
from wgdesk.web.core.scoping import Visibility
from wgdesk.web.decisions import actions as decisions
from wgdesk.web.groups.models import Ministry, Side
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.freeze import RecordFrozen, is_frozen
from wgdesk.web.notifications import actions as notify
from wgdesk.web.projects import projectfile, rescreen, workflow
from wgdesk.web.projects.models import Project, ProjectEvent, ProjectVersion, Shipment, SideReview
from wgdesk.web.projects.workflow import Outcome, State, Step
from wgdesk.web.sanctions import runs, screeners


class StepRefused(Exception):
    """A workflow step or change the project's state does not allow; the message says why."""


Texts = dict[str, tuple[str, str]]


def _file_title(texts: Texts) -> tuple[str, str]:
    """The title and summary written into the file: English, else Korean."""
    title_ko, title_en = texts["title"]
    summary_ko, summary_en = texts.get("summary", ("", ""))
    return title_en or title_ko, summary_en or summary_ko


def _verdict(text: str) -> str:
    """The engine's verdict on a version (parties screened when lists are loaded)."""
    screener, state = screeners.current()
    return runs.run_review(text, "yaml", None, screener, state).verdict


def _new_version(user: Any, project: Project, text: str) -> ProjectVersion:
    """Keep a version of the project's file, numbered after the last."""
    last = project.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ProjectVersion.objects.create(
        project=project,
        number=last + 1,
        text=text,
        verdict=_verdict(text),
        created_by=user.member,
    )


def latest_version(project: Project) -> ProjectVersion | None:
    """The project's newest version."""
    return project.versions.order_by("-number").first()


@dataclass(frozen=True)
class Record:
    """What a project form gives: where it belongs, its texts, sponsor, marking, file."""

    track: Track
    agenda_item: AgendaItem
    sponsor: Ministry
    texts: Texts
    file_text: str
    classification: int


def create_project(user: Any, data: Record) -> Project:
    """Create a draft project of the user's side with its first version (the file is
    checked first: a ProjectError leaves nothing written)."""
    parsed = projectfile.check(data.file_text)
    title, summary = _file_title(data.texts)
    text = projectfile.canonical(data.file_text, parsed, title, summary)
    member = user.member
    with transaction.atomic():
        project = records.create(
            user,
            Project,
            data.texts,
            working_group_id=member.working_group_id,
            side_id=member.side_id,
            track=data.track,
            agenda_item=data.agenda_item,
            sponsor=data.sponsor,
            classification=data.classification,
            created_by=member,
        )
        version = _new_version(user, project, text)
        record(user, "version", project, {"version": version.number, "verdict": version.verdict})
        rescreen.baseline(project, text)
    return project


def check_editable(project: Project) -> None:
    """Refuse (StepRefused) a change to a project whose file is fixed by its state."""
    if project.status not in workflow.EDITABLE_STATES:
        raise StepRefused(_("The project file is fixed once the joint decision is taken."))


def edit_project(user: Any, project: Project, data: Record) -> ProjectVersion | None:
    """Change a project while its file may change; a changed file is a new version.
    Returns the new version, or None when the file did not change."""
    check_editable(project)
    parsed = projectfile.check(data.file_text)
    title, summary = _file_title(data.texts)
    text = projectfile.canonical(data.file_text, parsed, title, summary)
    with transaction.atomic():
        records.update(
            user,
            project,
            data.texts,
            track=data.track,
            agenda_item=data.agenda_item,
            sponsor=data.sponsor,
            classification=max(data.classification, project.classification)
            if project.status != State.DRAFT
            else data.classification,
        )
        last = latest_version(project)
        if last is not None and last.text == text:
            return None
        version = _new_version(user, project, text)
        record(user, "version", project, {"version": version.number, "verdict": version.verdict})
        rescreen.baseline(project, text)
    return version


def facts(project: Project) -> workflow.Facts:
    """What the workflow's rules look at, read from the database."""
    shared = project.reviews.filter(visibility=Visibility.SHARED)
    return workflow.Facts(
        state=project.state,
        reviews_shared=frozenset(shared.values_list("side__code", flat=True)),
        side_codes=frozenset(
            Side.objects.filter(working_group_id=project.working_group_id).values_list(
                "code", flat=True
            )
        ),
        blocking_flags=project.flags.filter(blocking=True, resolved_at__isnull=True).count(),
    )


def _step(
    user: Any, project: Project, step: Step, branch: str = "", note: str = "", **fields: Any
) -> Project:
    """Take one workflow step: re-read the row under lock, ask the workflow, write the new
    state and fields, the history row and the audit event; notify after commit."""
    with transaction.atomic():
        locked = Project.objects.select_for_update().get(pk=project.pk)
        reason = workflow.refusal(step, facts(locked))
        if reason is not None:
            raise StepRefused(reason)
        source = locked.state
        target = workflow.target_of(step, branch)
        for name, value in {**fields, "status": target}.items():
            setattr(locked, name, value)
        locked.save()
        ProjectEvent.objects.create(
            project=locked,
            step=step.value,
            from_state=source,
            to_state=target,
            actor=user.member,
            note=note,
        )
        data = {"from": source.value, "to": target.value, **_loggable(fields)}
        record(user, step.value, locked, data)
        notify.project_step(locked, step.value)
    return locked


def _loggable(fields: dict[str, Any]) -> dict[str, Any]:
    """Field values for the audit event: dates as ISO, long texts cut, binaries left out."""
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if isinstance(value, bytes | memoryview) or value is None:
            continue
        if isinstance(value, date):
            out[name] = value.isoformat()
        elif isinstance(value, str):
            out[name] = value[:200]
        elif hasattr(value, "pk"):
            out[name] = value.pk
        else:
            out[name] = value
    return out


def submit(user: Any, project: Project) -> Project:
    """Submit a draft to the working group: both sides now read and review it."""
    return _step(user, project, Step.SUBMIT)


def save_review(
    user: Any, project: Project, verdict: str, conditions: str, notes: str, classification: int
) -> SideReview:
    """Record or change the user's side's review of a submitted project (side-only)."""
    if project.status != State.SUBMITTED:
        raise StepRefused(_("Reviews are recorded while the project is under review."))
    member = user.member
    existing = SideReview.objects.filter(project=project, side_id=member.side_id).first()
    if existing is not None and existing.visibility == Visibility.SHARED:
        raise StepRefused(_("Your side's review is already shared and cannot change."))
    version = latest_version(project)
    fields: dict[str, Any] = {
        "verdict": verdict,
        "conditions": conditions,
        "notes": notes,
        "version": version.number if version else 1,
        # Never marked below the project it reviews.
        "classification": max(int(classification), project.classification),
    }
    if existing is None:
        return records.create(
            user,
            SideReview,
            project=project,
            side_id=member.side_id,
            created_by=member,
            visibility=Visibility.SIDE,
            **fields,
        )
    return records.update(user, existing, **fields)


def share_review(user: Any, review: SideReview) -> SideReview:
    """Show a side's review to the other side; from then on it is final."""
    if review.visibility == Visibility.SHARED:
        raise StepRefused(_("This review is already shared."))
    if review.project.status != State.SUBMITTED:
        raise StepRefused(_("Reviews are shared while the project is under review."))
    with transaction.atomic():
        records.update(
            user, review, verb="share", visibility=Visibility.SHARED, shared_at=timezone.now()
        )
        notify.project_step(review.project, "share_review")
    return review


def decide(
    user: Any,
    project: Project,
    meeting: Meeting,
    outcome: str,
    text: tuple[str, str],
    decided_on: date,
) -> Project:
    """Record the joint decision at a meeting (a Decision of that meeting, so it is frozen
    with its minutes); an exemption outcome has the engine draft the request."""
    if is_frozen(meeting.pk):
        raise StepRefused(
            _("The minutes of that meeting are locked: record the decision at an open meeting.")
        )
    reason = workflow.refusal(Step.DECIDE, facts(project))
    if reason is not None:
        raise StepRefused(reason)
    version = latest_version(project)
    with transaction.atomic():
        try:
            decision = decisions.add_decision(
                user, meeting, project.agenda_item, text, decided_on, project.classification
            )
        except RecordFrozen as error:
            raise StepRefused(str(error)) from None
        extra: dict[str, Any] = {}
        if outcome == Outcome.EXEMPTION and version is not None:
            extra = _request_draft(version.text)
        return _step(
            user,
            project,
            Step.DECIDE,
            outcome,
            note=text[1] or text[0],
            decision=decision,
            outcome=outcome,
            decided_version=version.number if version else None,
            **extra,
        )


def _request_draft(text: str) -> dict[str, Any]:
    """The engine's exemption request for a version: editable Markdown, the Word draft and
    Annex II (the same documents `wgdesk exemption` writes)."""
    from wgdesk.rules.exemption import build_draft, render_annex_xlsx, render_docx, render_markdown

    screener, state = screeners.current()
    review = runs.run_review(text, "yaml", None, screener, state).review
    draft = build_draft(review, "annex-ii.xlsx")
    return {
        "request_text": render_markdown(draft),
        "request_docx": render_docx(draft),
        "request_annex": render_annex_xlsx(review),
    }


def check_request_editable(project: Project) -> None:
    """Refuse (StepRefused) an edit of the request outside its preparation."""
    if project.status != State.REQUEST:
        raise StepRefused(_("The request can be edited only while it is in preparation."))


def edit_request(user: Any, project: Project, text: str) -> Project:
    """Edit the exemption request while it is in preparation."""
    check_request_editable(project)
    return records.update(user, project, request_text=text)


def to_committee(user: Any, project: Project, submitted_on: date, reference: str) -> Project:
    """Record the day the request went to the 1718 Committee."""
    return _step(
        user,
        project,
        Step.REQUEST_SUBMITTED,
        submitted_to_committee_on=submitted_on,
        committee_reference=reference,
    )


def committee_decision(
    user: Any,
    project: Project,
    approved: bool,
    decided_on: date,
    conditions: str,
    expires_on: date | None,
    reasons: str,
) -> Project:
    """Record the Committee's answer: approved with conditions and an expiry, or rejected
    with its reasons."""
    if approved and (expires_on is None or expires_on <= decided_on):
        raise StepRefused(_("An approval needs an expiry date after the day it was given."))
    if not approved and not reasons.strip():
        raise StepRefused(_("A rejection needs the Committee's reasons."))
    if project.submitted_to_committee_on and decided_on < project.submitted_to_committee_on:
        raise StepRefused(_("The Committee cannot decide before the request was submitted."))
    return _step(
        user,
        project,
        Step.COMMITTEE,
        "approved" if approved else "rejected",
        committee_decided_on=decided_on,
        committee_conditions=conditions if approved else "",
        expires_on=expires_on if approved else None,
        committee_reasons="" if approved else reasons,
    )


def _approved_lines(project: Project) -> dict[str, float | None]:
    """The items (with their quantities) and activities of the decided version."""
    if project.decided_version is None:
        return {}
    version = project.versions.filter(number=project.decided_version).first()
    if version is None:
        return {}
    parsed = projectfile.check(version.text)
    lines: dict[str, float | None] = {item.id: item.quantity for item in parsed.items}
    lines.update(dict.fromkeys((a.id for a in parsed.activities), None))
    return lines


def check_shipping(project: Project) -> None:
    """Refuse (StepRefused) a shipment outside an approval or a clearance."""
    if project.status not in workflow.SHIPPING_STATES:
        raise StepRefused(_("Shipments are recorded only under an approval or a clearance."))


def add_shipment(
    user: Any,
    project: Project,
    line: str,
    quantity: float | None,
    shipped_on: date,
    place: str,
    description: str,
) -> Shipment:
    """Record goods sent or an activity done under the approval, checked against it: an
    item or activity of the approved file, within the approved quantity and period."""
    check_shipping(project)
    if project.flags.filter(blocking=True, resolved_at__isnull=True).exists():
        raise StepRefused(workflow.refusal(Step.CLOSE, facts(project)) or "")
    expiry = project.expires_on
    if expiry is not None and workflow.approval_expired(expiry, shipped_on):
        raise StepRefused(_("The approval expired on %(day)s.") % {"day": expiry.isoformat()})
    if project.committee_decided_on and shipped_on < project.committee_decided_on:
        raise StepRefused(_("A shipment cannot predate the approval."))
    lines = _approved_lines(project)
    if line not in lines:
        raise StepRefused(
            _("%(line)s is not an item or activity of the approved project.") % {"line": line}
        )
    allowed = lines[line]
    if allowed is not None and quantity is not None:
        sent = sum(s.quantity or 0 for s in project.shipments.filter(line=line))
        if sent + quantity > allowed:
            raise StepRefused(
                _("%(line)s: %(total)g would exceed the approved quantity of %(allowed)g.")
                % {"line": line, "total": sent + quantity, "allowed": allowed}
            )
    with transaction.atomic():
        shipment = Shipment.objects.create(
            project=project,
            line=line,
            quantity=quantity,
            shipped_on=shipped_on,
            place=place,
            description=description,
            created_by=user.member,
        )
        data = {
            "shipment": shipment.pk,
            "line": line,
            "quantity": quantity,
            "on": shipped_on.isoformat(),
            "place": place[:200],
        }
        record(user, "ship", project, data)
        notify.project_step(project, "ship")
    return shipment


def close(user: Any, project: Project, note: str) -> Project:
    """Close the project (after the Committee's answer, or a clearance)."""
    return _step(user, project, Step.CLOSE, note=note, closed_on=timezone.localdate())


def take(user: Any, project: Project, step: Step, data: dict[str, Any]) -> Project:
    """Take a step with its form's cleaned values (the pages and the API both call this)."""
    if step is Step.SUBMIT:
        return submit(user, project)
    if step is Step.DECIDE:
        text = (data["text_ko"].strip(), data["text_en"].strip())
        return decide(user, project, data["meeting"], data["outcome"], text, data["decided_on"])
    if step is Step.REQUEST_SUBMITTED:
        return to_committee(user, project, data["submitted_on"], data["reference"])
    if step is Step.COMMITTEE:
        return committee_decision(
            user,
            project,
            data["answer"] == "approved",
            data["decided_on"],
            data["conditions"],
            data["expires_on"],
            data["reasons"],
        )
    return close(user, project, data["note"])
