"""State changes of the sanctions pages: saved reviews, and the audit of runs and downloads.

A screening run or an unsaved review leaves no record, but it is audited: who, when, how
many names (never the names) or which project, and the lists used. Those events stay
with the actor's side (``side_only``): what one delegation screens is its own business.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.audit.actions import record
from wgdesk.web.core import records
from wgdesk.web.core.bilingual import apply_edit, by_script
from wgdesk.web.sanctions.models import ProjectReview
from wgdesk.web.sanctions.runs import ReviewRun, tally
from wgdesk.web.sanctions.screeners import StoreState


def record_screening(
    user: Any, results: list[dict[str, Any]], state: StoreState, via: str, **extra: Any
) -> None:
    """Audit one screening run: how many names and decisions, the lists, page or API."""
    data = {**tally(results), "lists": state.labels(), "via": via, **extra}
    record(user, "screen", user.member, data, side_only=True)


def record_review_run(user: Any, run: ReviewRun, via: str, **extra: Any) -> None:
    """Audit one project review that was not saved: which project, its verdict, the lists."""
    data = {
        "project": run.title[:200],
        "verdict": run.verdict,
        "date": run.review.day.isoformat(),
        "items": len(run.review.items),
        "activities": len(run.review.activities),
        "parties": len(run.review.parties),
        "lists": run.lists.labels(),
        "via": via,
        **extra,
    }
    record(user, "review", user.member, data, side_only=True)


def record_download(user: Any, export: str, review: ProjectReview | None, **data: Any) -> None:
    """Audit a download: of a saved review (scoped like it), or of an unsaved run (own side)."""
    if review is None:
        record(user, "download", user.member, {"export": export, **data}, side_only=True)
    else:
        record(user, "download", review, {"export": export, **data})


def save_review(
    user: Any,
    run: ReviewRun,
    agenda_item: AgendaItem,
    title: tuple[str, str],
    visibility: str,
    classification: int,
) -> ProjectReview:
    """Keep a review on an agenda item, owned by the saving member's side.

    ``title`` is (Korean, English); both empty: the project file's own title, in the half
    of its script. A missing half is flagged as a translation to do, as on every record.
    """
    member = user.member
    ko, en = (t.strip() for t in title)
    review = ProjectReview(
        working_group_id=member.working_group_id,
        side_id=member.side_id,
        agenda_item=agenda_item,
        created_by=member,
        project_text=run.text,
        project_format=run.fmt,
        verdict=run.verdict,
        report=run.report("en"),
        report_ko=run.report("ko"),
        list_versions=run.lists.described(),
        reviewed_on=run.review.day,
        exemption_zip=run.exemption_zip(),
        visibility=visibility,
        classification=classification,
    )
    apply_edit(review, "title", *((ko, en) if ko or en else by_script(run.title.strip())))
    with transaction.atomic():
        review.save()
        # The audit keeps what identifies the review, not the project file or the report.
        facts = {
            "title": {"ko": review.title.ko[:200], "en": review.title.en[:200]},
            "verdict": review.verdict,
            "agenda_item": agenda_item.pk,
            "judged_on": review.reviewed_on.isoformat(),
            "lists": run.lists.labels(),
            "visibility": visibility,
            "classification": classification,
        }
        record(user, "create", review, facts)
    return review


def edit_review(
    user: Any,
    review: ProjectReview,
    title: tuple[str, str],
    agenda_item: AgendaItem,
    visibility: str,
    classification: int,
) -> ProjectReview:
    """Change a saved review's title (Korean, English), agenda item, visibility or
    classification; the stale-translation rule follows which half changed."""
    return records.update(
        user,
        review,
        texts={"title": title},
        agenda_item=agenda_item,
        visibility=visibility,
        classification=classification,
    )
