"""Minutes as Markdown: both languages, with the meeting's decisions, actions and notes."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from wgdesk.mdtext import escape
from wgdesk.web.core import zones
from wgdesk.web.core.scoping import portion_legend, portion_mark
from wgdesk.web.exports.queries import MinutesBundle


def _line(text: object) -> str:
    """A user's text on one line (heading, list item), rendering as itself (mdtext)."""
    return escape(text, inline=True)


def _pair(ko: str, en: str) -> str:
    """Both languages of a short text on one line."""
    return " / ".join(_line(text) for text in (ko, en) if text)


def _labels() -> dict[str, str]:
    """The document's headings in the active language (gettext cannot see into f-strings)."""
    return {
        "Working group": _("Working group"),
        "Date": _("Date"),
        "Place": _("Place"),
        "Status": _("Status"),
        "Revision": _("Revision"),
        "Classification": _("Classification"),
        "Agenda": _("Agenda"),
        "Decisions": _("Decisions"),
        "Action items": _("Action items"),
        "due": _("Due"),
        "Approvals": _("Approvals"),
        "Notes": _("Notes"),
    }


def _meeting_time(bundle: MinutesBundle) -> str:
    """The meeting's start where it is held, and in the exporting reader's zone."""
    meeting = bundle.meeting
    return zones.meeting_time(meeting.starts_at, meeting.zone, timezone.get_current_timezone())


def _stamp(moment: datetime) -> str:
    """An instant in the exporting reader's zone, with the zone."""
    return zones.stamp(moment, timezone.get_current_timezone())


def _heading(bundle: MinutesBundle) -> list[str]:
    """Title and the facts of the meeting."""
    meeting, minutes, label = bundle.meeting, bundle.minutes, _labels()
    return [
        f"# {_pair(meeting.title.ko, meeting.title.en)}",
        "",
        f"- {label['Working group']}: {_pair(bundle.group.name.ko, bundle.group.name.en)}",
        f"- {label['Date']}: {_meeting_time(bundle)} ({meeting.time_zone})",
        f"- {label['Place']}: {_pair(meeting.place.ko, meeting.place.en)}"
        f" ({meeting.get_format_display()})",
        f"- {label['Status']}: {minutes.get_status_display()}"
        f" · {label['Revision']} {minutes.revision}",
        # The highest marking of anything the export shows, as the PDF's banners say.
        f"- {label['Classification']}: {bundle.marking_label}",
        f"- {_('Portion marks')}: {portion_legend()}",
        "",
    ]


def _body(bundle: MinutesBundle) -> list[str]:
    """The minutes in Korean, then in English."""
    label = _labels()
    unclassified = portion_mark(0)  # agenda items carry no classification of their own
    lines = [f"## {label['Agenda']}", ""]
    lines += [
        f"{n}. {unclassified} {_pair(i.title.ko, i.title.en)}"
        for n, i in enumerate(bundle.agenda, 1)
    ]
    mark = portion_mark(bundle.minutes.classification)
    for heading, text in (
        (_("Minutes (Korean)"), bundle.minutes.body.ko),
        (_("Minutes (English)"), bundle.minutes.body.en),
    ):
        # Every paragraph of the minutes carries the minutes' portion mark.
        paragraphs = [f"{mark} {escape(block)}" for block in _blocks(text)]
        lines += ["", f"## {heading}", "", "\n\n".join(paragraphs) or "—"]
    return lines


def _blocks(text: str) -> list[str]:
    """The paragraphs of a text (split at blank lines)."""
    return [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]


def _outcomes(bundle: MinutesBundle) -> list[str]:
    """Decisions, action items, approvals and the notes the exporting user may see."""
    label = _labels()
    lines = ["", f"## {label['Decisions']}", ""]
    lines += [
        f"- {portion_mark(d.classification)} {_pair(d.text.ko, d.text.en)}"
        for d in bundle.decisions
    ] or ["—"]
    lines += ["", f"## {label['Action items']}", ""]
    lines += [
        f"- {portion_mark(a.classification)} {_pair(a.title.ko, a.title.en)} — "
        f"{_line(a.owner)} ({a.side.code}), "
        f"{label['due']} {a.due_on:%Y-%m-%d}, {a.get_status_display()}"
        for a in bundle.actions
    ] or ["—"]
    lines += ["", f"## {label['Approvals']}", ""]
    lines += [
        f"- {_line(a.side)}: {_line(a.member)}, {_stamp(a.approved_at)}" for a in bundle.approvals
    ] or ["—"]
    if bundle.notes:
        lines += ["", f"## {label['Notes']}", ""]
        lines += [
            f"- {portion_mark(n.classification)} [{n.side.code}, {n.get_visibility_display()}] "
            f"{_line(n.body)}"
            for n in bundle.notes
        ]
    return lines


def _amendments(bundle: MinutesBundle) -> list[str]:
    """The amendment history: when, who, which locked revision it reopened, and why."""
    if not bundle.amendments:
        return []
    lines = ["", f"## {_('Amendments')}", ""]
    for a in bundle.amendments:
        reopened = _("reopened revision %(revision)s") % {"revision": a.locked_revision}
        lines.append(
            f"{a.number}. {_stamp(a.created_at)} · {escape(str(a.proposed_by))} · {reopened}:"
            f" {escape(' '.join(a.reason.split()))}"
        )
    return lines


def minutes_markdown(bundle: MinutesBundle) -> str:
    """The whole Markdown document."""
    footer = _("Exported by %(who)s on %(when)s.") % {
        "who": _line(bundle.exported_by),
        "when": _stamp(bundle.exported_at),
    }
    lines = [
        *_heading(bundle),
        *_body(bundle),
        *_outcomes(bundle),
        *_amendments(bundle),
        "",
        "---",
        "",
        footer,
    ]
    return "\n".join(lines) + "\n"
