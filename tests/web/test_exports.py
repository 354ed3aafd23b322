"""Exports: PDF and Markdown minutes, action-item CSV, the iCal token feed, all audited."""

from __future__ import annotations

import csv
import io
from typing import Any

import icalendar
import pytest
from django.test import Client
from pypdf import PdfReader

from wgdesk.web.actionitems import actions as action_actions
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core import opaque
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.exports import ical
from wgdesk.web.exports.csvfile import FORMULA_STARTS, safe_cell
from wgdesk.web.exports.models import FeedToken
from wgdesk.web.meetings.models import Meeting
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notes import actions as note_actions
from wgdesk.web.notes.models import Note
from wgdesk.web.sanctions.models import ProjectReview

pytestmark = pytest.mark.django_db
ROK_NOTE = "한국 측 내부 메모: 면제 범위 최소화"
US_NOTE = "US internal: hold the line on sequencing"
# A user of each side, the side-only note they wrote, and the other side's.
EACH_SIDE = pytest.mark.parametrize(
    ("username", "own", "other"),
    [("rok.delegate", ROK_NOTE, US_NOTE), ("us.delegate", US_NOTE, ROK_NOTE)],
)


@pytest.fixture
def launch(users: dict[str, Any]) -> Meeting:
    """The launch meeting (minutes locked), with a side-only note from each side on them."""
    minutes = Minutes.objects.get(meeting__title_en__startswith="Launch")
    note_actions.add_note(users["rok.delegate"], minutes, ROK_NOTE, "side", 0)
    note_actions.add_note(users["us.delegate"], minutes, US_NOTE, "side", 0)
    return minutes.meeting


