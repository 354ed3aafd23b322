"""Template helpers: bilingual values side by side, and policy checks in templates."""

from __future__ import annotations

import functools
import re
from typing import Any

from django import template
from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from wgdesk.web import policy
from wgdesk.web.core import opaque
from wgdesk.web.core.bilingual import BilingualValue
from wgdesk.web.core.scoping import Classification, portion_mark
from wgdesk.web.groups.models import side_label

register = template.Library()


@register.inclusion_tag("core/bilingual.html")
def bi(value: BilingualValue, block: bool = False) -> dict[str, Any]:
    """Render a bilingual value: both languages side by side, stale one marked."""
    return {"value": value, "block": block}


@register.filter
def can_edit(obj: models.Model, user: Any) -> bool:
    """Template form of policy.can_edit: {% if obj|can_edit:user %}."""
    return policy.can_edit(user, obj)


@register.filter
def portion(obj: Any) -> SafeString:
    """{{ record|portion }}: the record's portion mark, its level named in a tooltip (an
    item without a classification of its own is Unclassified)."""
    level = Classification(getattr(obj, "classification", 0) or 0)
    mark = portion_mark(level)
    # data-level lets the page banner name the highest mark the page shows (middleware).
    return format_html(
        '<abbr class="portion" data-level="{}" title="{}">{}</abbr>', int(level), level.label, mark
    )


@register.filter
def badge(obj: Any) -> SafeString:
    """{{ record|badge }}: a badge naming the record's classification when it has one."""
    level = getattr(obj, "classification", 0) or 0
    if not level:
        return SafeString("")
    return format_html('<span class="badge classified">{}</span>', Classification(level).label)


_SIDE_CLASS = re.compile(r"[A-Za-z]+\Z")


@register.filter
def side_badge(side: Any) -> SafeString:
    """{{ record.side|side_badge }}: a side (or its code) as a coloured badge with its short
    name in the page's language (한국, 미국): the code picks the colour, never the words."""
    code = str(getattr(side, "code", side) or "")
    if not code:
        return SafeString("")
    # A code is data: only a plain word becomes part of the class name.
    css = f"badge side-{code}" if _SIDE_CLASS.match(code) else "badge"
    return format_html('<span class="{}">{}</span>', css, side_label(code))


@register.filter
def can_withdraw(obj: models.Model, user: Any) -> bool:
    """Template form of policy.can_withdraw: {% if obj|can_withdraw:user %}."""
    return policy.can_withdraw(user, obj)


@register.filter
def clip(value: object, length: int) -> str:
    """Shorten a text to ``length`` characters, ending with "…" when cut. Django's
    truncatechars looks up its translated ellipsis on every call: a fifth of the positions
    board's time."""
    text = str(value)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


_PK = 987654321  # a stand-in primary key, found once in the reversed URL


@functools.lru_cache(maxsize=64)
def _around_pk(name: str, prefix: str, urlconf: Any) -> tuple[str, str, bool]:
    """The text before and after the record's key in a record URL ``name``(pk), and
    whether that key is an opaque reference (``<ref:pk>``) rather than the integer."""
    url = reverse(name, args=[_PK], urlconf=urlconf)
    for key, opaque_key in ((str(_PK), False), (opaque.encode(_PK), True)):
        head, found, tail = url.partition(key)
        if found and key not in tail:
            return head, tail, opaque_key
    raise ValueError(f"{name} does not take one primary key")


@register.simple_tag
def record_url(name: str, pk: int) -> str:
    """{% record_url "agenda:item" item.pk %}: what {% url %} gives for a URL whose one
    argument is a record's primary key, without resolving the URL again for every row of
    a long list (reverse() was a fifth of the agenda tree's time)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    head, tail, opaque_key = _around_pk(name, get_script_prefix(), urlconf)
    return f"{head}{opaque.encode(int(pk)) if opaque_key else int(pk)}{tail}"


@register.filter
def ref(pk: int) -> str:
    """{{ review.pk|ref }}: a record's opaque reference, for query strings (core/opaque.py)."""
    return opaque.encode(int(pk))


@register.filter
def pairs_of(form: Any) -> list[Any]:
    """A form's bilingual field pairs for core/form_body.html (none for a plain form)."""
    pairs = getattr(form, "pairs", None)
    return list(pairs()) if callable(pairs) else []


@register.filter
def others_of(form: Any) -> list[Any]:
    """A form's other fields for core/form_body.html: every field of a plain Django form.

    The template once read ``form.others``, which a plain ``forms.Form`` lacks: the
    amendment and email-preference pages showed a Save button and no field at all.
    """
    others = getattr(form, "others", None)
    return list(others()) if callable(others) else list(form)


@register.filter
def label_of(obj: models.Model) -> str:
    """Return an object's "app.Model" label (for note and attachment forms)."""
    return obj._meta.label
