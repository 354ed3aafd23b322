"""Every export carries the highest classification of what it shows, and every item its
own portion mark; lists and the meeting page mark their items too (issue 11.3)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader

from wgdesk.web import policy
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.core.scoping import Classification
from wgdesk.web.decisions.models import Decision
from wgdesk.web.demo.users import DEMO_USERS
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notes import actions as note_actions
from wgdesk.web.notes.models import Note

pytestmark = pytest.mark.django_db
SECRET_NOTE = "Secret side note on the launch minutes"


@pytest.fixture
def launch(users: dict[str, Any]) -> Minutes:
    """The locked launch minutes with a Secret side-only note of the ROK side on them."""
    minutes = Minutes.objects.get(meeting__title_en__startswith="Launch")
    note_actions.add_note(users["lee.dohoon"], minutes, SECRET_NOTE, "side", 3)
    return minutes


def _expected(user: Any, minutes: Minutes) -> str:
    """The highest level among the records this user's export includes, worked out here
    from the policy rather than from the export's own bundle."""
    meeting = minutes.meeting
    levels = [minutes.classification]
    decisions = policy.visible(user, Decision).filter(meeting=meeting, withdrawn_at__isnull=True)
    levels += decisions.values_list("classification", flat=True)
    levels += (
        policy.visible(user, ActionItem)
        .filter(meeting=meeting)
        .values_list("classification", flat=True)
    )
    notes = policy.visible(user, Note).filter(
        target_id__in=[minutes.pk, meeting.pk], withdrawn_at__isnull=True
    )
    levels += [n.classification for n in notes if n.target in (minutes, meeting)]
    return str(Classification(max(levels)).label)


@pytest.mark.parametrize("username", [u.username for u in DEMO_USERS])
def test_markdown_marking_is_the_highest_included_level(
    username: str, launch: Minutes, users: dict[str, Any], client_for: Any
) -> None:
    response = client_for(username).get(f"/exports/minutes/{launch.meeting_id}.md")
    if not policy.can_view(users[username], launch):
        assert response.status_code == 404
        return
    found = re.search(r"^- Classification: (.+)$", response.content.decode(), re.MULTILINE)
    assert found is not None
    assert found.group(1) == _expected(users[username], launch)


def test_a_secret_note_raises_the_marking_for_its_readers_only(
    launch: Minutes, client_for: Any
) -> None:
    own = client_for("lee.dohoon").get(f"/exports/minutes/{launch.meeting_id}.md")
    other = client_for("stephen.biegun").get(f"/exports/minutes/{launch.meeting_id}.md")
    assert "- Classification: Secret" in own.content.decode()
    assert SECRET_NOTE not in other.content.decode()
    assert "- Classification: Secret" not in other.content.decode()  # nothing to infer


def test_pdf_facts_line_agrees_with_its_banners(launch: Minutes, client_for: Any) -> None:
    response = client_for("lee.dohoon").get(f"/exports/minutes/{launch.meeting_id}.pdf")
    if response.status_code == 503:
        pytest.skip("no PDF renderer on this machine")
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join("".join(p.extract_text() for p in pages).split())
    assert "SECRET" in text and "Classification Secret" in text
    assert "Classification Unclassified" not in text  # (the legend names every level)
    assert "(S)" in text  # the Secret note's portion mark


MARKS = {"(U)": 0, "(R)": 1, "(C)": 2, "(S)": 3}
PORTION = re.compile(r"(?:^- |^\d+\. |^)(\([URCS]\)) ", re.MULTILINE)


def _items_of(markdown: str) -> list[str]:
    """The lines of the export's item sections (agenda, minutes, decisions, action items,
    notes): every one of them must start with a portion mark."""
    wanted = {
        "Agenda",
        "Minutes (Korean)",
        "Minutes (English)",
        "Decisions",
        "Action items",
        "Notes",
    }
    lines, section = [], ""
    for line in markdown.splitlines():
        if line.startswith("## ") or line == "---":  # a heading, or the footer's rule
            section = line[3:]
        elif section in wanted and line.strip() and line.strip() != "—":
            lines.append(line)
    return lines


