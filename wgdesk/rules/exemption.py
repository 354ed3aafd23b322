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

The copy for the Committee is in English. ``lang="ko"`` gives a Korean working copy of
the same draft for the ROK ministries' internal circulation: the same blocks, with the
request's own words in Korean (``KO``) and the rule summaries in Korean; the project's
data (names, descriptions, HS codes, citations) stay as written.
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
LANGUAGES = ("en", "ko")
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


class Words:
    """The request's own words in one language: English as written here, or Korean (KO)."""

    def __init__(self, lang: str = "en") -> None:
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
        self.lang = lang

    def __call__(self, english: str, **values: object) -> str:
        """Return a phrase in the draft's language, its {placeholders} filled."""
        template = KO.get(english, english) if self.lang == "ko" else english
        return template.format(**values) if values else template

    def summary(self, rule: Any) -> str:
        """Return a rule's summary in the draft's language."""
        return str(rule.summary.get(self.lang))


ENGLISH = Words()


def _todo(what: str, t: Words = ENGLISH) -> Span:
    """Return a marker for a field the project file does not give."""
    return Span(f"[{t(TBC)}: {t(what)}]", missing=True)


def _given(value: Any, what: str, t: Words = ENGLISH) -> Span:
    """Return the project's value, or a to-be-completed marker naming what is needed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return _todo(what, t)
    return Span(str(value).strip())


def _para(*spans: Span) -> Paragraph:
    """Build a paragraph."""
    return Paragraph(tuple(spans))


def _text(value: str) -> Span:
    """Return plain text."""
    return Span(value)


def _number(value: float | None, what: str, t: Words = ENGLISH) -> Span:
    """Return a number without trailing zeros, or a marker."""
    if value is None:
        return _todo(what, t)
    return Span(f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}")


def _header(
    review: Review, info: Mapping[str, Any], today: dt.date, t: Words = ENGLISH
) -> list[Paragraph]:
    """Return the letter's addressing lines."""
    return [
        _para(_todo("official letterhead of the requesting State or organisation", t)),
        _para(_text(t("Date: ")), _text(today.isoformat())),
        _para(_text(t("To: ")), _text(t(COMMITTEE))),
        _para(
            _text(t("From: ")),
            _given(info.get("requester"), "requesting State or organisation", t),
        ),
        _para(
            _text(t("Submitted through: ")),
            _given(
                info.get("channel"),
                "a Member State, the UN Resident Coordinator in the DPRK "
                "or the Committee Secretary",
                t,
            ),
        ),
        _para(_text(t("Subject: request for an exemption - ")), _text(review.project.title)),
    ]


def _nature(review: Review, info: Mapping[str, Any], t: Words = ENGLISH) -> Section:
    """Section 1: what the assistance is and how it helps civilians."""
    section = Section(t("1. Nature of the assistance"))
    if info.get("nature"):
        section.blocks.append(_para(_given(info["nature"], "", t)))
    elif review.project.summary:
        section.blocks.append(_para(_text(review.project.summary.strip())))
        section.blocks.append(_para(_todo("how the project benefits the civilian population", t)))
    else:
        what = "the nature of the assistance and its civilian benefit"
        section.blocks.append(_para(_todo(what, t)))
    return section


def _recipients(review: Review, info: Mapping[str, Any], t: Words = ENGLISH) -> Section:
    """Section 2: the recipients in the DPRK and how beneficiaries were chosen."""
    section = Section(t("2. Recipients and how they were chosen"))
    section.blocks.append(
        _para(_text(t("Recipients: ")), _given(info.get("recipients"), "DPRK recipients", t))
    )
    dprk = [p for p in review.project.parties if (p.country or "").upper() in ("KP", "DPRK")]
    if dprk:
        named = ", ".join(f"{p.name} ({p.role or t('role not given')})" for p in dprk)
        section.blocks.append(
            _para(_text(t("DPRK parties named in the project: {named}.", named=named)))
        )
    section.blocks.append(
        _para(
            _text(t("Selection criteria: ")),
            _given(info.get("selection_criteria"), "criteria used to select beneficiaries", t),
        )
    )
    return section


