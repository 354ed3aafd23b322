"""Views of the sanctions pages: screen names, review a project, saved reviews."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wgdesk.cli.screen_io import CsvWriter
from wgdesk.rules.project import ProjectError
from wgdesk.rules.report import html_body, markdown_from_data
from wgdesk.web import policy
from wgdesk.web.core.filtering import filtered_page
from wgdesk.web.core.views import form_page
from wgdesk.web.dispositions.queries import latest_for
from wgdesk.web.notes.queries import panel
from wgdesk.web.projects.models import ReviewFlag
from wgdesk.web.sanctions import actions, queries, runs, screeners
from wgdesk.web.sanctions.filters import ReviewFilter
from wgdesk.web.sanctions.forms import (
    EditReviewForm,
    ReviewForm,
    SaveReviewForm,
    ScreenForm,
    form_title,
)
from wgdesk.web.sanctions.models import ProjectReview

REVIEW_DOWNLOADS = ("json", "markdown", "exemption")


def ui_language() -> str:
    """The report language that follows the page's: Korean UI, Korean report."""
    return "ko" if (translation.get_language() or "").startswith("ko") else "en"


def _file(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    """A download that is never cached (reports can hold classified project details)."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Saved reviews the user may see (filtered, a page at a time), and the tools."""
    rows = ReviewFilter(request.GET, queries.visible_reviews(request.user), request.user)
    page, status = filtered_page(request, rows)
    context = {
        "reviews": page.object_list,
        "page": page,
        "filter": rows,
        "can_screen": policy.can(request.user, policy.Cap.SCREEN),
        "state": screeners.store_state(),
    }
    return render(request, "sanctions/index.html", context, status=status)


# --- screening --------------------------------------------------------------------------


def screen(request: HttpRequest) -> HttpResponse:
    """Screen names against the active lists; show the results, or send them as CSV."""
    policy.require(request.user, policy.Cap.SCREEN)
    form = ScreenForm(request.POST or None, initial={"limit": 10})
    if request.method != "POST" or not form.is_valid():
        context = {"form": form, "state": screeners.store_state()}
        return render(request, "sanctions/screen.html", context, status=400 if form.errors else 200)
    screener, state = screeners.current()
    if screener is None:
        return render(request, "sanctions/screen.html", {"form": form, "state": state}, status=503)
    screener = screeners.with_thresholds(screener, form.thresholds(screener.thresholds))
    results = runs.screen(screener, form.records(), form.cleaned_data["limit"], ui_language())
    if request.POST.get("action") == "csv":
        return _screening_csv(request, results, state)
    actions.record_screening(request.user, results, state, "page")
    context = {
        "form": form,
        "state": state,
        "results": results,
        "tally": runs.tally(results),
        # The reader's side's last word on each hit, shown beside it when it comes back.
        "dispositions": latest_for(request.user, (r.get("name", "") for r in results)),
    }
    return render(request, "sanctions/screen.html", context)


def _screening_csv(
    request: HttpRequest, results: list[dict[str, Any]], state: screeners.StoreState
) -> HttpResponse:
    """The results in the CSV of `wgdesk screen --format csv` (BOM first, for Excel)."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = CsvWriter(buffer, ui_language())
    for result in results:
        writer.write(result)
    actions.record_screening(request.user, results, state, "csv")
    actions.record_download(request.user, "screening_csv", None, names=len(results))
    name = f"screening-{timezone.localdate().isoformat()}.csv"
    return _file(buffer.getvalue(), "text/csv; charset=utf-8", name)


# --- project review ---------------------------------------------------------------------


def review(request: HttpRequest) -> HttpResponse:
    """Review a project: the report, its downloads, and saving it to an agenda item."""
    policy.require(request.user, policy.Cap.SCREEN)
    form = ReviewForm(request.POST or None, request.FILES or None)
    action = request.POST.get("action", "review")
    save_form = _save_form(request, bound=action == "save")
    context: dict[str, Any] = {"form": form, "save_form": save_form}
    if request.method != "POST" or not form.is_valid():
        context["state"] = screeners.store_state()
        return render(request, "sanctions/review.html", context, status=400 if form.errors else 200)
    screener, state = screeners.current()
    data = form.cleaned_data
    try:
        run = runs.run_review(data["text"], data["format"], data["date"], screener, state)
    except ProjectError as error:
        context.update(state=state, problems=runs.problem_lines(error))
        return render(request, "sanctions/review.html", context, status=400)
    if action in REVIEW_DOWNLOADS:
        return _review_download(request, run, action, context)
    if action == "save":
        return _save(request, run, save_form, context)
    actions.record_review_run(request.user, run, "page")
    return _review_page(request, run, context)


def _save_form(request: HttpRequest, bound: bool) -> SaveReviewForm | None:
    """The form that saves a review, for members who may save (bound when saving)."""
    member = policy.member_of(request.user)
    if not policy.can(request.user, policy.Cap.EDIT):
        return None
    return SaveReviewForm(
        request.POST if bound else None,
        items=queries.agenda_items_for_saving(request.user),
        clearance=member.clearance,
        prefix="save",
    )


def _review_page(
    request: HttpRequest, run: runs.ReviewRun, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """The review form again, with the report under it and what can be done with it."""
    lang = ui_language()
    # The fresh form shows the text the report was made from (an upload becomes text).
    context["form"] = ReviewForm(
        initial={"project_text": run.text, "date": context["form"].cleaned_data["date"]}
    )
    context.update(
        state=run.lists,
        run=run,
        report_html=mark_safe(html_body(run.report(lang), lang, top=2)),  # noqa: S308 - escaped by the engine
        report_lang=lang,
    )
    return render(request, "sanctions/review.html", context, status=status)


def _review_download(
    request: HttpRequest, run: runs.ReviewRun, what: str, context: dict[str, Any]
) -> HttpResponse:
    """The report as JSON or Markdown, or the exemption request draft, of an unsaved review."""
    response = _report_file(run.report, run.exemption_zip, what, _stem(run.title))
    if response is None:
        messages.error(request, _("This project needs no exemption: there is nothing to draft."))
        return _review_page(request, run, context, status=400)
    actions.record_download(request.user, f"review_{what}", None, project=run.title[:200])
    return response


def _stem(title: str) -> str:
    """A file name stem from a title (ASCII; "review" when nothing is left)."""
    return slugify(title)[:60] or "review"


def _report_file(
    report: Callable[[str], dict[str, Any]],
    exemption: Callable[[], bytes | None],
    what: str,
    stem: str,
) -> HttpResponse | None:
    """One download of a review, in the UI language; None when there is no draft to give."""
    lang = ui_language()
    if what == "json":
        body = json.dumps(report(lang), ensure_ascii=False, indent=2) + "\n"
        return _file(body, "application/json; charset=utf-8", f"{stem}.json")
    if what == "markdown":
        body = markdown_from_data(report(lang), lang)
        return _file(body, "text/markdown; charset=utf-8", f"{stem}.md")
    archive = exemption()
    if archive is None:
        return None
    return _file(archive, "application/zip", f"{stem}-exemption-request.zip")


def _save(
    request: HttpRequest, run: runs.ReviewRun, save_form: Any, context: dict[str, Any]
) -> HttpResponse:
    """Save the review to an agenda item, then show it."""
    policy.require(request.user, policy.Cap.EDIT)
    if not save_form.is_valid():
        return _review_page(request, run, context, status=400)
    data = save_form.cleaned_data
    saved = actions.save_review(
        request.user,
        run,
        data["agenda_item"],
        form_title(data),
        data["visibility"],
        data["classification"],
    )
    messages.success(request, _("Review saved."))
    return redirect(saved.get_absolute_url())


# --- saved reviews ----------------------------------------------------------------------


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One saved review: its report as saved, the project file, notes and files."""
    saved = policy.get_visible_or_404(request.user, ProjectReview, pk=pk)
    lang = ui_language()
    context = {
        "review": saved,
        "report_html": mark_safe(html_body(saved.report_in(lang), lang, top=2)),  # noqa: S308 - escaped by the engine
        "report_lang": lang,
        "can_edit": policy.can_edit(request.user, saved),
        # Parties decided differently since the review was saved (projects/rescreen.py).
        "flags": policy.visible(request.user, ReviewFlag).filter(review=saved),
        "can_screen": policy.can(request.user, policy.Cap.SCREEN),  # the project form's link
        **panel(request.user, saved),
    }
    return render(request, "sanctions/detail.html", context)


@require_GET
def download(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """A saved review's report (JSON, Markdown) or exemption draft, as it was saved."""
    saved = policy.get_visible_or_404(request.user, ProjectReview, pk=pk)
    archive = bytes(saved.exemption_zip) if saved.exemption_zip else None
    stem = f"review-{saved.pk}-{_stem(saved.title.en or saved.title.ko)}"
    response = _report_file(saved.report_in, lambda: archive, what, stem)
    if response is None:
        raise Http404
    actions.record_download(request.user, f"review_{what}", saved)
    return response


def edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a saved review's title, agenda item, visibility or classification."""
    saved = policy.get_editable_or_404(request.user, ProjectReview, pk=pk)
    member = policy.member_of(request.user)
    initial = {
        "agenda_item": saved.agenda_item_id,
        "visibility": saved.visibility,
        "classification": saved.classification,
    }
    form = EditReviewForm(
        request.POST or None,
        instance=saved,
        initial=initial,
        items=queries.agenda_items_for_saving(request.user),
        clearance=member.clearance,
        shared_only=saved.visibility == "shared",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.edit_review(
            request.user,
            saved,
            form_title(data),
            data["agenda_item"],
            data["visibility"],
            data["classification"],
        )
        messages.success(request, _("Saved."))
        return redirect(saved.get_absolute_url())
    return form_page(request, form, _("Edit saved review"), cancel_url=saved.get_absolute_url())