@pytest.mark.parametrize("username", [u.username for u in DEMO_USERS])
def test_every_item_is_portion_marked_and_the_marking_is_their_maximum(
    username: str, launch: Minutes, users: dict[str, Any], client_for: Any
) -> None:
    # Every demo meeting's export, for every demo user: the header's marking is the
    # highest portion mark in the document, which is the highest included item.
    client = client_for(username)
    client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    for minutes in Minutes.objects.all():
        response = client.get(f"/exports/minutes/{minutes.meeting_id}.md")
        if not policy.can_view(users[username], minutes):
            assert response.status_code == 404
            continue
        text = response.content.decode()
        items = _items_of(text)
        assert items, "an export holds items"
        unmarked = [line for line in items if not PORTION.match(line)]
        assert unmarked == []
        levels = [MARKS[m.group(1)] for line in items if (m := PORTION.match(line))]
        header = re.search(r"^- Classification: (.+)$", text, re.MULTILINE)
        assert header is not None
        assert header.group(1) == str(Classification(max(levels)).label)
        assert header.group(1) == _expected(users[username], minutes)


def test_a_withdrawn_secret_note_no_longer_raises_the_marking(
    launch: Minutes, users: dict[str, Any], client_for: Any
) -> None:
    from wgdesk.web.core import withdrawal

    note = Note.objects.get(body=SECRET_NOTE)
    withdrawal.withdraw(users["lee.dohoon"], note, "posted on the wrong minutes")
    text = client_for("lee.dohoon").get(f"/exports/minutes/{launch.meeting_id}.md").content
    assert SECRET_NOTE not in text.decode()
    assert "- Classification: Secret" not in text.decode()


@pytest.mark.parametrize("username", ["lee.dohoon", "rok.observer", "us.liaison"])
def test_lists_and_the_meeting_page_mark_every_item(
    username: str, launch: Minutes, client_for: Any, users: dict[str, Any]
) -> None:
    client = client_for(username)
    Decision.objects.filter(meeting=launch.meeting).update(classification=1)
    pages = {
        "meeting": f"/meetings/{launch.meeting_id}/",
        "decisions": "/decisions/",
        "action items": "/action-items/?status=",
    }
    for name, url in pages.items():
        html = client.get(url).content.decode()
        links = re.findall(r'<a href="/(?:decisions|action-items)/[a-z2-7]{13}/"', html)
        mark = r'<abbr class="portion" data-level="\d" title="[^"]+">\([URCS]\)</abbr> '
        marks = re.findall(mark + r'<a href="/(?:decisions|action-items)/', html)
        assert len(marks) == len(links), name
    member = users[username].member
    meeting = client.get(f"/meetings/{launch.meeting_id}/").content.decode()
    restricted_seen = member.clearance >= 1
    assert ('<span class="badge classified">Restricted</span>' in meeting) == restricted_seen


BANNER = re.compile(r'<p class="page-marking level-(\d)">')
PAGES = ("/", "/meetings/", "/decisions/", "/action-items/?status=", "/engagements/")


@pytest.mark.parametrize("username", [u.username for u in DEMO_USERS])
def test_every_page_banner_names_the_highest_mark_it_shows(
    username: str, launch: Minutes, client_for: Any, users: dict[str, Any]
) -> None:
    """Top and bottom banners equal the highest portion mark on the page, never above the
    reader's clearance, and the Secret note's minutes page is Secret only for its readers."""
    client = client_for(username)
    clearance = users[username].member.clearance
    for url in (*PAGES, f"/meetings/{launch.meeting_id}/", f"/minutes/{launch.meeting_id}/"):
        response = client.get(url)
        if response.status_code != 200:
            continue
        html = response.content.decode()
        levels = [int(x) for x in re.findall(r'class="portion" data-level="(\d)"', html)]
        banners = [int(x) for x in BANNER.findall(html)]
        if not levels:
            assert banners == [], url
            continue
        assert banners == [max(levels)] * 2, url
        assert max(levels) <= clearance, url
        assert int(response["Content-Length"] if response.has_header("Content-Length") else 0) in (
            0,
            len(response.content),
        )


def test_a_secret_item_makes_the_page_secret_in_both_languages(
    users: dict[str, Any], client_for: Any
) -> None:
    decision = policy.visible(users["lee.dohoon"], Decision).first()
    assert decision is not None
    Decision.objects.filter(pk=decision.pk).update(classification=3)
    client = client_for("lee.dohoon")  # ROK co-chair, cleared for Secret
    html = client.get("/decisions/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count('<p class="page-marking level-3">') == 2
    assert "Highest classification on this page: Secret" in html
    korean = client.get("/decisions/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "이 화면의 최고 보안 등급: 2급 비밀" in korean
    # A reader not cleared for it sees neither the item nor a Secret banner.
    assert "level-3" not in client_for("rok.observer").get("/decisions/").content.decode()