def _reasons(review: Review, info: Mapping[str, Any], t: Words = ENGLISH) -> Section:
    """Section 3: why an exemption is needed, naming each paragraph."""
    section = Section(t("3. Why an exemption is needed"))
    need = review.exemption
    paragraphs = "; ".join(need.paragraphs)
    section.blocks.append(
        _para(_text(t("The project falls under {paragraphs} as follows:", paragraphs=paragraphs)))
    )
    for r in review.items:
        if r.finding.verdict is Verdict.EXEMPTION_REQUIRED:
            cites = "; ".join(f"{x.citation}: {t.summary(x)}" for x in r.finding.rules)
            what = f"{r.item.id} ({r.item.description}, HS {r.item.hs.dotted()})"
            section.blocks.append(
                _para(_text(t("- goods {what}: {cites}", what=what, cites=cites)))
            )
    for a in review.activities:
        if a.finding.verdict is Verdict.EXEMPTION_REQUIRED:
            cites = "; ".join(f"{x.citation}: {t.summary(x)}" for x in a.finding.rules)
            what = f"{a.activity.id} ({a.activity.kind})"
            section.blocks.append(
                _para(_text(t("- activity {what}: {cites}", what=what, cites=cites)))
            )
    routes = "; ".join(f"{r.citation} ({t.summary(r)})" for r in need.routes)
    if routes:
        asked = t("The Committee is asked to grant the exemption under {routes}.", routes=routes)
        section.blocks.append(_para(_text(asked)))
    if need.cannot_be_exempted:
        removed = ", ".join(need.cannot_be_exempted)
        section.blocks.append(
            _para(
                Span(
                    t(
                        "Not included: {removed} fall under measures without an exemption "
                        "route and must be removed from the project.",
                        removed=removed,
                    ),
                    missing=True,
                )
            )
        )
    if info.get("reasons"):
        section.blocks.append(_para(_given(info["reasons"], "", t)))
    return section


def item_rows(items: Sequence[ItemReview], t: Words = ENGLISH) -> list[tuple[Cell, ...]]:
    """Return the Annex II rows: one per item, with what is missing marked."""
    rows: list[tuple[Cell, ...]] = []
    for number, r in enumerate(items, 1):
        item = r.item
        restricted = (
            "; ".join(x.citation for x in r.finding.rules)
            if r.finding.verdict is Verdict.EXEMPTION_REQUIRED
            else t("not needed")
            if r.finding.verdict is not Verdict.PROHIBITED
            else t("prohibited: no route")
        )
        rows.append(
            (
                (_text(str(number)),),
                (_text(item.id),),
                (_given(item.description, "description", t),),
                (_given(item.specification, "specification (model, capacity, dimensions)", t),),
                (_text(item.hs.dotted()),),
                (_number(item.quantity, "quantity", t),),
                (_given(item.unit, "unit", t),),
                (_number(item.value_usd, "value", t),),
                (_text(t("yes, to be brought back") if item.temporary else t("no")),),
                (_text(restricted),),
            )
        )
    return rows


def _goods(review: Review, annex_name: str, t: Words = ENGLISH) -> Section:
    """Section 4: the detailed list of goods and services."""
    section = Section(t("4. Goods and services to be provided"))
    full_list = t(
        "The full list with HS codes, quantities, values and specifications "
        "is in Annex II ({annex_name}).",
        annex_name=annex_name,
    )
    section.blocks.append(_para(_text(full_list)))
    if review.items:
        headers = tuple(t(h) for h in ITEM_COLUMNS)
        section.blocks.append(Table(headers, tuple(item_rows(review.items, t))))
    for a in review.activities:
        needed = a.finding.verdict is Verdict.EXEMPTION_REQUIRED
        description = a.activity.description or a.activity.kind
        suffix = t(" (exemption needed)") if needed else ""
        line = t(
            "Service or activity {id}: {description}{suffix}.",
            id=a.activity.id,
            description=description,
            suffix=suffix,
        )
        section.blocks.append(_para(_text(line)))
    return section


def party_rows(review: Review, t: Words = ENGLISH) -> list[tuple[Cell, ...]]:
    """Return one row per party, with its screening decision."""
    return [
        (
            (_text(p.party.name),),
            (_given(p.party.role, "role", t),),
            (_given(p.party.country, "country", t),),
            (_given(p.party.type, "type", t),),
            (_text(t(str(p.decision))),),
        )
        for p in review.parties
    ]


def _parties(review: Review, t: Words = ENGLISH) -> Section:
    """Section 5: every party to the transfer, and the roles still missing."""
    section = Section(t("5. Parties to the transfer"))
    if review.parties:
        headers = tuple(t(h) for h in PARTY_COLUMNS)
        section.blocks.append(Table(headers, tuple(party_rows(review, t))))
    roles = " ".join((p.role or "").lower() for p in review.project.parties)
    missing = [r for r in PARTY_ROLES_WANTED if r not in roles]
    if missing:
        named = ", ".join(t(r) for r in missing)
        section.blocks.append(
            _para(Span(f"[{t(TBC)}: {t('name the {roles}', roles=named)}]", True))
        )
    return section


