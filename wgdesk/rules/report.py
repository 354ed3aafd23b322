"""Render a review as the contract's JSON, as Markdown or as a self-contained HTML page.

The JSON follows contracts.md §2 field for field (title, verdict, items, activities,
parties, notifications, exemption_request) and adds a few fields beside them (date,
descriptions, notes, routes). Markdown and HTML render the same data for people, with
headings and rule summaries in English or Korean.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from wgdesk.mdtext import escape
from wgdesk.rules.engine import Finding, Review
from wgdesk.rules.hs import HSCode
from wgdesk.rules.i18n import label
from wgdesk.rules.model import Rule
from wgdesk.rules.vocabulary import Vocabulary
from wgdesk.screening.render import explain

FORMATS = ("json", "markdown", "html")


_SUBPARAGRAPH = re.compile(r"^(OP\d+)(\(.+\))$")


def split_paragraph(paragraph: str) -> tuple[str, str | None]:
    """Split 'OP8(a)(iii)' into the operative paragraph 'OP8' and its sub-paragraph '(a)(iii)'."""
    found = _SUBPARAGRAPH.match(paragraph)
    return (found.group(1), found.group(2)) if found else (paragraph, None)


def rule_dict(rule: Rule, lang: str) -> dict[str, Any]:
    """Return a cited rule as the contract writes it.

    `paragraph` is the operative paragraph alone ("OP8"), as the contract and programs
    that compare citations by resolution and paragraph expect; the sub-paragraph, when
    there is one, is kept beside it, and `citation` gives the full reference for people.
    """
    paragraph, subparagraph = split_paragraph(rule.paragraph)
    cited: dict[str, Any] = {
        "id": rule.id,
        "instrument": rule.instrument,
        "paragraph": paragraph,
        "confirmed": rule.confirmed,
        "summary": rule.summary.get(lang),
        "citation": rule.citation,
    }
    if subparagraph:
        cited["subparagraph"] = subparagraph
    return cited


def _finding(finding: Finding, lang: str) -> dict[str, Any]:
    """Return the verdict, cited rules and notes of one finding."""
    return {
        "verdict": finding.verdict.value,
        "rules": [rule_dict(r, lang) for r in finding.rules],
        "notes": [n.get(lang) for n in finding.notes],
    }


def _match(match: Any, lang: str) -> dict[str, Any]:
    """Return one screening candidate as `wgdesk screen --lang` writes it (English kept)."""
    found = {
        "source": match.source,
        "ref": match.ref,
        "name": match.name,
        "matched_name": match.matched_name,
        "score": round(match.score, 4),
        "explanation": match.explanation,
    }
    if lang != "en":
        found[f"explanation_{lang}"] = explain(match, lang)
    return found


def to_dict(review: Review, lang: str = "en") -> dict[str, Any]:
    """Return the report as plain data, ready for JSON."""
    need = review.exemption
    return {
        "title": review.project.title,
        "date": review.day.isoformat(),
        "verdict": review.verdict.value,
        "items": [
            {
                "id": r.item.id,
                "description": r.item.description,
                "hs": r.item.hs.digits,
                "direction": r.item.direction,
                **_finding(r.finding, lang),
            }
            for r in review.items
        ],
        "activities": [
            {"id": r.activity.id, "kind": r.activity.kind, "field": r.activity.field}
            | _finding(r.finding, lang)
            for r in review.activities
        ],
        "parties": [
            {
                "name": r.party.name,
                "role": r.party.role,
                "decision": None if r.result is None else r.decision,
                "matches": [_match(m, lang) for m in (r.result.matches if r.result else ())],
                **({"error": r.error} if r.error else {}),
                **_finding(r.finding, lang),
            }
            for r in review.parties
        ],
        "notifications": [
            {
                "to": n.to.get(lang),
                "when": n.when.get(lang),
                "why": n.why.get(lang),
                "what": n.what.get(lang),
                "rule": rule.id,
                "citation": rule.citation,
                "confirmed": n.confirmed,
                "triggered_by": ids,
            }
            for rule, n, ids in review.notifications()
        ],
        "exemption_request": {
            "needed": need.needed,
            "items": need.items,
            "activities": need.activities,
            "paragraphs": need.paragraphs,
            "routes": [rule_dict(r, lang) for r in need.routes],
            "must_cover": [t.get(lang) for t in need.must_cover],
            "cannot_be_exempted": need.cannot_be_exempted,
        },
        "notes": [n.get(lang) for n in review.notes],
    }


def render_json(review: Review, lang: str = "en") -> str:
    """Return the JSON report."""
    return json.dumps(to_dict(review, lang), ensure_ascii=False, indent=2) + "\n"


def _cite(rule: dict[str, Any], lang: str) -> str:
    """Return 'S/RES/2397 (2017) OP7 (confirmed): summary' for people."""
    status = label("confirmed" if rule["confirmed"] else "unconfirmed", lang)
    return f"{rule['citation']} ({status}): {rule['summary']}"


def _md(text: object) -> str:
    """Any text of the report on one Markdown line, rendering as itself (``mdtext``)."""
    return escape(text, inline=True)


def _md_element(heading: str, entry: dict[str, Any], lang: str) -> list[str]:
    """Render one item, activity or party as a Markdown block."""
    lines = [f"- **{label('rules', lang)}:** {_md(_cite(r, lang))}" for r in entry["rules"]]
    lines += [f"- {_md(note)}" for note in entry["notes"]]
    head = [f"### {heading} - {label(entry['verdict'], lang)}", ""]
    return [*head, *lines, ""] if lines else head


def render_markdown(review: Review, lang: str = "en") -> str:
    """Return the report as Markdown."""
    return markdown_from_data(to_dict(review, lang), lang)


def markdown_from_data(data: dict[str, Any], lang: str = "en") -> str:
    """Return a report already turned into data (``to_dict``) as Markdown."""
    out = [
        f"# {label('report_title', lang)}: {_md(data['title'])}",
        "",
        f"- **{label('verdict', lang)}:** {label(data['verdict'], lang)}",
        f"- **{label('date', lang)}:** {_md(data['date'])}",
        "",
    ]
    out += _md_section("items", data["items"], lang, _item_heading)
    out += _md_section("activities", data["activities"], lang, _activity_heading)
    out += _md_section("parties", data["parties"], lang, _party_heading)
    out += _md_notifications(data["notifications"], lang)
    out += _md_exemption(data["exemption_request"], lang)
    out += [f"## {label('notes', lang)}", ""] + [f"- {_md(n)}" for n in data["notes"]] + [""]
    out += [f"_{label('generated_by', lang)}_", ""]
    return "\n".join(out)


def _item_heading(entry: dict[str, Any], lang: str) -> str:
    """Return the heading of an item block."""
    direction = label(entry["direction"], lang)
    return f"{entry['id']}: {entry['description']} (HS {dotted(entry['hs'])}, {direction})"


def dotted(digits: str) -> str:
    """Return an HS code in its written form (8602.10)."""
    return HSCode(digits).dotted()


def _activity_heading(entry: dict[str, Any], lang: str) -> str:
    """Return the heading of an activity block."""
    field = f", {entry['field']}" if entry["field"] else ""
    kind = Vocabulary.bundled().kinds[entry["kind"]].get(lang)
    return f"{entry['id']}: {kind}{field}"


def _party_heading(entry: dict[str, Any], lang: str) -> str:
    """Return the heading of a party block."""
    decision = label(entry["decision"] or "unscreened", lang)
    role = f" ({entry['role']})" if entry["role"] else ""
    return f"{entry['name']}{role}, {label('decision', lang)}: {decision}"


def _md_section(key: str, entries: list[dict[str, Any]], lang: str, heading: Any) -> list[str]:
    """Render a section of elements, or nothing when the project has none."""
    if not entries:
        return []
    lines = [f"## {label(key, lang)}", ""]
    for entry in entries:
        lines += _md_element(_md(heading(entry, lang)), entry, lang)
    return lines


def _md_notifications(entries: list[dict[str, Any]], lang: str) -> list[str]:
    """Render the notifications owed as a table."""
    lines = [f"## {label('notifications', lang)}", ""]
    if not entries:
        return [*lines, label("none", lang), ""]
    cols = ("why", "what", "to", "when", "rule")
    lines += ["| " + " | ".join(label(c, lang) for c in cols) + " |", "|" + "---|" * len(cols)]
    for entry in entries:
        cells = [entry["why"], entry["what"], entry["to"], entry["when"], entry["citation"]]
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return [*lines, ""]


def _md_exemption(need: dict[str, Any], lang: str) -> list[str]:
    """Render whether an exemption is needed and what it must cover."""
    lines = [f"## {label('exemption_request', lang)}", ""]
    lines.append(label("needed_yes" if need["needed"] else "needed_no", lang))
    lines.append("")
    if need["items"]:
        lines.append(f"- **{label('covers_items', lang)}:** {_md(', '.join(need['items']))}")
    if need["activities"]:
        covers = _md(", ".join(need["activities"]))
        lines.append(f"- **{label('covers_activities', lang)}:** {covers}")
    if need["cannot_be_exempted"]:
        never = _md(", ".join(need["cannot_be_exempted"]))
        lines.append(f"- **{label('cannot_be_exempted', lang)}:** {never}")
    lines += [f"- **{label('routes', lang)}:** {_md(_cite(r, lang))}" for r in need["routes"]]
    if need["must_cover"]:
        lines += ["", f"**{label('must_cover', lang)}:**", ""]
        lines += [f"1. {_md(c)}" for c in need["must_cover"]]
    return [*lines, ""]


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans KR",sans-serif;margin:2rem;
max-width:60rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ccc;margin-top:2rem}
h3{font-size:1rem;margin-bottom:.3rem}.v{padding:.1rem .4rem;border-radius:.3rem;font-weight:600}
.not_restricted{background:#e3f4e3}.notification_required{background:#fff4cc}
.exemption_required{background:#ffe0c2}.prohibited{background:#f8c9c9}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;
vertical-align:top}.muted{color:#555;font-size:.9rem}
"""


