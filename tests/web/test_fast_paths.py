"""The light rendering helpers the load benchmark called for behave like Django's own."""

from __future__ import annotations

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wgdesk.web.agenda.models import AgendaItem
from wgdesk.web.core.forms import ListedChoiceField, QuickSelect
from wgdesk.web.core.templatetags.desk import clip


def test_clip_keeps_short_texts_and_cuts_long_ones_with_an_ellipsis() -> None:
    assert clip("한미 워킹그룹", 10) == "한미 워킹그룹"
    assert clip("x" * 10, 10) == "x" * 10
    cut = clip("The two sides discussed the railway survey", 12)
    assert cut == "The two sid…" and len(cut) == 12
    assert clip("word     next", 6) == "word…"  # no trailing space before the ellipsis


def test_quick_select_escapes_marks_the_value_and_keeps_attributes() -> None:
    widget = QuickSelect(choices=[("", "---"), ("1", "<b>Rail</b> & road"), ("2", "철도")])
    html = widget.render("item", 2, attrs={"id": "id_item", "required": True})
    assert html.startswith('<select name="item" id="id_item" required>')
    assert '<option value="1">&lt;b&gt;Rail&lt;/b&gt; &amp; road</option>' in html
    assert '<option value="2" selected>철도</option>' in html
    assert html.count("selected") == 1


@pytest.mark.django_db
def test_listed_choice_field_reads_choices_in_one_query_and_validates() -> None:
    class Pick(forms.Form):
        item = ListedChoiceField(queryset=AgendaItem.objects.filter(status="open"))

    open_item = AgendaItem.objects.filter(status="open").first()
    assert open_item is not None
    with CaptureQueriesContext(connection) as queries:
        html = str(Pick()["item"])
    assert len(queries) == 1 and "DECLARE" not in queries[0]["sql"]
    assert html.count("<option") == AgendaItem.objects.filter(status="open").count() + 1
    assert Pick({"item": str(open_item.pk)}).is_valid()
    assert not Pick({"item": "999999"}).is_valid()