def _shipping(review: Review, info: Mapping[str, Any], t: Words = ENGLISH) -> Section:
    """Section 6: routes, entry points, dates and number of shipments."""
    section = Section(t("6. Shipping routes and dates"))
    section.blocks += [
        _para(
            _text(t("Route: ")),
            _given(info.get("shipping_route"), "route and means of transport", t),
        ),
        _para(
            _text(t("Point of entry into the DPRK: ")),
            _given(info.get("entry_point"), "port or border crossing", t),
        ),
        _para(
            _text(t("Dates: ")),
            _given(info.get("shipping_dates") or _dates(review, t), "shipping dates", t),
        ),
        _para(
            _text(t("Number of shipments: ")),
            _given(
                info.get("shipments"),
                "number of shipments (up to three under the 2020 guidelines)",
                t,
            ),
        ),
    ]
    return section


def _dates(review: Review, t: Words = ENGLISH) -> str | None:
    """Return the project's dates as a span of text, if given."""
    start, end = review.project.start, review.project.end
    if start and end:
        return t("{start} to {end} (project dates)", start=start.isoformat(), end=end.isoformat())
    return t("{start} (project start)", start=start.isoformat()) if start else None


def _simple(title: str, label: str, value: Any, what: str, t: Words = ENGLISH) -> Section:
    """Return a section of one labelled field."""
    return Section(t(title), [_para(_text(t(label)), _given(value, what, t))])


def _duration(review: Review, info: Mapping[str, Any], t: Words = ENGLISH) -> Section:
    """Section 9: the duration, with the usual validity of exemptions."""
    section = _simple(
        "9. Duration",
        "Duration: ",
        info.get("duration") or _dates(review, t),
        "duration of the project",
        t,
    )
    section.blocks.append(
        _para(
            _text(
                t(
                    "Approved exemptions have been valid for six months; since the 2020 "
                    "revision of the guidelines, nine months where there is a well-founded "
                    "justification."
                )
            )
        )
    )
    return section


def build_draft(
    review: Review, annex_name: str, today: dt.date | None = None, lang: str = "en"
) -> Draft:
    """Build the request's blocks from a review and the project's exemption block.

    ``lang="ko"`` gives the Korean working copy (the Committee's copy is the English one).
    """
    t = Words(lang)
    info = review.project.exemption
    sections = [
        _nature(review, info, t),
        _recipients(review, info, t),
        _reasons(review, info, t),
        _goods(review, annex_name, t),
        _parties(review, t),
        _shipping(review, info, t),
        _simple(
            "7. Financial transactions and banking channels",
            "Channels: ",
            info.get("financial_channels"),
            "banks and payment channels",
            t,
        ),
        _simple(
            "8. Measures against diversion",
            "Measures: ",
            info.get("monitoring"),
            "monitoring and anti-diversion measures",
            t,
        ),
        _duration(review, info, t),
        _simple(
            "10. Contact point",
            "Contact: ",
            info.get("contact"),
            "name, function, e-mail and telephone",
            t,
        ),
    ]
    title = t("Request for an exemption: {title}", title=review.project.title)
    header = _header(review, info, today or dt.date.today(), t)
    return Draft(title, header, sections, annex_name)


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


