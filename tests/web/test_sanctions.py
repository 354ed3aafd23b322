"""The sanctions pages: screening, project review, saved reviews, and the shared Screener."""

from __future__ import annotations

import csv
import io
import json
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.web.markup import inline_scripts
from wgdesk.cli import main
from wgdesk.screening.lists import load_path
from wgdesk.screening.store import SqliteListStore
from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core.middleware import CONTENT_SECURITY_POLICY
from wgdesk.web.core.opaque import encode as ref
from wgdesk.web.notes.models import Note
from wgdesk.web.sanctions import screeners
from wgdesk.web.sanctions.models import ProjectReview

pytestmark = pytest.mark.django_db
REVIEW_DATA = Path(__file__).resolve().parent.parent / "data" / "review"
RAILWAY = REVIEW_DATA / "railway_survey_2018.yaml"
# Names with every kind of detail, a Hangul name, a formula-looking name and bad lines.
NAMES = [
    {"name": "Lee Won-chol", "type": "person", "birth_date": "1964", "nationality": "KP"},
    {"name": "Korea Daesong Bank"},
    {"name": "김송철"},
    {"name": "Kim Song Min", "type": "person"},
    {"name": '=HYPERLINK("http://x")'},
    {"name": "Ri Won Chol", "birth_date": "1964-13-01"},
]
PAGE_LINES = (
    "Lee Won-chol | person | 1964 | KP\nKorea Daesong Bank\n\n김송철\nKim Song Min | person\n"
    '=HYPERLINK("http://x")\nRi Won Chol | 1964-13-01\n'
)
SIDE_ONLY_TITLE = "ROK internal: generator exemption strategy"


def _cli(*args: str) -> str:
    """Run the CLI against this test's store; return its standard output."""
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _cli_jsonl(tmp_path: Path, records: list[dict[str, Any]], *options: str) -> list[Any]:
    """`wgdesk screen --input names.jsonl --format jsonl` on the same records."""
    path = tmp_path / "names.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    out = _cli("screen", "--input", str(path), "--format", "jsonl", *options)
    return [json.loads(line) for line in out.splitlines()]


def _screen(client: Client, names: str, **extra: Any) -> Any:
    """POST the screening form."""
    return client.post("/sanctions/screen/", {"names": names, "limit": 10, **extra})


def _review(client: Client, text: str, **extra: Any) -> Any:
    """POST the review form with a pasted project."""
    return client.post("/sanctions/review/", {"project_text": text, **extra})


def _item(title_start: str) -> AgendaItem:
    """A demo agenda item by the start of its English title."""
    return AgendaItem.objects.get(title_en__startswith=title_start)


# --- screening ---------------------------------------------------------------------------


def test_screening_page_gives_exactly_the_cli_results(
    client_for: Any, loaded_lists: list[Any], tmp_path: Path
) -> None:
    response = _screen(client_for("rok.delegate"), PAGE_LINES)
    assert response.status_code == 200
    cli = _cli_jsonl(tmp_path, NAMES)
    # The page's results carry no id (none was given); the CLI's are the same objects.
    assert response.context["results"] == cli
    decisions = [r.get("decision", "error") for r in cli]
    assert decisions[:2] == ["match", "match"] and decisions[-1] == "error"
    page = response.content.decode()
    assert "KPi.901" in page and "surname Lee = Ri" in page
    assert "2025-02-28" in page  # the list version screened against is named


def test_korean_page_explains_in_korean_as_the_cli_does(
    client_for: Any, loaded_lists: list[Any], tmp_path: Path
) -> None:
    client = client_for("rok.delegate")
    client.cookies["django_language"] = "ko"
    response = _screen(client, PAGE_LINES)
    assert response.context["results"] == _cli_jsonl(tmp_path, NAMES, "--lang", "ko")
    page = response.content.decode()
    assert "성 Lee = Ri (두음 ㄹ" in page and "surname Lee = Ri" not in page
    download = _screen(client, PAGE_LINES, action="csv").content.decode("utf-8")
    cli = _cli(
        "screen", "--input", str(tmp_path / "names.jsonl"), "--format", "csv", "--lang", "ko"
    )
    assert download == "\ufeff" + cli


