"""`wgdesk exemption`: draft a 1718 Committee exemption request (.docx or .md) and Annex II (.xlsx).

Exit codes: 0 on success or when no exemption is needed (nothing is written then unless
--force); 2 for a project file with problems, an unsupported output name or unreadable
lists. Files are built in memory and written atomically, so a failed run writes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from wgdesk.cli.review import (
    DATE_OPTION,
    LIST_OPTION,
    build_engine,
    read_project_or_exit,
    run_review,
)
from wgdesk.rules.exemption import build_draft, render_annex_xlsx, render_docx, render_markdown
from wgdesk.rules.files import atomic_write_all

SUFFIXES = (".docx", ".md")


def annex_path(out: Path) -> Path:
    """Return the Annex II workbook's path beside the request."""
    return out.with_name(f"{out.stem}-annex-II.xlsx")


@click.command("exemption")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The request to write: a .docx or .md file (Annex II .xlsx is written beside it).",
)
@LIST_OPTION
@DATE_OPTION
@click.option(
    "--force", is_flag=True, help="Draft a request even when the review finds none is needed."
)
@click.option(
    "--lang",
    type=click.Choice(["en", "ko"]),
    default="en",
    show_default=True,
    help="en: the request for the Committee; ko: a Korean working copy for the ROK "
    "ministries' internal circulation (the Committee's copy stays English).",
)
def exemption(
    project: Path,
    out: Path,
    lists: tuple[str, ...],
    day: dt.datetime | None,
    force: bool,
    lang: str,
) -> None:
    """Draft an exemption request to the 1718 Committee for PROJECT.yaml|json."""
    if out.suffix.lower() not in SUFFIXES:
        raise click.BadParameter("the request must be a .docx or .md file", param_hint="--out")
    loaded = read_project_or_exit(project)
    review = run_review(loaded, build_engine(lists), day)
    if not review.exemption.needed and not force:
        click.echo(
            f"no exemption is needed (verdict: {review.verdict.value}); nothing written "
            "(use --force to draft one anyway)",
            err=True,
        )
        return
    annex = annex_path(out)
    draft = build_draft(review, annex.name, lang=lang)
    body = (
        render_docx(draft)
        if out.suffix.lower() == ".docx"
        else render_markdown(draft).encode("utf-8")
    )
    atomic_write_all({out: body, annex: render_annex_xlsx(review, lang)})
    click.echo(f"wrote {out} and {annex}", err=True)