def render_annex_xlsx(review: Review, lang: str = "en") -> bytes:
    """Return Annex II (items and specifications, and the parties) as an Excel workbook."""
    t = Words(lang)
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = t("Annex II - items")
    missing_fill = PatternFill("solid", fgColor="FFFF00")
    tables: list[tuple[Any, tuple[str, ...], list[tuple[Cell, ...]]]] = [
        (sheet, tuple(t(h) for h in ITEM_COLUMNS), item_rows(review.items, t)),
        (
            workbook.create_sheet(t("Parties")),
            tuple(t(h) for h in PARTY_COLUMNS),
            party_rows(review, t),
        ),
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


# The Korean working copy's words, by their English (the keys are the English as written
# above, placeholders and all; a test checks the Korean copy leaves none in English).
KO: dict[str, str] = {
    TBC: "작성 필요",
    COMMITTEE: "결의 제1718호(2006)에 따라 설치된 안전보장이사회 위원회 의장",
    "official letterhead of the requesting State or organisation": (
        "신청 국가 또는 기관의 공식 서두"
    ),
    "Date: ": "일자: ",
    "To: ": "수신: ",
    "From: ": "발신: ",
    "requesting State or organisation": "신청 국가 또는 기관",
    "Submitted through: ": "제출 경로: ",
    "a Member State, the UN Resident Coordinator in the DPRK or the Committee Secretary": (
        "회원국, 주북한 유엔 상주조정관 또는 위원회 사무국"
    ),
    "Subject: request for an exemption - ": "제목: 제재 면제 신청 - ",
    "Request for an exemption: {title}": "제재 면제 신청: {title}",
    "1. Nature of the assistance": "1. 지원의 성격",
    "how the project benefits the civilian population": "사업이 민간인에게 주는 혜택",
    "the nature of the assistance and its civilian benefit": "지원의 성격과 민간인 혜택",
    "2. Recipients and how they were chosen": "2. 수혜자와 선정 방법",
    "Recipients: ": "수혜자: ",
    "DPRK recipients": "북한 내 수혜자",
    "role not given": "역할 미기재",
    "DPRK parties named in the project: {named}.": "사업에 명시된 북측 당사자: {named}.",
    "Selection criteria: ": "선정 기준: ",
    "criteria used to select beneficiaries": "수혜자 선정 기준",
    "3. Why an exemption is needed": "3. 면제가 필요한 이유",
    "The project falls under {paragraphs} as follows:": (
        "이 사업은 다음과 같이 {paragraphs}에 해당한다:"
    ),
    "- goods {what}: {cites}": "- 물품 {what}: {cites}",
    "- activity {what}: {cites}": "- 활동 {what}: {cites}",
    "The Committee is asked to grant the exemption under {routes}.": (
        "위원회에 {routes}에 따른 면제를 요청한다."
    ),
    "Not included: {removed} fall under measures without an exemption route and must be "
    "removed from the project.": (
        "제외 대상: {removed}은(는) 면제 경로가 없는 조치에 해당하므로 사업에서 빼야 한다."
    ),
    "4. Goods and services to be provided": "4. 제공할 물품과 용역",
    "The full list with HS codes, quantities, values and specifications is in Annex II "
    "({annex_name}).": (
        "HS 코드, 수량, 금액, 사양을 담은 전체 목록은 부속서 II({annex_name})에 있다."
    ),
    " (exemption needed)": " (면제 필요)",
    "Service or activity {id}: {description}{suffix}.": (
        "용역 또는 활동 {id}: {description}{suffix}."
    ),
    "No.": "번호",
    "ID": "ID",
    "Description": "품명",
    "Specification": "사양",
    "HS code": "HS 코드",
    "Quantity": "수량",
    "Unit": "단위",
    "Value (USD)": "금액(미화 달러)",
    "Temporary": "일시 반출",
    "Exemption needed under": "면제 근거 조항",
    "description": "품명",
    "specification (model, capacity, dimensions)": "사양(모델, 용량, 규격)",
    "quantity": "수량",
    "unit": "단위",
    "value": "금액",
    "yes, to be brought back": "예, 반입 예정",
    "no": "아니요",
    "not needed": "필요 없음",
    "prohibited: no route": "금지: 면제 경로 없음",
    "5. Parties to the transfer": "5. 이전 관련 당사자",
    "Name": "이름",
    "Role": "역할",
    "Country": "국가",
    "Type": "유형",
    "Screening": "제재 대상 심사",
    "role": "역할",
    "country": "국가",
    "type": "유형",
    "match": "일치",
    "review": "검토 필요",
    "clear": "해당 없음",
    "None": "심사 불가",
    "name the {roles}": "{roles} 명시",
    "supplier": "공급자",
    "shipper": "운송인",
    "financial institution": "금융기관",
    "consignee": "수하인",
    "end user": "최종 사용자",
    "6. Shipping routes and dates": "6. 운송 경로와 일정",
    "Route: ": "경로: ",
    "route and means of transport": "경로와 운송 수단",
    "Point of entry into the DPRK: ": "북한 반입 지점: ",
    "port or border crossing": "항구 또는 국경 통과 지점",
    "Dates: ": "일정: ",
    "shipping dates": "운송 일정",
    "Number of shipments: ": "운송 횟수: ",
    "number of shipments (up to three under the 2020 guidelines)": (
        "운송 횟수(2020년 지침상 최대 3회)"
    ),
    "{start} to {end} (project dates)": "{start} ~ {end} (사업 기간)",
    "{start} (project start)": "{start} (사업 시작)",
    "7. Financial transactions and banking channels": "7. 금융 거래와 송금 경로",
    "Channels: ": "경로: ",
    "banks and payment channels": "은행과 지급 경로",
    "8. Measures against diversion": "8. 전용 방지 조치",
    "Measures: ": "조치: ",
    "monitoring and anti-diversion measures": "모니터링과 전용 방지 조치",
    "9. Duration": "9. 기간",
    "Duration: ": "기간: ",
    "duration of the project": "사업 기간",
    "Approved exemptions have been valid for six months; since the 2020 revision of the "
    "guidelines, nine months where there is a well-founded justification.": (
        "승인된 면제의 유효 기간은 6개월이었으며, 2020년 지침 개정 이후에는 타당한 근거가 "
        "있으면 9개월이다."
    ),
    "10. Contact point": "10. 연락 담당자",
    "Contact: ": "연락처: ",
    "name, function, e-mail and telephone": "이름, 직함, 이메일, 전화번호",
    "Annex II - items": "부속서 II - 물품",
    "Parties": "당사자",
}
