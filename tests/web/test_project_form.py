"""The project-review form: a project entered field by field is the project file.

Round trip (file -> form -> file reads as the same project), the CLI's own messages on
the fields, rows added without script, HS code suggestions, saving, and the policy.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client

from tests.conftest import FIXTURES
from wgdesk.rules.project import EXEMPTION_FIELDS, Project, ProjectError, read_project
from wgdesk.rules.sourcemap import parse_text
from wgdesk.web.audit.models import AuditEvent
from wgdesk.web.core import opaque
from wgdesk.web.sanctions import projectfile
from wgdesk.web.sanctions.models import ProjectReview

pytestmark = pytest.mark.django_db
REVIEW_DATA = Path(__file__).resolve().parent.parent / "data" / "review"
RAILWAY = REVIEW_DATA / "railway_survey_2018.yaml"
URL = "/sanctions/project/"
# Every project file of the review tests (expected.yaml holds their expected verdicts).
PROJECTS = sorted(p for p in REVIEW_DATA.glob("*.yaml") if p.name != "expected.yaml")
# Eight lines of the HS 2022 nomenclature (datasets/harmonized-system), as installed.
HS_ROWS = (FIXTURES / "hs" / "harmonized-system.csv").read_text("utf-8")


def _post_data(
    top: dict[str, Any],
    rows: dict[str, list[dict[str, Any]]],
    exemption: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """What the browser posts for a filled form: management forms, rows, exemption."""
    data: dict[str, Any] = {k: v for k, v in top.items() if v is not None}
    for key in projectfile.ROW_FIELDS:
        entries = rows.get(key, [])
        data[f"{key}-TOTAL_FORMS"] = str(len(entries) + 1)  # and the empty row
        data[f"{key}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(entries):
            for name, value in row.items():
                if value is True:
                    data[f"{key}-{index}-{name}"] = "on"
                elif value not in (None, False):
                    data[f"{key}-{index}-{name}"] = value
    for name, value in (exemption or {}).items():
        data[f"exemption-{name}"] = value
    return {**data, **extra}


def _file_post(text: str, **extra: Any) -> dict[str, Any]:
    """The form data for a project file, as the form shows it after loading the file."""
    top, rows, exemption = projectfile.form_rows(parse_text(text, "yaml"))
    return _post_data(top, rows, exemption, **extra)


def _normal(project: Project) -> Project:
    """A project compared by content: file name, birth dates' YAML type and the line break
    a folded YAML summary ends with aside (the form keeps a text, not its end spaces)."""
    parties = tuple(
        p.__class__(**{**_fields(p), "birth_date": str(p.birth_date) if p.birth_date else None})
        for p in project.parties
    )
    summary = project.summary.strip() if project.summary else project.summary
    return Project(**{**_fields(project), "source": "", "parties": parties, "summary": summary})


def _fields(record: Any) -> dict[str, Any]:
    """A frozen dataclass's fields as a dict."""
    return {name: getattr(record, name) for name in record.__dataclass_fields__}


@pytest.mark.parametrize("path", PROJECTS, ids=lambda p: p.stem)
def test_every_review_fixture_round_trips_through_the_form(path: Path, client_for: Any) -> None:
    text = path.read_text("utf-8")
    original = read_project(text, "yaml", "project")
    response = client_for("rok.delegate").post(URL, _file_post(text, action="yaml"))
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Content-Type"].startswith("application/yaml")
    written = response.content.decode()
    assert _normal(read_project(written, "yaml", "project")) == _normal(original)


def test_loading_a_file_fills_the_form(client_for: Any) -> None:
    client = client_for("rok.delegate")
    response = client.post(URL, {"action": "load", "load-project_text": RAILWAY.read_text()})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Korea Railroad Corporation"' in page
    assert 'name="items-0-hs" value="8602.10"' in page
    assert 'name="items-6-hs" value="1905.90"' in page  # seven items, then one empty row
    assert 'name="items-7-hs"' in page and 'name="items-8-hs"' not in page
    assert re.search(r'<option value="other" selected>', page)


