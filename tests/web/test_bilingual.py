"""The stale-translation rule of bilingual fields."""

from __future__ import annotations

import pytest
from django.apps import apps

from wgdesk.web import policy
from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.core import translations
from wgdesk.web.core.bilingual import apply_edit, by_script, confirm, next_stale, stale_q
from wgdesk.web.dashboard import queries as dashboard_queries
from wgdesk.web.search.present import KIND_LABELS


@pytest.mark.parametrize(
    ("old", "new", "stale", "expected"),
    [
        (("가", "a"), ("나", "a"), "", "en"),  # Korean edited: English lags
        (("가", "a"), ("가", "b"), "", "ko"),  # English edited: Korean lags
        (("가", "a"), ("나", "b"), "", ""),  # both edited together: in step
        (("가", "a"), ("가", "b"), "en", ""),  # the stale language updated: in step
        (("가", "a"), ("나", "a"), "en", "en"),  # edited again, still lagging
        (("가", "a"), ("가", "a"), "ko", "ko"),  # no edit keeps the flag
        (("", ""), ("가", ""), "", "en"),  # only one language written: the other is missing
        (("", ""), ("", "a"), "", "ko"),
        (("", ""), ("", ""), "", ""),
    ],
)
def test_next_stale(old: tuple[str, str], new: tuple[str, str], stale: str, expected: str) -> None:
    assert next_stale(*old, *new, stale) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("남북 철도 공동조사", ("남북 철도 공동조사", "")),
        ("Joint survey", ("", "Joint survey")),
        ("KTX 경의선 (2018)", ("KTX 경의선 (2018)", "")),  # any Hangul: written in Korean
        ("平壤 2018", ("", "平壤 2018")),  # Hanja alone is not Hangul
        ("", ("", "")),
    ],
)
def test_by_script_puts_a_one_language_text_in_its_half(
    text: str, expected: tuple[str, str]
) -> None:
    assert by_script(text) == expected


def test_apply_edit_and_confirm_on_a_model() -> None:
    item = ActionItem(title_ko="가", title_en="a")
    assert apply_edit(item, "title", "가", "b")
    assert item.title_stale == "ko"
    assert item.title.ko == "가" and item.title.en == "b"
    assert confirm(item, "title") and item.title_stale == ""
    assert not confirm(item, "title")


@pytest.mark.django_db
def test_demo_has_a_stale_translation_found_by_stale_q() -> None:
    stale = ActionItem.objects.filter(stale_q(ActionItem))
    assert [a.title_stale for a in stale] == ["ko"]


def _with_stale_flag() -> set[str]:
    """Labels of every installed model with a stale-translation column, however added."""
    return {
        model._meta.label
        for model in apps.get_models()
        if any(f.name.endswith("_stale") for f in model._meta.concrete_fields)
    }


def test_every_model_with_a_stale_flag_is_tracked_or_named_reference_data() -> None:
    tracked = {model._meta.label for model in translations.tracked_models()}
    # A new bilingual record is tracked by itself; this fails if one is left out some
    # other way (a stale column added by hand, a label mistyped in REFERENCE_DATA).
    assert _with_stale_flag() == tracked | translations.REFERENCE_DATA
    assert not tracked & translations.REFERENCE_DATA
    assert {"sanctions.ProjectReview", "projects.Project", "minutes.Minutes"} <= tracked
    assert dashboard_queries.stale_models() == translations.tracked_models()


@pytest.mark.parametrize("label", sorted(_with_stale_flag() - translations.REFERENCE_DATA))
def test_a_tracked_record_can_be_listed_and_confirmed(label: str) -> None:
    model = apps.get_model(label)
    assert translations.is_tracked(label)
    assert callable(getattr(model, "get_absolute_url", None)), "the list links to its page"
    assert policy.scope_of(model) is not None, "the list reads it through the policy"
    assert label in KIND_LABELS, "the list names its kind in the reader's language"
    pair = translations.heading_pair(model)
    # The heading's columns resolve (building the query raises on a wrong lookup).
    assert str(model._default_manager.values(f"{pair}_ko", f"{pair}_en").query)


def test_reference_data_is_not_confirmable() -> None:
    assert not translations.is_tracked("groups.Member")
    assert not translations.is_tracked("agenda.Track")
