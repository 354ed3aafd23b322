"""Every export carries the highest classification of what it shows (issue 11.3)."""

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
    for model in (Decision, ActionItem):
        levels += (
            policy.visible(user, model)
            .filter(meeting=meeting)
            .values_list("classification", flat=True)
        )
    notes = policy.visible(user, Note).filter(target_id__in=[minutes.pk, meeting.pk])
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
    assert "Unclassified" not in text
