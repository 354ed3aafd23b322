"""Draft a 1718 Committee exemption request from a reviewed project.

The draft follows the elements of the Committee's humanitarian-exemption guidelines
(Implementation Assistance Notice No. 7): the nature of the assistance, the recipients
and how they were chosen, why an exemption is needed (naming the paragraphs), a
detailed list of goods with HS codes, quantities, values and specifications (also
written as an XLSX Annex II), all parties, shipping routes and dates, financial
channels, measures against diversion, and the duration. What the project file does
not say is marked "TO BE COMPLETED", never invented.

The draft is built once as neutral blocks (paragraphs and tables of spans) and rendered
to Markdown or Word from the same blocks.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from wgdesk.mdtext import escape
from wgdesk.rules.engine import ItemReview, Review
from wgdesk.rules.model import Verdict

TBC = "TO BE COMPLETED"
COMMITTEE = "The Chair, Security Council Committee established pursuant to resolution 1718 (2006)"
ITEM_COLUMNS = (
    "No.",
    "ID",
    "Description",
    "Specification",
    "HS code",
    "Quantity",
    "Unit",
    "Value (USD)",
    "Temporary",
    "Exemption needed under",
)
PARTY_COLUMNS = ("Name", "Role", "Country", "Type", "Screening")
PARTY_ROLES_WANTED = ("supplier", "shipper", "financial institution", "consignee", "end user")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text; ``missing`` marks a field the requester must still complete."""

    text: str
    missing: bool = False


Cell = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph of spans."""

    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


Block = Paragraph | Table


@dataclass
class Section:
    """A numbered section of the request."""

    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Draft:
    """The whole request: a header, then sections."""

    title: str
    header: list[Paragraph]
    sections: list[Section]
    annex_name: str


def _todo(what: str) -> Span:
    """Return a marker for a field the project file does not give."""
    return Span(f"[{TBC}: {what}]", missing=True)


def _given(value: Any, what: str) -> Span:
    """Return the project's value, or a to-be-completed marker naming what is needed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return _todo(what)
    return Span(str(value).strip())


def _para(*spans: Span) -> Paragraph:
    """Build a paragraph."""
    return Paragraph(tuple(spans))


def _text(value: str) -> Span:
    """Return plain text."""
    return Span(value)


def _number(value: float | None, what: str) -> Span:
    """Return a number without trailing zeros, or a marker."""
    if value is None:
        return _todo(what)
    return Span(f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}")


def _header(review: Review, info: Mapping[str, Any], today: dt.date) -> list[Paragraph]:
    """Return the letter's addressing lines."""
    return [
        _para(_todo("official letterhead of the requesting State or organisation")),
        _para(_text("Date: "), _text(today.isoformat())),
        _para(_text("To: "), _text(COMMITTEE)),
        _para(_text("From: "), _given(info.get("requester"), "requesting State or organisation")),
        _para(
            _text("Submitted through: "),
            _given(
                info.get("channel"),
                "a Member State, the UN Resident Coordinator in the DPRK "
                "or the Committee Secretary",
            ),
        ),
        _para(_text("Subject: request for an exemption - "), _text(review.project.title)),
    ]


def _nature(review: Review, info: Mapping[str, Any]) -> Section:
    """Section 1: what the assistance is and how it helps civilians."""
    section = Section("1. Nature of the assistance")
    if info.get("nature"):
        section.blocks.append(_para(_given(info["nature"], "")))
    elif review.project.summary:
        section.blocks.append(_para(_text(review.project.summary.strip())))
        section.blocks.append(_para(_todo("how the project benefits the civilian population")))
    else:
        section.blocks.append(_para(_todo("the nature of the assistance and its civilian benefit")))
    return section


def _recipients(review: Review, info: Mapping[str, Any]) -> Section:
    """Section 2: the recipients in the DPRK and how beneficiaries were chosen."""
    section = Section("2. Recipients and how they were chosen")
    section.blocks.append(
        _para(_text("Recipients: "), _given(info.get("recipients"), "DPRK recipients"))
    )
    dprk = [p for p in review.project.parties if (p.country or "").upper() in ("KP", "DPRK")]
    if dprk:
        named = ", ".join(f"{p.name} ({p.role or 'role not given'})" for p in dprk)
        section.blocks.append(_para(_text(f"DPRK parties named in the project: {named}.")))
    section.blocks.append(
        _para(
            _text("Selection criteria: "),
            _given(info.get("selection_criteria"), "criteria used to select beneficiaries"),
        )
    )
    return section


