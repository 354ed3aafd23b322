"""Screening runs and project reviews: the engine's own code paths, called for the desk.

Names are read into the CLI's input records and answered by the CLI's serializer
(`wgdesk.cli.screen_io`); projects are read by the rules engine's project reader, judged
by the engine `wgdesk review` builds (`wgdesk.cli.review.engine_for`) and rendered by its
report module. So the page, the HTTP API and the CLI return the same fields.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wgdesk.cli.exemption import annex_path
from wgdesk.cli.review import engine_for, installed_nomenclature
from wgdesk.cli.screen_io import TYPE_WORDS, Record, record_from_fields, screen_record
from wgdesk.rules.engine import Review
from wgdesk.rules.exemption import build_draft, render_annex_xlsx, render_docx
from wgdesk.rules.project import Project, ProjectError, read_project
from wgdesk.rules.report import to_dict
from wgdesk.rules.schema import Problem
from wgdesk.runtime import batch_collection
from wgdesk.screening.countries import country_code
from wgdesk.screening.results import Thresholds
from wgdesk.screening.screener import Screener
from wgdesk.web.sanctions.screeners import StoreState

LANGUAGES = ("en", "ko")
_BIRTH_DATE = re.compile(r"\d{4}(-\d{1,2}){0,2}\Z")


def _detail_field(detail: str) -> str | None:
    """Which query field a detail written after a name fills: type, birth date or country."""
    if detail.strip().lower() in TYPE_WORDS:
        return "type"
    if _BIRTH_DATE.match(detail):
        return "birth_date"
    return "nationality" if country_code(detail) else None


def _line_record(number: int, line: str) -> Record:
    """One line "name | detail | detail": details are a type, a birth date or a country."""
    name, *details = (part.strip() for part in line.split("|"))
    fields: dict[str, str] = {"name": name}
    for detail in filter(None, details):
        field = _detail_field(detail)
        if field is None:
            problem = (
                f"line {number}: {detail!r} is not a type (person, organization, vessel, "
                "aircraft), a birth date (YYYY, YYYY-MM or YYYY-MM-DD) or a country"
            )
            return Record(number, None, problem, None, name)
        if field in fields:
            return Record(number, None, f"line {number}: two values for {field}", None, name)
        fields[field] = detail
    return record_from_fields(number, fields)


def records_from_lines(text: str) -> list[Record]:
    """The screening page's input: one name per line, blank lines skipped."""
    lines = enumerate(text.splitlines(), 1)
    return [_line_record(number, line) for number, line in lines if line.strip()]


def records_from_queries(queries: Iterable[Any]) -> list[Record]:
    """The HTTP API's input: JSON objects with the fields of `wgdesk screen --input .jsonl`."""
    records = []
    for index, query in enumerate(queries):
        where = f"queries[{index}]"
        if isinstance(query, dict):
            records.append(record_from_fields(index + 1, query, where))
        else:
            records.append(Record(index + 1, None, f"{where}: expected a JSON object"))
    return records


def screen(
    screener: Screener,
    records: Iterable[Record],
    limit: int,
    lang: str = "en",
    reasons: bool = False,
) -> list[dict[str, Any]]:
    """Screen records in order; each answer is the contract's object (or its error object).

    ``lang`` adds the explanation in that language beside the English one (`--lang`).
    """
    with batch_collection():
        return [screen_record(screener, record, limit, lang, reasons) for record in records]


def thresholds(
    review: float | None, match: float | None, defaults: Thresholds
) -> Thresholds | None:
    """Thresholds asked for, the missing one from the defaults, as `wgdesk screen` does.

    None when neither is given; ValueError when review ends up above match.
    """
    if review is None and match is None:
        return None
    return Thresholds(
        review if review is not None else defaults.review,
        match if match is not None else defaults.match,
    )


def tally(results: Iterable[dict[str, Any]]) -> dict[str, int]:
    """How many names were screened and how each was decided (for the audit trail)."""
    counts = {"names": 0, "match": 0, "review": 0, "clear": 0, "errors": 0}
    for result in results:
        counts["names"] += 1
        counts["errors" if "error" in result else result["decision"]] += 1
    return counts


# --- project reviews --------------------------------------------------------------------


def project_format(text: str, filename: str = "") -> str:
    """json or yaml: by the file's extension, else JSON when the text is a JSON object."""
    suffix = Path(filename).suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        return "json" if suffix == ".json" else "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"


def read(text: str, fmt: str) -> Project:
    """Parse and check a project; raise ProjectError listing every problem with its place."""
    nomenclature, _warning = installed_nomenclature()
    return read_project(text, fmt, "project", nomenclature)


def problem_lines(error: ProjectError) -> list[str]:
    """Every problem as the CLI prints it, without a file name ("line 3: items[0].hs: ...")."""
    return [problem.render() for problem in error.problems]


def problem_objects(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    """Every problem as data: path, line (or null) and message."""
    return [{"path": p.path, "line": p.line, "message": p.message} for p in problems]


@dataclass
class ReviewRun:
    """A project judged on one day, with the lists its parties were screened against."""

    text: str
    fmt: str
    review: Review
    lists: StoreState

    @property
    def title(self) -> str:
        """The project's title."""
        return self.review.project.title

    @property
    def verdict(self) -> str:
        """The project's verdict."""
        return self.review.verdict.value

    def report(self, lang: str = "en") -> dict[str, Any]:
        """The JSON report of contracts.md §2, in English or Korean."""
        return to_dict(self.review, lang)

    def exemption_zip(self) -> bytes | None:
        """The exemption request draft and its Annex II, zipped; None when none is needed."""
        if not self.review.exemption.needed:
            return None
        return exemption_zip(self.review)


def run_review(
    text: str, fmt: str, day: dt.date | None, screener: Screener | None, state: StoreState
) -> ReviewRun:
    """Read and judge a project (raises ProjectError); parties screened when lists exist."""
    project = read(text, fmt)
    review = engine_for(screener).review(project, day)
    return ReviewRun(text, fmt, review, state if screener is not None else StoreState(""))


def exemption_zip(review: Review, stem: str = "exemption-request") -> bytes:
    """The request (.docx) and Annex II (.xlsx) as `wgdesk exemption` names them, in a zip:
    the English copy for the Committee, and the Korean working copy (``-ko``) for the ROK
    ministries' internal circulation (`wgdesk exemption --lang ko`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for lang, name in (("en", stem), ("ko", f"{stem}-ko")):
            request = Path(f"{name}.docx")
            annex = annex_path(request)
            draft = build_draft(review, annex.name, lang=lang)
            archive.writestr(request.name, render_docx(draft))
            archive.writestr(annex.name, render_annex_xlsx(review, lang))
    return buffer.getvalue()