def _h(text: Any) -> str:
    """Escape any value for HTML."""
    return html.escape(str(text), quote=True)


def _verdict_span(verdict: str, lang: str) -> str:
    """Return a coloured verdict badge."""
    return f'<span class="v {_h(verdict)}">{_h(label(verdict, lang))}</span>'


def _html_element(heading: str, entry: dict[str, Any], lang: str, top: int) -> list[str]:
    """Render one item, activity or party as HTML."""
    h = top + 2
    parts = [f"<h{h}>{_h(heading)} {_verdict_span(entry['verdict'], lang)}</h{h}>", "<ul>"]
    parts += [
        f"<li><strong>{_h(label('rules', lang))}:</strong> {_h(_cite(r, lang))}</li>"
        for r in entry["rules"]
    ]
    parts += [f"<li>{_h(n)}</li>" for n in entry["notes"]]
    return [*parts, "</ul>"]


def render_html(review: Review, lang: str = "en") -> str:
    """Return the report as one self-contained HTML page (no external resources)."""
    data = to_dict(review, lang)
    head = (
        f'<!DOCTYPE html>\n<html lang="{_h(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_h(label('report_title', lang))}: {_h(data['title'])}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n"
    )
    return head + html_body(data, lang) + "\n</body>\n</html>\n"