def _reasons(review: Review, info: Mapping[str, Any]) -> Section:
    """Section 3: why an exemption is needed, naming each paragraph."""
    section = Section("3. Why an exemption is needed")
    need = review.exemption
    section.blocks.append(
        _para(_text(f"The project falls under {'; '.join(need.paragraphs)} as follows:"))
    )
    for r in review.items:
        if r.finding.verdict is Verdict.EXEMPTION_REQUIRED:
            cites = "; ".join(f"{x.citation}: {x.summary.en}" for x in r.finding.rules)
            what = f"{r.item.id} ({r.item.description}, HS {r.item.hs.dotted()})"
            section.blocks.append(_para(_text(f"- goods {what}: {cites}")))
    for a in review.activities:
        if a.finding.verdict is Verdict.EXEMPTION_REQUIRED:
            cites = "; ".join(f"{x.citation}: {x.summary.en}" for x in a.finding.rules)
            section.blocks.append(
                _para(_text(f"- activity {a.activity.id} ({a.activity.kind}): {cites}"))
            )
    routes = "; ".join(f"{r.citation} ({r.summary.en})" for r in need.routes)
    if routes:
        section.blocks.append(
            _para(_text(f"The Committee is asked to grant the exemption under {routes}."))
        )
    if need.cannot_be_exempted:
        section.blocks.append(
            _para(
                Span(
                    "Not included: "
                    + ", ".join(need.cannot_be_exempted)
                    + " fall under measures without an exemption route and must be removed "
                    "from the project.",
                    missing=True,
                )
            )
        )
    if info.get("reasons"):
        section.blocks.append(_para(_given(info["reasons"], "")))
    return section


def item_rows(items: Sequence[ItemReview]) -> list[tuple[Cell, ...]]:
    """Return the Annex II rows: one per item, with what is missing marked."""
    rows: list[tuple[Cell, ...]] = []
    for number, r in enumerate(items, 1):
        item = r.item
        restricted = (
            "; ".join(x.citation for x in r.finding.rules)
            if r.finding.verdict is Verdict.EXEMPTION_REQUIRED
            else "not needed"
            if r.finding.verdict is not Verdict.PROHIBITED
            else "prohibited: no route"
        )
        rows.append(
            (
                (_text(str(number)),),
                (_text(item.id),),
                (_given(item.description, "description"),),
                (_given(item.specification, "specification (model, capacity, dimensions)"),),
                (_text(item.hs.dotted()),),
                (_number(item.quantity, "quantity"),),
                (_given(item.unit, "unit"),),
                (_number(item.value_usd, "value"),),
                (_text("yes, to be brought back" if item.temporary else "no"),),
                (_text(restricted),),
            )
        )
    return rows


def _goods(review: Review, annex_name: str) -> Section:
    """Section 4: the detailed list of goods and services."""
    section = Section("4. Goods and services to be provided")
    section.blocks.append(
        _para(
            _text(
                "The full list with HS codes, quantities, values and specifications "
                f"is in Annex II ({annex_name})."
            )
        )
    )
    if review.items:
        section.blocks.append(Table(ITEM_COLUMNS, tuple(item_rows(review.items))))
    for a in review.activities:
        needed = a.finding.verdict is Verdict.EXEMPTION_REQUIRED
        description = a.activity.description or a.activity.kind
        suffix = " (exemption needed)" if needed else ""
        section.blocks.append(
            _para(_text(f"Service or activity {a.activity.id}: {description}{suffix}."))
        )
    return section


def party_rows(review: Review) -> list[tuple[Cell, ...]]:
    """Return one row per party, with its screening decision."""
    return [
        (
            (_text(p.party.name),),
            (_given(p.party.role, "role"),),
            (_given(p.party.country, "country"),),
            (_given(p.party.type, "type"),),
            (_text(p.decision),),
        )
        for p in review.parties
    ]


def _parties(review: Review) -> Section:
    """Section 5: every party to the transfer, and the roles still missing."""
    section = Section("5. Parties to the transfer")
    if review.parties:
        section.blocks.append(Table(PARTY_COLUMNS, tuple(party_rows(review))))
    roles = " ".join((p.role or "").lower() for p in review.project.parties)
    missing = [r for r in PARTY_ROLES_WANTED if r not in roles]
    if missing:
        section.blocks.append(_para(_todo(f"name the {', '.join(missing)}")))
    return section


def _shipping(review: Review, info: Mapping[str, Any]) -> Section:
    """Section 6: routes, entry points, dates and number of shipments."""
    section = Section("6. Shipping routes and dates")
    section.blocks += [
        _para(_text("Route: "), _given(info.get("shipping_route"), "route and means of transport")),
        _para(
            _text("Point of entry into the DPRK: "),
            _given(info.get("entry_point"), "port or border crossing"),
        ),
        _para(
            _text("Dates: "), _given(info.get("shipping_dates") or _dates(review), "shipping dates")
        ),
        _para(
            _text("Number of shipments: "),
            _given(
                info.get("shipments"), "number of shipments (up to three under the 2020 guidelines)"
            ),
        ),
    ]
    return section


def _dates(review: Review) -> str | None:
    """Return the project's dates as a span of text, if given."""
    start, end = review.project.start, review.project.end
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()} (project dates)"
    return start.isoformat() + " (project start)" if start else None


