"""The stale-translation rule of bilingual fields."""

from __future__ import annotations

import pytest

from wgdesk.web.actionitems.models import ActionItem
from wgdesk.web.core.bilingual import apply_edit, by_script, confirm, next_stale, stale_q


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
