"""The fields a list change names are shown in the page's language, every one of them."""

from __future__ import annotations

from django.utils import translation

from wgdesk.screening.diff import _FIELDS
from wgdesk.web.sanctions.templatetags.sanctions import LIST_FIELDS, list_field_label


def test_every_field_a_list_diff_names_has_a_korean_label() -> None:
    named = {name for name, _ in _FIELDS}
    assert named == set(LIST_FIELDS)  # a field added to the diff needs its label here
    with translation.override("ko"):
        for name in named:
            label = str(list_field_label(name))
            assert label != name and not label.isascii(), name
    with translation.override("en"):
        assert str(list_field_label("dates of birth")) == "dates of birth"
    assert list_field_label("something new") == "something new"  # stored words stay