def test_thresholds_and_limit_give_the_cli_results(
    client_for: Any, loaded_lists: list[Any], tmp_path: Path
) -> None:
    response = _screen(
        client_for("rok.liaison"),
        PAGE_LINES,
        limit=1,
        review_threshold="0.4",
        match_threshold="0.9",
    )
    options = ("--limit", "1", "--review-threshold", "0.4", "--match-threshold", "0.9")
    assert response.context["results"] == _cli_jsonl(tmp_path, NAMES, *options)
    assert all(len(r.get("matches", [])) <= 1 for r in response.context["results"])
    refused = _screen(client_for("rok.liaison"), "Kim", review_threshold="0.95")
    assert refused.status_code == 400  # review above the (default) match threshold


def test_unknown_details_are_per_line_errors(client_for: Any, loaded_lists: list[Any]) -> None:
    response = _screen(client_for("us.delegate"), "Kim Song Chol | persn\nKorea Daesong Bank")
    first, second = response.context["results"]
    assert "'persn' is not a type" in first["error"] and second["decision"] == "match"


def test_csv_download_is_the_cli_csv_formula_safe_and_audited(
    client_for: Any, loaded_lists: list[Any], tmp_path: Path
) -> None:
    last = AuditEvent.objects.latest("id").pk
    response = _screen(client_for("rok.delegate"), PAGE_LINES, action="csv")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="screening-')
    body = response.content.decode("utf-8")
    path = tmp_path / "names.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in NAMES), "utf-8")
    cli = _cli("screen", "--input", str(path), "--format", "csv")
    assert body == "\ufeff" + cli  # a BOM for spreadsheets, then the CLI's own rows
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    assert any(row["name"] == '\'=HYPERLINK("http://x")' for row in rows)
    events = AuditEvent.objects.filter(pk__gt=last)
    assert sorted(e.verb for e in events) == ["download", "screen"]


def test_screening_is_audited_for_own_side_without_the_names(
    client_for: Any, users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    _screen(client_for("rok.delegate"), PAGE_LINES)
    event = AuditEvent.objects.filter(verb="screen").latest("id")
    assert event.actor == "rok.delegate" and event.side_id == users["rok.delegate"].member.side_id
    assert event.data["names"] == 6 and event.data["match"] >= 2 and event.data["errors"] == 1
    assert event.data["via"] == "page" and len(event.data["lists"]) == 2
    assert "Daesong" not in json.dumps(event.data, ensure_ascii=False)
    audit_page = client_for("stephen.biegun").get("/audit/").content.decode()
    assert f"<td>{event.pk}</td>" not in audit_page  # the other side's co-chair never sees it


def test_too_many_names_are_refused(
    client_for: Any, loaded_lists: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WGDESK_SCREEN_MAX_NAMES", "2")
    response = _screen(client_for("rok.delegate"), "a\nb\nc")
    assert response.status_code == 400 and "screen at most 2" in response.content.decode()


def test_empty_store_says_how_to_load_lists(client_for: Any) -> None:
    client = client_for("rok.delegate")
    page = client.get("/sanctions/screen/").content.decode()
    assert "wgdesk lists ensure" in page and "wgdesk lists fetch" in page
    assert "wgdesk lists load PATH" in page
    before = AuditEvent.objects.count()
    response = _screen(client, "Kim Song Chol")
    assert response.status_code == 503 and "wgdesk lists ensure" in response.content.decode()
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("lee.dohoon", True),
        ("us.delegate", True),
        ("rok.secretariat", True),
        ("us.liaison", True),
        ("rok.observer", False),
        ("us.observer", False),
    ],
)
def test_every_role_but_observers_screens_and_reviews(
    username: str, allowed: bool, client_for: Any
) -> None:
    client = client_for(username)
    expected = 200 if allowed else 403
    assert client.get("/sanctions/screen/").status_code == expected
    assert client.get("/sanctions/review/").status_code == expected
    assert client.get("/sanctions/").status_code == 200  # everyone reads saved reviews