def _pdf_text(content: bytes) -> str:
    """All the text of a PDF, as a reader would extract it."""
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@EACH_SIDE
def test_pdf_has_both_languages_and_only_own_sides_notes(
    username: str, own: str, other: str, launch: Meeting, client_for: Any
) -> None:
    response = client_for(username).get(f"/exports/minutes/{launch.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and response["Cache-Control"] == "no-store"
    text = " ".join(_pdf_text(response.content).split())
    assert "양측은 워킹그룹을 공식 출범시키고" in text  # Hangul embedded and extractable
    assert "formally launched the Working Group" in text
    assert own in text and other not in text


def test_pdf_only_for_locked_minutes_the_user_may_see(
    client_for: Any, users: dict[str, Any]
) -> None:
    seoul = Meeting.objects.get(title_en__contains="Seoul")  # submitted, not locked
    assert client_for("lee.dohoon").get(f"/exports/minutes/{seoul.pk}.pdf").status_code == 404
    launch = Minutes.objects.get(meeting__title_en__startswith="Launch")
    Minutes.objects.filter(pk=launch.pk).update(classification=2)
    url = f"/exports/minutes/{launch.meeting_id}.pdf"
    assert client_for("rok.observer").get(url).status_code == 404  # clearance 0
    assert client_for("rok.delegate").get(url).status_code == 200  # clearance 2


@EACH_SIDE
def test_markdown_has_both_languages_and_only_own_sides_notes(
    username: str, own: str, other: str, launch: Meeting, client_for: Any
) -> None:
    response = client_for(username).get(f"/exports/minutes/{launch.pk}.md")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/markdown")
    assert "양측은 워킹그룹을 공식 출범시키고" in body and "formally launched" in body
    assert own in body and other not in body


def test_every_export_is_audited(launch: Meeting, client_for: Any) -> None:
    client = client_for("lee.dohoon")
    before = AuditEvent.objects.filter(verb="download").count()
    client.get(f"/exports/minutes/{launch.pk}.pdf")
    client.get(f"/exports/minutes/{launch.pk}.md")
    client.get("/exports/action-items.csv")
    events = AuditEvent.objects.filter(verb="download").order_by("-id")[:3]
    assert AuditEvent.objects.filter(verb="download").count() == before + 3
    assert {e.data["export"] for e in events} == {
        "minutes_pdf",
        "minutes_markdown",
        "action_items_csv",
    }
    assert all(e.actor == "lee.dohoon" for e in events)


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_csv_cells_that_spreadsheets_would_evaluate_are_defused(start: str) -> None:
    assert safe_cell(f"{start}1+1") == f"'{start}1+1"
    assert safe_cell("plain 1+1") == "plain 1+1"


def _csv_rows(response: Any) -> list[dict[str, str]]:
    """Parse a CSV download (UTF-8 with BOM)."""
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_defuses_a_hostile_title_and_keeps_hangul(
    client_for: Any, users: dict[str, Any]
) -> None:
    lee = users["lee.dohoon"]
    meeting = Meeting.objects.exclude(minutes__status="locked").first()  # locked ones freeze
    title = ('=HYPERLINK("http://evil";"클릭")', "@SUM(A1:A9)")
    action_actions.add_action(lee, meeting, None, title, lee.member, meeting.starts_at.date())
    response = client_for("lee.dohoon").get("/exports/action-items.csv")
    assert response.content.startswith("\ufeff".encode())
    row = next(r for r in _csv_rows(response) if "HYPERLINK" in r["title_ko"])
    assert row["title_ko"] == "'" + title[0] and row["title_en"] == "'" + title[1]


def test_csv_lists_only_visible_action_items(client_for: Any, users: dict[str, Any]) -> None:
    lee = users["lee.dohoon"]
    meeting = Meeting.objects.exclude(minutes__status="locked").first()  # locked ones freeze
    secret = action_actions.add_action(
        lee, meeting, None, ("기밀 과제", "Secret task"), lee.member, meeting.starts_at.date(), 3
    )
    ids = {
        opaque.decode(r["id"])
        for r in _csv_rows(client_for("rok.observer").get("/exports/action-items.csv"))
    }
    assert secret.pk not in ids
    assert ids == set(ActionItem.objects.filter(classification=0).values_list("pk", flat=True))
    rows = _csv_rows(client_for("lee.dohoon").get("/exports/action-items.csv?status=open"))
    assert secret.pk in {opaque.decode(r["id"]) for r in rows}
    assert client_for("lee.dohoon").get("/exports/action-items.csv?status=bogus").status_code == 400


def _issue(client: Client) -> str:
    """Create a feed address through the page and return its path."""
    page = client.post("/exports/calendar/token/", {"action": "issue"}).content.decode()
    start = page.index("/feeds/calendar/")
    return page[start : page.index(".ics", start) + 4]


def test_feed_is_valid_rfc5545_and_needs_no_session(client_for: Any) -> None:
    path = _issue(client_for("us.observer"))
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    lines = raw.split(b"\r\n")
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    calendar = icalendar.Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == Meeting.objects.count()
    titles = {str(e["SUMMARY"]) for e in events}
    assert "한미 워킹그룹 출범회의 / Launch meeting of the ROK–US Working Group" in titles
    for event in events:
        assert event["UID"] and event["DTSTAMP"] and event["DTSTART"].dt < event["DTEND"].dt
    assert FeedToken.objects.get(user__username="us.observer").last_used_at is not None
    assert AuditEvent.objects.filter(verb="download", data__export="calendar").exists()


def test_feed_token_is_stored_hashed_revocable_and_replaceable(
    client_for: Any, users: dict[str, Any]
) -> None:
    client = client_for("rok.liaison")
    first = _issue(client)
    token = first.rsplit("/", 1)[1].removesuffix(".ics")
    stored = FeedToken.objects.get(user=users["rok.liaison"])
    assert token not in stored.digest and len(stored.digest) == 64
    second = _issue(client)
    assert Client().get(first).status_code == 404  # replaced: the old address stops working
    assert Client().get(second).status_code == 200
    client.post("/exports/calendar/token/", {"action": "revoke"})
    assert Client().get(second).status_code == 404
    assert not FeedToken.objects.filter(user=users["rok.liaison"]).exists()
    assert client.post("/exports/calendar/token/", {}).status_code == 400


def test_feed_stops_when_the_owner_loses_access(client_for: Any, users: dict[str, Any]) -> None:
    path = _issue(client_for("us.liaison"))
    users["us.liaison"].is_active = False
    users["us.liaison"].save()
    assert Client().get(path).status_code == 404


def test_folding_never_splits_a_hangul_character() -> None:
    line = "SUMMARY:" + "한미 워킹그룹 출범회의 " * 10
    folded = ical.fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert "".join(p[1:] if i else p for i, p in enumerate(pieces)) == line
    assert ical.escape_text("a,b;c\\d\ne\x07") == "a\\,b\\;c\\\\d\\ne"


def test_pdf_export_explains_a_missing_font(
    launch: Meeting, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wgdesk.web.exports import pdf

    monkeypatch.setattr(pdf, "_font_installed", lambda: False)
    response = client_for("lee.dohoon").get(f"/exports/minutes/{launch.pk}.pdf")
    assert response.status_code == 503 and b"fonts-noto-cjk" in response.content


INJECTED = "Evil\n===\n~~~\n<img src=x onerror=alert(1)> https://evil.example *x*"


def _md_elements(markdown: str) -> list[str]:
    """The element types a CommonMark renderer (GFM extras on) makes of a document."""
    from tests.test_mdtext import _tags

    return _tags(markdown)


def test_minutes_markdown_lets_user_text_make_no_element(launch: Meeting, client_for: Any) -> None:
    """Setext headings, fences, HTML and bare URLs in user text stay text (issue 10, 6)."""
    client = client_for("lee.dohoon")
    url = f"/exports/minutes/{launch.pk}.md"
    benign = client.get(url).content.decode()
    minutes = launch.minutes
    Meeting.objects.filter(pk=launch.pk).update(place_en=INJECTED, title_en=INJECTED)
    Minutes.objects.filter(pk=minutes.pk).update(
        body_en=minutes.body_en + "\n\n" + INJECTED, body_ko=INJECTED
    )
    Note.objects.filter(body=ROK_NOTE).update(body=INJECTED)
    hostile = client.get(url).content.decode()
    assert "onerror" in hostile  # the text is there, as text
    # Only the minutes body may add paragraphs (its own blank lines); nothing else.
    assert _structure(hostile) == _structure(benign)


def _structure(markdown: str) -> list[str]:
    """A document's elements other than paragraphs."""
    return [t for t in _md_elements(markdown) if not t.startswith("paragraph") and t != "inline"]


def test_desk_review_report_md_lets_user_text_make_no_element(client_for: Any) -> None:
    """The desk's report.md of a saved review, with a hostile title and party name."""
    demo = ProjectReview.objects.get(visibility="shared")
    client = client_for("rok.liaison")
    url = f"/sanctions/reviews/{ref(demo.pk)}/report.md"
    benign = _md_elements(client.get(url).content.decode())
    for field in ("report", "report_ko"):
        data = dict(getattr(demo, field))
        data["title"] = INJECTED
        data["parties"] = [{**p, "name": INJECTED} for p in data["parties"]]
        ProjectReview.objects.filter(pk=demo.pk).update(**{field: data})
    hostile = client.get(url).content.decode()
    assert "onerror" in hostile and _md_elements(hostile) == benign
