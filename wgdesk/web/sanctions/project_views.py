"""Views of the project-review form and of the HS code search it uses.

The form is turned into a project file (``projectfile``) and judged by the same code as
an uploaded file (``runs.run_review``), so the verdicts, the problems and their wording
are the CLI's. Rows are added by a submit button (htmx swaps only the form when script
runs); HS codes are suggested as the reader types (htmx), or by a search form without it.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wgdesk.rules.project import ProjectError
from wgdesk.rules.report import html_body
from wgdesk.rules.schema import Problem
from wgdesk.rules.sourcemap import ParseError, parse_text
from wgdesk.web import policy
from wgdesk.web.core import opaque
from wgdesk.web.sanctions import actions, hscodes, projectfile, queries, runs, screeners
from wgdesk.web.sanctions.forms import ReviewForm, SaveReviewForm, form_title
from wgdesk.web.sanctions.models import ProjectReview
from wgdesk.web.sanctions.project_forms import FORMSETS, MAX_ROWS, ProjectEntry
from wgdesk.web.sanctions.views import _file, _stem, ui_language

_HS_FIELD = re.compile(r"items-\d{1,3}-hs\Z")


def project(request: HttpRequest) -> HttpResponse:
    """Enter a project: add rows, review it, download it as a file or save the review."""
    policy.require(request.user, policy.Cap.SCREEN)
    if request.method != "POST":
        return _from_saved(request) if "review" in request.GET else _page(request, ProjectEntry())
    action = request.POST.get("action", "review")
    if action == "load":
        return _load(request)
    if action.startswith("add-"):
        entry = ProjectEntry(_with_row(request.POST, action[4:]))
        entry.focus_last(action[4:])
        return _page(request, entry)
    entry = ProjectEntry(request.POST)
    if not entry.is_valid():
        return _page(request, entry, status=400)
    rows = projectfile.build(entry.project.cleaned_data, entry.rows(), entry.exemption.cleaned_data)
    text = projectfile.dump(rows.data)
    screener, state = screeners.current()
    try:
        run = runs.run_review(text, "yaml", entry.project.cleaned_data["date"], screener, state)
    except ProjectError as error:
        entry.show([(*rows.locate(p.path), p.message) for p in error.problems])
        return _page(request, entry, problems=_problem_lines(error.problems), status=400)
    if action == "yaml":
        actions.record_download(request.user, "project_yaml", None, project=run.title[:200])
        return _file(text, "application/yaml; charset=utf-8", f"{_stem(run.title)}.yaml")
    if action == "save":
        return _save(request, run, entry)
    actions.record_review_run(request.user, run, "form")
    return _reviewed(request, run)


def _with_row(data: Any, key: str) -> Any:
    """The posted form with one more empty row of a kind (when that kind exists)."""
    data = data.copy()
    if key in FORMSETS:
        total = f"{key}-TOTAL_FORMS"
        count = int(data.get(total, 0)) if str(data.get(total, "")).isdigit() else 0
        data[total] = str(min(count + 1, MAX_ROWS))
    return data


def _problem_lines(problems: list[Problem]) -> list[str]:
    """Every problem as `wgdesk review` prints it, without line numbers (no file was typed)."""
    return [Problem(p.path, p.message).render() for p in problems]


def _reviewed(request: HttpRequest, run: runs.ReviewRun) -> HttpResponse:
    """The form again, rebuilt from the project (removed and blank rows gone), and the report."""
    parsed = parse_text(run.text, "yaml")
    entry = ProjectEntry(initial=projectfile.form_rows(parsed))
    entry.project.initial["date"] = request.POST.get("date") or None
    lang = ui_language()
    context: dict[str, Any] = {
        "run": run,
        "report_html": mark_safe(html_body(run.report(lang), lang, top=2)),  # noqa: S308 - escaped by the engine
        "report_lang": lang,
        "state": run.lists,
    }
    return _page(request, entry, **context)


def _save_form(request: HttpRequest, bound: bool) -> SaveReviewForm | None:
    """Where to save the review, for members who may save (bound when saving)."""
    if not policy.can(request.user, policy.Cap.EDIT):
        return None
    member = policy.member_of(request.user)
    return SaveReviewForm(
        request.POST if bound else None,
        items=queries.agenda_items_for_saving(request.user),
        clearance=member.clearance,
        prefix="save",
    )


def _save(request: HttpRequest, run: runs.ReviewRun, entry: ProjectEntry) -> HttpResponse:
    """Keep the review, with the project file the form made, on an agenda item."""
    policy.require(request.user, policy.Cap.EDIT)
    form = _save_form(request, bound=True)
    assert form is not None  # EDIT was required just above
    if not form.is_valid():
        return _page(request, entry, save_form=form, status=400)
    data = form.cleaned_data
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


def _load(request: HttpRequest) -> HttpResponse:
    """Fill the form from a project file (uploaded or pasted); its problems if it has any."""
    form = ReviewForm(request.POST, request.FILES or None, prefix="load")
    if not form.is_valid():
        return _page(request, ProjectEntry(), load_form=form, status=400)
    return _filled(request, form.cleaned_data["text"], form.cleaned_data["format"], form)


def _from_saved(request: HttpRequest) -> HttpResponse:
    """Fill the form from a saved review's project file (one the reader may see)."""
    # An opaque reference, as in the review's own URL: ids must not reveal hidden reviews.
    try:
        pk = opaque.decode(request.GET.get("review", ""))
    except ValueError:
        pk = 0
    saved = policy.get_visible_or_404(request.user, ProjectReview, pk=pk)
    return _filled(request, saved.project_text, saved.project_format)


def _filled(
    request: HttpRequest, text: str, fmt: str, form: ReviewForm | None = None
) -> HttpResponse:
    """The form with a project file's contents, when the file passes the engine's checks."""
    try:
        runs.read(text, fmt)
        parsed = parse_text(text, fmt)
    except (ProjectError, ParseError) as error:
        lines = [p.render() for p in error.problems]
        return _page(request, ProjectEntry(), load_form=form, problems=lines, status=400)
    return _page(request, ProjectEntry(initial=projectfile.form_rows(parsed)), load_form=form)


def _page(
    request: HttpRequest, entry: ProjectEntry, *, status: int = 200, **extra: Any
) -> HttpResponse:
    """The project form page (or, for htmx, the same page: it selects the form)."""
    context: dict[str, Any] = {
        "entry": entry,
        "state": screeners.store_state(),
        "hs_available": hscodes.available(),
        "load_form": ReviewForm(prefix="load"),
        "save_form": _save_form(request, bound=False),
        **{k: v for k, v in extra.items() if v is not None},
    }
    return render(request, "sanctions/project.html", context, status=status)


@require_GET
def hs_search(request: HttpRequest) -> HttpResponse:
    """HS codes for a code prefix or words: a fragment for htmx, else a page of its own."""
    policy.require(request.user, policy.Cap.SCREEN)
    field = request.GET.get("field", "")
    name = field if _HS_FIELD.match(field) else "q"
    query = request.GET.get(name, "")[:200]
    context = {
        "query": query,
        "hits": hscodes.suggest(query),
        "fill": f"id_{field}" if name == field else "",
        "hs_available": hscodes.available(),
    }
    template = "sanctions/hs_hits.html" if request.htmx else "sanctions/hs_search.html"  # type: ignore[attr-defined]
    return render(request, template, context)
