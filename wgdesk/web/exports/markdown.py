"""Minutes as Markdown: both languages, with the meeting's decisions, actions and notes."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from wgdesk.web.exports.queries import MinutesBundle

# Characters that Markdown would read as markup anywhere in a line, and at a line's start.
_INLINE = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(\s*)([#>+-]|\d+[.)])", re.MULTILINE)


def escape(text: str) -> str:
    """Make a user's text render as itself: no links, HTML, emphasis, headings or lists."""
    return _LINE_START.sub(r"\1\\\2", _INLINE.sub(r"\\\1", text))


def _pair(ko: str, en: str) -> str:
    """Both languages of a short text on one line."""
    return " / ".join(escape(text) for text in (ko, en) if text)


def _heading(bundle: MinutesBundle) -> list[str]:
    """Title and the facts of the meeting."""
    meeting, minutes = bundle.meeting, bundle.minutes
    return [
        f"# {_pair(meeting.title_ko, meeting.title_en)}",
        "",
        f"- {_('Working group')}: {_pair(bundle.group.name_ko, bundle.group.name_en)}",
        f"- {_('Date')}: {meeting.starts_at:%Y-%m-%d %H:%M %Z}",
        f"- {_('Place')}: {escape(meeting.place)} ({meeting.get_format_display()})",
        f"- {_('Status')}: {minutes.get_status_display()} · {_('Revision')} {minutes.revision}",
        f"- {_('Classification')}: {minutes.get_classification_display()}",
        "",
    ]


def _body(bundle: MinutesBundle) -> list[str]:
    """The minutes in Korean, then in English."""
    lines = [f"## {_('Agenda')}", ""]
    lines += [f"{n}. {_pair(i.title_ko, i.title_en)}" for n, i in enumerate(bundle.agenda, 1)]
    for label, text in (
        (_("Minutes (Korean)"), bundle.minutes.body_ko),
        (_("Minutes (English)"), bundle.minutes.body_en),
    ):
        lines += ["", f"## {label}", "", escape(text) or "—"]
    return lines


def _outcomes(bundle: MinutesBundle) -> list[str]:
    """Decisions, action items, approvals and the notes the exporting user may see."""
    lines = ["", f"## {_('Decisions')}", ""]
    lines += [f"- {_pair(d.text_ko, d.text_en)}" for d in bundle.decisions] or ["—"]
    lines += ["", f"## {_('Action items')}", ""]
    lines += [
        f"- {_pair(a.title_ko, a.title_en)} — {escape(str(a.owner))} ({a.side.code}), "
        f"{_('due')} {a.due_on:%Y-%m-%d}, {a.get_status_display()}"
        for a in bundle.actions
    ] or ["—"]
    lines += ["", f"## {_('Approvals')}", ""]
    lines += [
        f"- {escape(str(a.side))}: {escape(str(a.member))}, {a.approved_at:%Y-%m-%d %H:%M %Z}"
        for a in bundle.approvals
    ] or ["—"]
    if bundle.notes:
        lines += ["", f"## {_('Notes')}", ""]
        lines += [
            f"- [{n.side.code}, {n.get_visibility_display()}] {escape(n.body)}"
            for n in bundle.notes
        ]
    return lines


def minutes_markdown(bundle: MinutesBundle) -> str:
    """The whole Markdown document."""
    footer = _("Exported by %(who)s on %(when)s.") % {
        "who": bundle.exported_by,
        "when": f"{bundle.exported_at:%Y-%m-%d %H:%M %Z}",
    }
    lines = [*_heading(bundle), *_body(bundle), *_outcomes(bundle), "", "---", "", footer]
    return "\n".join(lines) + "\n"
