"""Full-text search: index upkeep, visibility for every user, snippets, both backends."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client

from tests.web.test_matrix import USERNAMES, _hidden
from wgdesk.web.core.bilingual import bilingual_fields
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notes import actions as note_actions
from wgdesk.web.notes.models import Note
from wgdesk.web.positions.models import Position
from wgdesk.web.sanctions.models import ProjectReview
from wgdesk.web.search import queries
from wgdesk.web.search.apps import restore_lost_triggers
from wgdesk.web.search.ddl import trigger_names
from wgdesk.web.search.highlight import parse, snippet
from wgdesk.web.search.models import SearchDocument
from wgdesk.web.search.sources import SOURCES

pytestmark = pytest.mark.django_db

# Queries touching side-only, draft, classified and shared records in both languages,
# including two-character Hangul words (answered by the LIKE fallback).
QUERIES = [
    "착공식",
    "철도",
    "면제",
    "Seoul is keen",
    "railway",
    "exemption",
    "화상상봉",
    "dual use",
    "Senate",
    "안보실",
    "비핵화",
    "제재",
]


def _text_of(obj: Any, source: Any) -> str:
    """All the text of a record that the index should hold."""
    return " ".join(str(getattr(obj, column) or "") for column in source.columns)


def _expected(member: Any, term: str) -> set[tuple[str, int]]:
    """The oracle: every record containing the term that the user may see, by brute force."""
    found = set()
    for source in SOURCES:
        for obj in apps.get_model(source.kind).objects.all():
            if term.casefold() in _text_of(obj, source).casefold() and not _hidden(member, obj):
                found.add((source.kind, obj.pk))
    return found


def _found(user: Any, text: str) -> set[tuple[str, int]]:
    """What the search returns for a user."""
    terms, _ = parse(text)
    return {(d.kind, d.object_id) for d in queries.search(user, terms).documents}


@pytest.mark.parametrize("username", USERNAMES)
def test_results_are_exactly_the_visible_matches(username: str, users: dict[str, Any]) -> None:
    user = users[username]
    for text in QUERIES:
        assert _found(user, text) == _expected(user.member, text), text


def test_other_sides_side_only_note_is_never_found_nor_counted(client_for: Any) -> None:
    query = {"q": "keen to move"}  # from the US side-only note "Seoul is keen to move fast..."
    found = client_for("us.delegate").get("/search/", query).content.decode()
    assert "in step with denuclearization" in found and "1 result" in found  # control
    for username in ("lee.dohoon", "rok.delegate", "rok.observer"):
        page = client_for(username).get("/search/", query).content.decode()
        assert "in step with denuclearization" not in page
        assert "Nothing found." in page and "Note:" not in page


def test_snippets_highlight_and_escape(users: dict[str, Any]) -> None:
    rail = Position.objects.get(side__code="ROK", agenda_item__title_en__startswith="Ground")
    note_actions.add_note(
        users["rok.delegate"], rail, "<script>alert(1)</script> 철도 ceremony", "shared", 0
    )
    page = Client()
    page.force_login(users["us.delegate"])
    html = page.get("/search/", {"q": "script 철도"}).content.decode()
    expected = "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; <mark>철도</mark>"
    assert expected in html
    assert "<script>alert" not in html


def test_snippet_marks_every_occurrence_and_trims() -> None:
    text = "가" * 300 + " 제재 위원회 제재 " + "나" * 300
    marked = str(snippet(text, ["제재"]))
    assert marked.count("<mark>제재</mark>") == 2
    assert marked.startswith("…") and marked.endswith("…")
    assert snippet("nothing here", ["제재"]) is None


def test_query_parsing_keeps_phrases_and_drops_one_letter_words() -> None:
    terms, ignored = parse('북 "joint survey" 제재 제재 a "unclosed')
    assert terms == ["joint survey", "제재", "unclosed"]
    assert ignored == ["북", "a"]


@pytest.mark.parametrize("text", ['"', "AND OR NOT", "NEAR(a b)", "*", "'; DROP", "100%", "a_b"])
def test_query_syntax_is_plain_text(text: str, client_for: Any) -> None:
    response = client_for("lee.dohoon").get("/search/", {"q": text})
    assert response.status_code == 200


def test_index_follows_every_write_path(users: dict[str, Any]) -> None:
    rail = Position.objects.get(side__code="ROK", agenda_item__title_en__startswith="Ground")
    lee = users["lee.dohoon"]
    note = note_actions.add_note(lee, rail, "판문점 견학 일정 조율", "side", 0)
    assert _found(lee, "견학 일정") == {("notes.Note", note.pk)}
    # A queryset update bypasses save() and signals; the database triggers still see it.
    Minutes.objects.filter(meeting__title_en__startswith="Launch").update(body_en="Zanzibar")
    minutes = Minutes.objects.get(meeting__title_en__startswith="Launch")
    assert _found(lee, "zanzibar") == {("minutes.Minutes", minutes.pk)}
    assert _found(lee, "formally launched") == set()
    note.delete()
    assert _found(lee, "견학 일정") == set()
    assert not SearchDocument.objects.filter(kind="notes.Note", object_id=note.pk).exists()


def test_saved_review_titles_are_found_in_both_languages(users: dict[str, Any]) -> None:
    review = ProjectReview.objects.get(visibility="shared")
    lee = users["lee.dohoon"]
    assert ("sanctions.ProjectReview", review.pk) in _found(lee, "조사 열차")
    assert ("sanctions.ProjectReview", review.pk) in _found(lee, "survey train and fuel")
    document = SearchDocument.objects.get(kind="sanctions.ProjectReview", object_id=review.pk)
    assert document.ko == review.title.ko and document.en == review.title.en
    assert document.other == review.project_text  # the project file stays searchable
    # The triggers follow an edit of either half.
    ProjectReview.objects.filter(pk=review.pk).update(title_ko="궤도 점검차 검토")
    assert _found(lee, "궤도 점검차") == {("sanctions.ProjectReview", review.pk)}
    assert ("sanctions.ProjectReview", review.pk) not in _found(lee, "조사 열차")


def test_index_covers_every_bilingual_field_and_matches_the_migration() -> None:
    for source in SOURCES:
        model = apps.get_model(source.kind)
        for name in bilingual_fields(model):
            assert f"{name}_ko" in source.ko and f"{name}_en" in source.en, (source.kind, name)
        assert model._meta.db_table == source.table
    folder = Path(apps.get_app_config("search").path) / "migrations"
    migrations = sorted(p.stem for p in folder.glob("0*.py"))
    latest = importlib.import_module(f"wgdesk.web.search.migrations.{migrations[-1]}")
    assert tuple(latest.SOURCES) == SOURCES, "a change of sources needs a new migration"


def test_the_database_specific_index_is_in_place() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'")
            assert "trigram" in cursor.fetchone()[0]
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_document_folded_trgm'"
            )
            assert "gin_trgm_ops" in cursor.fetchone()[0]
    assert SearchDocument.objects.count() == sum(
        apps.get_model(s.kind).objects.count() for s in SOURCES
    )
    # Every indexed table has its triggers (SQLite drops them when it rebuilds a table).
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        present = {row[0] for row in cursor.fetchall()}
    for source in SOURCES:
        assert set(trigger_names(connection.vendor, source)) <= present, source.table


def test_a_table_rebuild_that_drops_the_triggers_is_repaired_on_migrate() -> None:
    """A later migration rebuilding an indexed table (SQLite) cannot silently stop search."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps triggers through ALTER TABLE")
    notes = next(s for s in SOURCES if s.kind == "notes.Note")
    with connection.cursor() as cursor:
        for name in trigger_names("sqlite", notes):
            cursor.execute(f"DROP TRIGGER {name}")
    restore_lost_triggers()
    note = Note.objects.first()
    assert note is not None
    Note.objects.filter(pk=note.pk).update(body="zebra-unicorn marker")
    assert SearchDocument.objects.get(kind="notes.Note", object_id=note.pk).other.startswith(
        "zebra-unicorn"
    )


def test_anonymous_and_seatless_users_find_nothing(users: dict[str, Any]) -> None:
    seatless = type(users["lee.dohoon"]).objects.create_user("nobody", password="x" * 14)
    assert _found(seatless, "railway") == set()
    response = Client().get("/search/", {"q": "railway"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_results_beyond_the_cap_are_reported(users: dict[str, Any]) -> None:
    terms, _ = parse("the")
    found = queries.search(users["lee.dohoon"], terms, limit=3)
    assert len(found.documents) == 3 and found.capped