def html_body(data: dict[str, Any], lang: str = "en", top: int = 1) -> str:
    """Return the body of the HTML report, every value escaped, headings from <h{top}>.

    It carries classes only (no inline style or script), so a page under a strict
    Content-Security-Policy can embed it and style it from its own stylesheet.
    """
    h1, h2 = top, top + 1
    body = [
        f"<h{h1}>{_h(label('report_title', lang))}: {_h(data['title'])}</h{h1}>",
        f"<p>{_h(label('verdict', lang))}: {_verdict_span(data['verdict'], lang)}"
        f" &middot; {_h(label('date', lang))}: {_h(data['date'])}</p>",
    ]
    for key, heading in (
        ("items", _item_heading),
        ("activities", _activity_heading),
        ("parties", _party_heading),
    ):
        if data[key]:
            body.append(f"<h{h2}>{_h(label(key, lang))}</h{h2}>")
            for entry in data[key]:
                body += _html_element(heading(entry, lang), entry, lang, top)
    body += _html_notifications(data["notifications"], lang, h2)
    body += _html_exemption(data["exemption_request"], lang, h2)
    body += [f"<h{h2}>{_h(label('notes', lang))}</h{h2}>", "<ul>"]
    body += [f"<li>{_h(n)}</li>" for n in data["notes"]] + ["</ul>"]
    body.append(f'<p class="muted">{_h(label("generated_by", lang))}</p>')
    return "\n".join(body)


def _html_notifications(entries: list[dict[str, Any]], lang: str, h: int = 2) -> list[str]:
    """Render the notifications owed as an HTML table."""
    parts = [f"<h{h}>{_h(label('notifications', lang))}</h{h}>"]
    if not entries:
        return [*parts, f"<p>{_h(label('none', lang))}</p>"]
    cols = ("why", "what", "to", "when", "rule")
    parts.append("<table><tr>" + "".join(f"<th>{_h(label(c, lang))}</th>" for c in cols) + "</tr>")
    for e in entries:
        cells = (e["why"], e["what"], e["to"], e["when"], e["citation"])
        parts.append("<tr>" + "".join(f"<td>{_h(c)}</td>" for c in cells) + "</tr>")
    return [*parts, "</table>"]


def _html_exemption(need: dict[str, Any], lang: str, h: int = 2) -> list[str]:
    """Render the exemption section as HTML."""
    parts = [
        f"<h{h}>{_h(label('exemption_request', lang))}</h{h}>",
        f"<p>{_h(label('needed_yes' if need['needed'] else 'needed_no', lang))}</p>",
        "<ul>",
    ]
    for key, ids in (
        ("covers_items", need["items"]),
        ("covers_activities", need["activities"]),
        ("cannot_be_exempted", need["cannot_be_exempted"]),
    ):
        if ids:
            parts.append(f"<li><strong>{_h(label(key, lang))}:</strong> {_h(', '.join(ids))}</li>")
    parts += [
        f"<li><strong>{_h(label('routes', lang))}:</strong> {_h(_cite(r, lang))}</li>"
        for r in need["routes"]
    ]
    parts.append("</ul>")
    if need["must_cover"]:
        parts.append(f"<p><strong>{_h(label('must_cover', lang))}:</strong></p><ol>")
        parts += [f"<li>{_h(c)}</li>" for c in need["must_cover"]] + ["</ol>"]
    return parts


def render(review: Review, fmt: str, lang: str = "en") -> str:
    """Render a review in one of FORMATS."""
    renderers = {"json": render_json, "markdown": render_markdown, "html": render_html}
    return renderers[fmt](review, lang)
