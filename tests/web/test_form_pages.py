"""Every page built on the shared form template shows each field of its form: a plain
Django form (no bilingual pairs) once rendered only its Save button."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory

from wgdesk.web.core.forms import BilingualForm
from wgdesk.web.minutes.forms import AmendmentForm
from wgdesk.web.minutes.models import Minutes
from wgdesk.web.notifications.forms import PreferenceForm

pytestmark = pytest.mark.django_db


class _Mixed(BilingualForm):
    """Pairs and plain fields together."""

    bilingual = (("title", "Title", False, True),)
    due = forms.DateField(label="Due")


@pytest.mark.parametrize("form", [AmendmentForm(), PreferenceForm(), _Mixed()])
def test_the_shared_form_template_renders_every_visible_field_once(form: forms.Form) -> None:
    request = RequestFactory().get("/")
    html = render_to_string("core/form_body.html", {"form": form}, request=request)
    for field in form:
        found = re.findall(rf'name="{field.html_name}"', html)
        assert len(found) == 1, field.html_name


def test_the_amendment_page_asks_for_its_reason(client_for: Any) -> None:
    locked = Minutes.objects.filter(status="locked").first()
    assert locked is not None
    page = client_for("rok.secretariat").get(f"/minutes/{locked.meeting_id}/amend/")
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()


def test_the_email_preferences_page_shows_its_fields(client_for: Any) -> None:
    page = client_for("rok.delegate").get("/notifications/").content.decode()
    assert 'name="language"' in page and 'name="email_enabled"' in page