def test_a_file_with_problems_is_not_loaded(client_for: Any) -> None:
    response = client_for("rok.delegate").post(
        URL, {"action": "load", "load-project_text": "title: x\nitems:\n  - {hs: '808.10'}\n"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "line 3: items[0].hs:" in page and "line 3: items[0].direction: is required" in page


def _cli_messages(text: str) -> list[tuple[str, str]]:
    """(path, message) of every problem the CLI's reader finds in a file."""
    with pytest.raises(ProjectError) as caught:
        read_project(text, "yaml", "project")
    return [(p.path, p.message) for p in caught.value.problems]


def test_problems_carry_the_cli_messages_on_their_fields(client_for: Any) -> None:
    rows = {
        "parties": [{"role": "implementer"}],  # no name
        "items": [
            {"description": "tractor", "hs": "8701.10", "direction": "to_dprk"},
            {"description": "apples", "hs": "808.10", "quantity": "many"},
        ],
        "activities": [{"kind": "smuggling"}],  # a forged menu value
    }
    top = {"title": "Farm aid", "start": "2019-03-01", "end": "2019-02-01"}
    response = client_for("rok.delegate").post(URL, _post_data(top, rows, action="review"))
    page = response.content.decode()
    assert response.status_code == 400
    # The same project as a file: the CLI's reader gives these problems, word for word.
    expected = _cli_messages(
        projectfile.dump(
            {
                **{k: projectfile.value_of(k, v) for k, v in top.items()},
                "parties": [{"role": "implementer"}],
                "items": [
                    {"description": "tractor", "hs": "8701.10", "direction": "to_dprk"},
                    {"description": "apples", "hs": "808.10", "quantity": "many"},
                ],
                "activities": [{"kind": "smuggling"}],
            }
        )
    )
    assert len(expected) >= 5
    for path, message in expected:
        escaped = message.replace("'", "&#x27;").replace('"', "&quot;").replace(">", "&gt;")
        assert escaped in page, (path, message)
    # Each message sits on its own field, marked invalid for assistive technology.
    assert re.search(
        r'id="id_items-1-hs"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="id_items-1-hs"',
        page,
    )
    assert re.search(
        r'id="id_parties-0-name"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="id_parties-0-name"',
        page,
    )
    assert "id_items-0-hs_error" not in page  # the good item has no error
    assert not AuditEvent.objects.filter(verb="review").exists()


def test_add_a_row_without_script_keeps_what_was_typed(client_for: Any) -> None:
    rows = {"items": [{"description": "tractor", "hs": "8701.10", "direction": "to_dprk"}]}
    data = _post_data({"title": "Farm aid"}, rows, action="add-items")
    response = client_for("rok.delegate").post(URL, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="tractor"' in page and 'value="Farm aid"' in page
    assert 'name="items-2-hs"' in page  # the typed row, the empty one, and one more
    assert re.search(
        r'<input[^>]*name="items-2-id"[^>]*autofocus|autofocus[^>]*name="items-2-id"', page
    )
    assert "errorlist" not in page  # adding a row judges nothing yet


def test_review_by_form_is_the_review_of_the_file(client_for: Any) -> None:
    client = client_for("rok.delegate")
    text = RAILWAY.read_text()
    by_form = client.post(URL, _file_post(text, action="review"))
    by_file = client.post("/sanctions/review/", {"project_text": text})
    assert by_form.status_code == by_file.status_code == 200
    report = re.compile(r'<article class="report".*?</article>', re.S)
    assert report.search(by_form.content.decode()).group(0) == report.search(
        by_file.content.decode()
    ).group(0)
    event = AuditEvent.objects.filter(verb="review").order_by("pk").first()
    assert event is not None and event.data["via"] == "form"


def test_removed_rows_are_left_out(client_for: Any) -> None:
    rows = {
        "items": [
            {"description": "tractor", "hs": "8701.10", "direction": "to_dprk"},
            {"description": "bad", "hs": "1", "DELETE": True},
        ]
    }
    response = client_for("rok.delegate").post(
        URL, _post_data({"title": "Farm aid"}, rows, action="yaml")
    )
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["items"] == [
        {"description": "tractor", "hs": "8701.10", "direction": "to_dprk"}
    ]


def test_saving_keeps_the_file_the_form_made(client_for: Any) -> None:
    from wgdesk.web.agenda.models import AgendaItem

    item = AgendaItem.objects.get(title_en__startswith="Joint survey")
    data = _file_post(
        RAILWAY.read_text(),
        action="save",
        **{"save-agenda_item": item.pk, "save-visibility": "side", "save-classification": "0"},
        **{"save-title_ko": "경의선 조사 (양식)", "save-title_en": ""},
    )
    response = client_for("rok.delegate").post(URL, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = ProjectReview.objects.latest("pk")
    assert (saved.title.ko, saved.title.en, saved.title.stale) == ("경의선 조사 (양식)", "", "en")
    assert saved.project_format == "yaml" and saved.visibility == "side"
    original = read_project(RAILWAY.read_text(), "yaml", "project")
    assert _normal(read_project(saved.project_text, "yaml", "project")) == _normal(original)
    # ... and the saved review opens in the form again.
    link = f'href="{URL}?review={opaque.encode(saved.pk)}"'
    assert link in client_for("rok.delegate").get(saved.get_absolute_url()).content.decode()
    assert link not in client_for("rok.observer").get(saved.get_absolute_url()).content.decode()
    page = client_for("rok.delegate").get(f"{URL}?review={opaque.encode(saved.pk)}")
    page = page.content.decode()
    assert 'name="items-0-hs" value="8602.10"' in page


def test_a_side_only_review_does_not_open_for_the_other_side(client_for: Any) -> None:
    hidden = ProjectReview.objects.filter(visibility="side", side__code="US").first()
    assert hidden is not None
    ref = opaque.encode(hidden.pk)
    assert client_for("rok.delegate").get(f"{URL}?review={ref}").status_code == 404
    assert client_for("us.delegate").get(f"{URL}?review={ref}").status_code == 200
    # The plain id is no reference: it opens nothing, even for the side that may see it.
    assert client_for("us.delegate").get(f"{URL}?review={hidden.pk}").status_code == 404
    assert client_for("rok.delegate").get(f"{URL}?review=x").status_code == 404


@pytest.mark.parametrize("path", [URL, "/sanctions/hs/?q=locomotive"])
def test_observers_may_not_use_the_form(path: str, client_for: Any) -> None:
    assert client_for("rok.observer").get(path).status_code == 403
    assert client_for("rok.delegate").get(path).status_code == 200


def test_posts_need_the_csrf_token(users: dict[str, Any]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["rok.delegate"])
    response = client.post(URL, _file_post(RAILWAY.read_text(), action="review"))
    assert response.status_code == 403


@pytest.fixture
def nomenclature(_isolated_data_dir: Path) -> Path:
    """A small nomenclature installed where `wgdesk hs fetch` puts it."""
    folder = _isolated_data_dir / "hs"
    folder.mkdir(parents=True)
    (folder / "harmonized-system.csv").write_text(HS_ROWS, "utf-8")
    (folder / "sections.csv").write_text("section,name\nXVI,Machinery\nXVII,Vehicles\n")
    return folder


def test_hs_suggestions_for_words_and_code_prefixes(client_for: Any, nomenclature: Path) -> None:
    client = client_for("rok.delegate")
    htmx = {"HTTP_HX_REQUEST": "true"}
    words = client.get("/sanctions/hs/?field=items-2-hs&items-2-hs=diesel+locomotive", **htmx)
    fragment = words.content.decode()
    assert "<html" not in fragment  # htmx gets the fragment only
    assert 'data-fill="id_items-2-hs" value="8602.10"' in fragment
    digits = client.get("/sanctions/hs/?field=items-0-hs&items-0-hs=841", **htmx).content.decode()
    assert 'value="8418"' in digits and 'value="8418.50"' in digits and "8602" not in digits
    korean = client.get("/sanctions/hs/?q=기관차").content.decode()  # no script: a page
    assert "<html" in korean and "8602" in korean


def test_hs_search_ignores_other_fields_and_says_when_nothing_is_installed(
    client_for: Any,
) -> None:
    client = client_for("rok.delegate")
    page = client.get("/sanctions/hs/?field=title&title=x", HTTP_HX_REQUEST="true")
    assert "not installed" in page.content.decode()


def test_the_form_page_has_htmx_and_no_inline_script(client_for: Any) -> None:
    page = client_for("rok.delegate").get(URL).content.decode()
    assert "/static/vendor/htmx/htmx.min.js" in page
    assert "<script>" not in page and " style=" not in page
    assert 'hx-get="/sanctions/hs/"' in page
    kinds = re.findall(r'<option value="([a-z_]+)"', page.split('name="activities-0-kind"')[1])
    assert kinds[:3] == ["joint_venture", "cooperative_entity", "investment"]


def test_exemption_block_round_trips(client_for: Any) -> None:
    block = {name: f"{name} text" for name in EXEMPTION_FIELDS}
    block["shipments"] = "3"
    text = projectfile.dump(
        {
            "title": "Aid",
            "start": dt.date(2019, 1, 2),
            "items": [{"hs": "3002.41", "direction": "to_dprk"}],
            "exemption": {**block, "shipments": 3},
        }
    )
    response = client_for("rok.delegate").post(URL, _file_post(text, action="yaml"))
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["exemption"] == {**block, "shipments": 3}