def _simple(title: str, label: str, value: Any, what: str) -> Section:
    """Return a section of one labelled field."""
    return Section(title, [_para(_text(label), _given(value, what))])


def _duration(review: Review, info: Mapping[str, Any]) -> Section:
    """Section 9: the duration, with the usual validity of exemptions."""
    section = _simple(
        "9. Duration",
        "Duration: ",
        info.get("duration") or _dates(review),
        "duration of the project",
    )
    section.blocks.append(
        _para(
            _text(
                "Approved exemptions have been valid for six months; since the 2020 revision "
                "of the guidelines, nine months where there is a well-founded justification."
            )
        )
    )
    return section


def build_draft(review: Review, annex_name: str, today: dt.date | None = None) -> Draft:
    """Build the request's blocks from a review and the project's exemption block."""
    info = review.project.exemption
    sections = [
        _nature(review, info),
        _recipients(review, info),
        _reasons(review, info),
        _goods(review, annex_name),
        _parties(review),
        _shipping(review, info),
        _simple(
            "7. Financial transactions and banking channels",
            "Channels: ",
            info.get("financial_channels"),
            "banks and payment channels",
        ),
        _simple(
            "8. Measures against diversion",
            "Measures: ",
            info.get("monitoring"),
            "monitoring and anti-diversion measures",
        ),
        _duration(review, info),
        _simple(
            "10. Contact point",
            "Contact: ",
            info.get("contact"),
            "name, function, e-mail and telephone",
        ),
    ]
    title = f"Request for an exemption: {review.project.title}"
    return Draft(title, _header(review, info, today or dt.date.today()), sections, annex_name)


def _md_span(text: str, missing: bool) -> str:
    """One span's text, escaped, bold when missing, keeping the spaces at its ends."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() and text.strip() else ""
    body = escape(text, inline=True)
    return f"{lead}**{body}**{trail}" if missing and body else f"{lead}{body}{trail}"


def _md_spans(spans: Sequence[Span]) -> str:
    """Render spans as Markdown, marking missing fields in bold."""
    return "".join(_md_span(s.text, s.missing) for s in spans)


def render_markdown(draft: Draft) -> str:
    """Return the request as Markdown."""
    lines = [f"# {escape(draft.title, inline=True)}", ""]
    lines += [_md_spans(p.spans) + "  " for p in draft.header] + [""]
    for section in draft.sections:
        lines += [f"## {escape(section.title, inline=True)}", ""]
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lines += [_md_spans(block.spans), ""]
                continue
            lines.append("| " + " | ".join(escape(h, inline=True) for h in block.headers) + " |")
            lines.append("|" + "---|" * len(block.headers))
            lines += [
                "| " + " | ".join(_md_spans(cell) for cell in row) + " |" for row in block.rows
            ]
            lines.append("")
    return "\n".join(lines)


def render_docx(draft: Draft) -> bytes:
    """Return the request as a Word document, missing fields highlighted."""
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX

    document = Document()
    document.add_heading(draft.title, level=1)

    def spans_into(paragraph: Any, spans: Sequence[Span]) -> None:
        for span in spans:
            run = paragraph.add_run(span.text)
            if span.missing:
                run.bold = True
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    for header in draft.header:
        spans_into(document.add_paragraph(), header.spans)
    for section in draft.sections:
        document.add_heading(section.title, level=2)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                spans_into(document.add_paragraph(), block.spans)
                continue
            table = document.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            for cell, heading in zip(table.rows[0].cells, block.headers, strict=True):
                cell.text = heading
            for row in block.rows:
                cells = table.add_row().cells
                for cell, spans in zip(cells, row, strict=True):
                    spans_into(cell.paragraphs[0], spans)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_annex_xlsx(review: Review) -> bytes:
    """Return Annex II (items and specifications, and the parties) as an Excel workbook."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Annex II - items"
    missing_fill = PatternFill("solid", fgColor="FFFF00")
    tables: list[tuple[Any, tuple[str, ...], list[tuple[Cell, ...]]]] = [
        (sheet, ITEM_COLUMNS, item_rows(review.items)),
        (workbook.create_sheet("Parties"), PARTY_COLUMNS, party_rows(review)),
    ]
    for ws, headers, rows in tables:
        ws.append(list(headers))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_cell_value(spans) for spans in row])
            for cell, spans in zip(ws[ws.max_row], row, strict=True):
                if any(s.missing for s in spans):
                    cell.fill = missing_fill
        for index, header in enumerate(headers, 1):
            ws.column_dimensions[get_column_letter(index)].width = max(12, len(header) + 4)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell_value(spans: Sequence[Span]) -> str:
    """Return a spreadsheet cell's text; formulas are neutralised (CSV/XLSX injection)."""
    text = "".join(s.text for s in spans)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