@pytest.mark.parametrize("url", ["/sanctions/screen/", "/sanctions/review/"])
def test_observers_may_not_screen_or_review(url: str, client_for: Any) -> None:
    client = client_for("us.observer")
    assert client.get(url).status_code == 403
    assert client.post(url, {"names": "Kim", "project_text": "title: x"}).status_code == 403
    assert 'href="/sanctions/screen/"' not in client.get("/sanctions/").content.decode()


def test_screener_is_built_once_and_again_when_the_active_lists_change(
    loaded_lists: list[Any],
) -> None:
    built: list[Any] = []

    def slow_build(state: screeners.StoreState) -> Any:
        time.sleep(0.2)  # long enough for every thread to arrive during the build
        built.append(state.key)
        return screeners.build_screener(state)

    cache = screeners.ScreenerCache(slow_build)
    found: list[Any] = []
    threads = [threading.Thread(target=lambda: found.append(cache.get()[0])) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and len({id(s) for s in found}) == 1
    assert cache.get()[0] is found[0]  # nothing changed: the same index
    with SqliteListStore.default() as store:  # another UN version becomes active
        other = load_path(Path(__file__).parent.parent / "fixtures" / "lists" / "un_mini.xml")
        store.import_version(other[0])
    screener, state = cache.get()
    assert len(built) == 2 and screener is not found[0]
    assert {v.version for v in screener.versions} == {v.version for v in state.versions}


def test_a_missing_store_is_reported_empty_and_not_created() -> None:
    state = screeners.store_state()
    assert state.empty and state.problem is None
    assert not screeners.store_path().exists()


# --- project review ----------------------------------------------------------------------


def test_review_page_report_is_the_cli_report(client_for: Any, loaded_lists: list[Any]) -> None:
    response = _review(client_for("rok.delegate"), RAILWAY.read_text("utf-8"))
    assert response.status_code == 200
    report = response.context["run"].report("en")
    assert report == json.loads(_cli("review", str(RAILWAY)))
    assert report["verdict"] == "exemption_required"
    page = response.content.decode()
    assert "S/RES/2397 (2017) OP7" in page and "Sanctions review" in page
    assert 'value="exemption"' in page  # the draft is offered: an exemption is needed


def test_korean_ui_gives_a_korean_report(client_for: Any, loaded_lists: list[Any]) -> None:
    client = client_for("lee.dohoon")
    client.cookies["django_language"] = "ko"
    response = _review(client, RAILWAY.read_text("utf-8"))
    page = response.content.decode()
    assert "제재 검토" in page and "면제 필요" in page and 'lang="ko"' in page
    download = _review(client, RAILWAY.read_text("utf-8"), action="json").content
    assert json.loads(download) == json.loads(_cli("review", str(RAILWAY), "--lang", "ko"))


def test_date_field_judges_by_the_measures_of_that_day(
    client_for: Any, loaded_lists: list[Any]
) -> None:
    text = (REVIEW_DATA / "coal_purchase_2018.yaml").read_text("utf-8")
    response = _review(client_for("rok.delegate"), text, date="2016-06-01")
    report = response.context["run"].report("en")
    cli = json.loads(
        _cli("review", str(REVIEW_DATA / "coal_purchase_2018.yaml"), "--date", "2016-06-01")
    )
    assert report == cli and report["date"] == "2016-06-01"


def test_bad_project_lists_every_problem_and_saves_nothing(client_for: Any) -> None:
    text = "title: x\nitems:\n  - {hs: '808.10', direction: north}\nfeild: 1\n"
    before = (ProjectReview.objects.count(), AuditEvent.objects.count())
    response = _review(
        client_for("rok.delegate"),
        text,
        action="save",
        **{"save-agenda_item": _item("Joint survey").pk, "save-visibility": "shared"},
        **{"save-classification": 0},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "line 3: items[0].hs" in page and "&#x27;0808.10&#x27;" in page
    assert "line 3: items[0].direction" in page and "line 4: feild: unknown field" in page
    assert (ProjectReview.objects.count(), AuditEvent.objects.count()) == before


def test_uploads_are_checked(client_for: Any, loaded_lists: list[Any]) -> None:
    client = client_for("rok.delegate")

    def upload(name: str, content: bytes) -> Any:
        return client.post(
            "/sanctions/review/", {"project_file": SimpleUploadedFile(name, content)}
        )

    assert upload("railway.yaml", RAILWAY.read_bytes()).status_code == 200
    as_json = json.dumps({"title": "Tamiflu", "items": [{"hs": "3004.90", "direction": "to_dprk"}]})
    ok = upload("tamiflu.json", as_json.encode())
    assert ok.status_code == 200 and ok.context["run"].fmt == "json"
    assert "not UTF-8" in upload("bad.yaml", b"title: \xff\xfe").content.decode()
    assert ".yaml, .yml or .json" in upload("project.exe", b"MZ").content.decode()
    assert upload("empty.yaml", b"  \n").status_code == 400


def test_project_size_limit(client_for: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDESK_PROJECT_MAX_BYTES", "100")
    response = _review(client_for("rok.delegate"), RAILWAY.read_text("utf-8"))
    assert response.status_code == 400 and "larger than" in response.content.decode()


def test_downloads_of_an_unsaved_review(client_for: Any, loaded_lists: list[Any]) -> None:
    client, text = client_for("us.delegate"), RAILWAY.read_text("utf-8")
    markdown = _review(client, text, action="markdown")
    assert markdown["Content-Type"].startswith("text/markdown")
    assert markdown.content.decode() == _cli("review", str(RAILWAY), "--format", "markdown")
    archive = _review(client, text, action="exemption")
    assert archive["Content-Type"] == "application/zip" and archive["Cache-Control"] == "no-store"
    with zipfile.ZipFile(io.BytesIO(archive.content)) as zipped:
        names = sorted(zipped.namelist())
        assert names == [
            "exemption-request-annex-II.xlsx",
            "exemption-request-ko-annex-II.xlsx",
            "exemption-request-ko.docx",
            "exemption-request.docx",
        ]
        assert zipped.read("exemption-request.docx").startswith(b"PK")
    downloads = AuditEvent.objects.filter(verb="download", actor="us.delegate")
    assert {e.data["export"] for e in downloads} >= {"review_markdown", "review_exemption"}
    assert all(e.side_id is not None for e in downloads)  # unsaved: the US side's business


def test_no_exemption_draft_when_none_is_needed(client_for: Any, loaded_lists: list[Any]) -> None:
    text = (REVIEW_DATA / "pest_control_2018.yaml").read_text("utf-8")
    client = client_for("rok.delegate")
    assert 'value="exemption"' not in _review(client, text).content.decode()
    refused = _review(client, text, action="exemption")
    assert refused.status_code == 400 and "nothing to draft" in refused.content.decode()


def test_report_is_escaped_and_the_page_needs_no_inline_style_or_script(
    client_for: Any, loaded_lists: list[Any]
) -> None:
    text = (
        'title: "<script>alert(1)</script>"\n'
        "items:\n  - {hs: '8602.10', direction: to_dprk,\n"
        "     description: '<img src=x onerror=alert(1)>'}\n"
        "parties:\n  - {name: '<b>Kim</b>'}\n"
    )
    response = _review(client_for("rok.delegate"), text)
    page = response.content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "<b>Kim</b>" not in page
    assert "<style" not in page and "style=" not in page
    assert inline_scripts(page) == []  # scripts only as static files
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


# --- saved reviews -----------------------------------------------------------------------


def _save(client: Client, text: str, item: AgendaItem, visibility: str, **extra: Any) -> Any:
    """Review and save a project in one POST."""
    fields = {
        "save-agenda_item": item.pk,
        "save-visibility": visibility,
        "save-classification": 0,
        "save-title_ko": "",
        "save-title_en": "",
        **{f"save-{k}": v for k, v in extra.items()},
    }
    return _review(client, text, action="save", **fields)


def test_saving_keeps_the_report_lists_and_project(
    client_for: Any, users: dict[str, Any], loaded_lists: list[Any]
) -> None:
    item = _item("Joint survey")
    response = _save(client_for("rok.delegate"), RAILWAY.read_text("utf-8"), item, "shared")
    saved = ProjectReview.objects.latest("id")
    assert response.status_code == 302 and response["Location"] == saved.get_absolute_url()
    # No title typed: the project file's, in the half of its script, the other to translate.
    assert saved.title.en == "Joint survey of the Gyeongui and Donghae railway lines"
    assert (saved.title.ko, saved.title.stale) == ("", "ko")
    assert saved.report == json.loads(_cli("review", str(RAILWAY)))
    assert saved.report_ko == json.loads(_cli("review", str(RAILWAY), "--lang", "ko"))
    assert saved.verdict == "exemption_required" and saved.reviewed_on.isoformat() == "2018-11-30"
    assert {v["source"] for v in saved.list_versions} == {"un", "ofac"}
    assert saved.side == users["rok.delegate"].member.side and saved.agenda_item == item
    assert saved.project_text == RAILWAY.read_text("utf-8") and saved.exemption_zip
    event = AuditEvent.objects.filter(verb="create", object_type="sanctions.ProjectReview").latest(
        "id"
    )
    assert event.side_id is None and "project_text" not in event.data  # shared: both sides
    us = client_for("us.observer")  # observers read shared reviews
    page = us.get(saved.get_absolute_url()).content.decode()
    assert "S/RES/2397 (2017) OP7" in page and "Korea Railroad Corporation" in page
    assert saved.title.en in us.get(f"/agenda/items/{item.pk}/").content.decode()
    assert us.get(f"/sanctions/reviews/{ref(saved.pk)}/report.json").json() == saved.report


def test_saved_review_is_shown_as_saved_in_the_users_language(client_for: Any) -> None:
    demo = ProjectReview.objects.get(visibility="shared")
    client = client_for("rok.liaison")
    client.cookies["django_language"] = "ko"
    page = client.get(demo.get_absolute_url()).content.decode()
    assert "제재 검토" in page and "미심사" in page  # demo parties: no lists in the test store
    markdown = client.get(f"/sanctions/reviews/{ref(demo.pk)}/report.md").content.decode()
    assert markdown.startswith("# 제재 검토:")
    assert client.get(f"/sanctions/reviews/{ref(demo.pk)}/exemption-request.zip").status_code == 200


@pytest.fixture
def side_only_review(client_for: Any, loaded_lists: list[Any]) -> ProjectReview:
    """A ROK side-only review, saved through the page, with a ROK side-only note on it."""
    item = _item("Joint survey")
    _save(
        client_for("rok.delegate"),
        RAILWAY.read_text("utf-8"),
        item,
        "side",
        title_en=SIDE_ONLY_TITLE,
    )
    saved = ProjectReview.objects.get(title_en=SIDE_ONLY_TITLE)
    return saved


@pytest.mark.parametrize("username", ["stephen.biegun", "us.delegate", "us.observer"])
def test_side_only_review_never_reaches_the_other_side(
    username: str,
    side_only_review: ProjectReview,
    client_for: Any,
    users: dict[str, Any],
    mailoutbox: list[Any],
) -> None:
    client = client_for(username)
    pk = side_only_review.pk
    for url in (
        f"/sanctions/reviews/{ref(pk)}/",
        f"/sanctions/reviews/{ref(pk)}/edit/",
        f"/sanctions/reviews/{ref(pk)}/report.json",
        f"/sanctions/reviews/{ref(pk)}/report.md",
        f"/sanctions/reviews/{ref(pk)}/exemption-request.zip",
    ):
        assert client.get(url).status_code == 404, url
    pages = [
        "/sanctions/",
        f"/agenda/items/{side_only_review.agenda_item_id}/",
        "/search/?q=generator+exemption+strategy",
        "/search/?q=Korea+Railroad",
        "/exports/action-items.csv",
        "/audit/",
        "/",
    ]
    for url in pages:
        assert SIDE_ONLY_TITLE not in client.get(url).content.decode(), url
    token = client.post("/settings/api-tokens/", {"action": "issue", "name": "t"})
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token.context['new_token']}")
    assert SIDE_ONLY_TITLE not in api.get("/api/v1/reviews").content.decode()
    assert api.get(f"/api/v1/reviews/{ref(pk)}").status_code == 404
    assert mailoutbox == []  # saving a review sends no email to anyone
    assert all(
        SIDE_ONLY_TITLE not in json.dumps(e.data) for e in AuditEvent.objects.filter(side_id=None)
    )


def test_side_only_review_is_read_by_its_own_side(
    side_only_review: ProjectReview, client_for: Any
) -> None:
    client = client_for("rok.observer")
    assert SIDE_ONLY_TITLE in client.get("/sanctions/").content.decode()
    assert SIDE_ONLY_TITLE in client.get("/search/?q=generator+exemption+strategy").content.decode()
    assert client.get(f"/sanctions/reviews/{ref(side_only_review.pk)}/edit/").status_code == 403


def test_notes_on_a_side_only_review_are_side_only(
    side_only_review: ProjectReview, users: dict[str, Any], client_for: Any
) -> None:
    client = client_for("rok.delegate")
    url = f"/notes/add/sanctions.ProjectReview/{ref(side_only_review.pk)}/"
    response = client.post(
        url, {"body": "ask MOFA first", "visibility": "shared", "classification": 0}
    )
    assert response.status_code == 302
    note = Note.objects.get(body="ask MOFA first")
    assert note.visibility == "side"  # forced: the review itself is side-only
    assert "ask MOFA first" not in client_for("us.delegate").get("/search/?q=MOFA").content.decode()


def test_edit_own_sides_review_and_a_shared_review_stays_shared(
    side_only_review: ProjectReview, client_for: Any
) -> None:
    url = f"/sanctions/reviews/{ref(side_only_review.pk)}/edit/"
    item = _item("Groundbreaking")
    fields = {"title_en": "Generator: share with the US", "agenda_item": item.pk}
    response = client_for("rok.liaison").post(
        url, {**fields, "visibility": "shared", "classification": 0}
    )
    assert response.status_code == 302
    side_only_review.refresh_from_db()
    assert (side_only_review.visibility, side_only_review.agenda_item) == ("shared", item)
    assert client_for("us.delegate").get(side_only_review.get_absolute_url()).status_code == 200
    assert client_for("us.delegate").get(url).status_code == 403  # read, never change
    back = client_for("rok.liaison").post(
        url, {**fields, "visibility": "side", "classification": 0}
    )
    assert back.status_code == 400  # once the other side has it, it is not taken back


def test_a_title_written_in_korean_only_is_shown_to_english_readers_and_flagged(
    client_for: Any, loaded_lists: list[Any]
) -> None:
    item = _item("Joint survey")
    text = RAILWAY.read_text("utf-8")
    _save(client_for("rok.delegate"), text, item, "shared", title_ko="경의선 조사")
    saved = ProjectReview.objects.get(title_ko="경의선 조사")
    assert (saved.title.en, saved.title.stale) == ("", "en")  # English: a translation to do
    english = client_for("us.delegate")
    # No English title yet: the Korean one stands in (never an empty heading).
    assert "<h1>경의선 조사</h1>" in english.get(saved.get_absolute_url()).content.decode()
    shown = english.get("/sanctions/", {"q": "경의선"}).context["reviews"]
    assert [r.pk for r in shown] == [saved.pk]
    event = AuditEvent.objects.filter(object_type="sanctions.ProjectReview").latest("id")
    assert event.data["title"] == {"ko": "경의선 조사", "en": ""}


def test_saved_review_titles_follow_the_readers_language(client_for: Any) -> None:
    demo = ProjectReview.objects.get(visibility="shared")
    client = client_for("rok.liaison")
    assert f"<h1>{demo.title.en}</h1>" in client.get(demo.get_absolute_url()).content.decode()
    client.cookies["django_language"] = "ko"
    assert f"<h1>{demo.title.ko}</h1>" in client.get(demo.get_absolute_url()).content.decode()
    listed = client.get("/sanctions/").content.decode()
    assert demo.title.ko in listed and demo.title.en not in listed
    # The list's filter reads both languages: a Korean and an English word find it.
    for word in ("철도", "railway"):
        assert demo.pk in [r.pk for r in client.get("/sanctions/", {"q": word}).context["reviews"]]
    assert list(client.get("/sanctions/", {"q": "상봉 railway"}).context["reviews"]) == []


def test_editing_one_language_of_a_review_title_flags_the_other(
    side_only_review: ProjectReview, client_for: Any
) -> None:
    url = f"/sanctions/reviews/{ref(side_only_review.pk)}/edit/"
    client = client_for("rok.liaison")
    rest = {
        "agenda_item": side_only_review.agenda_item_id,
        "visibility": "side",
        "classification": 0,
    }
    page = client.get(url).content.decode()
    assert 'name="title_ko"' in page and f'value="{SIDE_ONLY_TITLE}"' in page
    both = {"title_ko": "발전기 면제 전략", "title_en": SIDE_ONLY_TITLE}
    assert client.post(url, {**rest, **both}).status_code == 302
    side_only_review.refresh_from_db()
    assert side_only_review.title.stale == ""  # the lagging Korean half caught up
    changed = {**both, "title_en": "Generator exemption strategy"}
    assert client.post(url, {**rest, **changed}).status_code == 302
    side_only_review.refresh_from_db()
    assert (side_only_review.title.en, side_only_review.title.stale) == (changed["title_en"], "ko")
    assert client.post(url, {**rest, "title_ko": "", "title_en": " "}).status_code == 400
    # Both texts checked: the flag is cleared from the review's page, and audited.
    confirm = f"/translations/sanctions.ProjectReview/{ref(side_only_review.pk)}/title/confirm/"
    assert client.post(confirm).status_code == 302
    side_only_review.refresh_from_db()
    assert side_only_review.title.stale == ""
    assert AuditEvent.objects.filter(verb="confirm_translation").latest("id").data == {
        "field": "title"
    }
    assert client_for("us.delegate").post(confirm).status_code == 404  # the other side's


def test_a_korean_project_title_becomes_the_korean_half(
    client_for: Any, loaded_lists: list[Any]
) -> None:
    original = "title: Joint survey of the Gyeongui and Donghae railway lines"
    text = RAILWAY.read_text("utf-8").replace(original, "title: 경의선·동해선 철도 공동조사")
    assert _save(client_for("rok.delegate"), text, _item("Joint survey"), "side").status_code == 302
    saved = ProjectReview.objects.latest("id")
    korean = "경의선·동해선 철도 공동조사"
    assert (saved.title.ko, saved.title.en, saved.title.stale) == (korean, "", "en")


def test_classification_hides_a_review_from_uncleared_members(
    client_for: Any, loaded_lists: list[Any]
) -> None:
    item = _item("Joint survey")
    _save(
        client_for("lee.dohoon"),
        RAILWAY.read_text("utf-8"),
        item,
        "shared",
        classification=2,
        title_en="Secretish",
    )
    saved = ProjectReview.objects.get(title_en="Secretish")
    assert client_for("us.delegate").get(saved.get_absolute_url()).status_code == 200  # clearance 2
    assert client_for("us.liaison").get(saved.get_absolute_url()).status_code == 404  # clearance 1
    refused = _save(
        client_for("rok.liaison"), RAILWAY.read_text("utf-8"), item, "shared", classification=3
    )
    assert refused.status_code == 400  # nobody files above their own clearance


def test_demo_has_a_shared_and_a_side_only_review() -> None:
    shared = ProjectReview.objects.get(visibility="shared")
    side_only = ProjectReview.objects.get(visibility="side")
    assert shared.agenda_item.track.code == "inter-korean" and shared.side.code == "ROK"
    assert shared.verdict == "exemption_required" and shared.reviewed_on.isoformat() == "2018-11-30"
    assert side_only.side.code == "US" and side_only.classification == 1
    for review in (shared, side_only):  # named in both languages, nothing left to translate
        assert review.title.ko and review.title.en and review.title.stale == ""
    assert all(p["decision"] is None for p in shared.report["parties"])  # no lists when loaded
    assert (
        AuditEvent.objects.filter(object_type="sanctions.ProjectReview", verb="create").count() >= 2
    )
