"""Template helpers: a hit's last disposition on the screening page, and stale-list warnings."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from wgdesk.web.dispositions.entries import stale_versions
from wgdesk.web.dispositions.models import Disposition, name_key

register = template.Library()

# The engine's words for an entry's type and a name's place, in the page's language.
ENTRY_WORDS: dict[str, Any] = {
    "person": pgettext_lazy("listed entry", "person"),
    "organization": pgettext_lazy("listed entry", "organisation"),
    "vessel": pgettext_lazy("listed entry", "vessel"),
    "aircraft": pgettext_lazy("listed entry", "aircraft"),
    "primary": pgettext_lazy("listed name", "primary name"),
    "alias": pgettext_lazy("listed name", "alias"),
    "former": pgettext_lazy("listed name", "former name"),
    "original_script": pgettext_lazy("listed name", "original script"),
    # The lists' own quality labels of an alias (UN, then OFAC).
    "Good": pgettext_lazy("alias quality", "good quality"),
    "Low": pgettext_lazy("alias quality", "low quality"),
    "a.k.a.": pgettext_lazy("alias quality", "also known as"),
    "f.k.a.": pgettext_lazy("alias quality", "formerly known as"),
    "aka": pgettext_lazy("alias quality", "also known as"),
    "fka": pgettext_lazy("alias quality", "formerly known as"),
    "nka": pgettext_lazy("alias quality", "now known as"),
}


@register.filter
def entry_word(value: Any) -> Any:
    """An entry type or name kind in the page's language (an unknown one as it is)."""
    return ENTRY_WORDS.get(str(value), value)


@register.simple_tag
def disposition_of(
    dispositions: dict[Any, Disposition], name: str, source: str, ref: str
) -> Disposition | None:
    """The newest disposition (visible to the reader) of this screened name against this entry."""
    return dispositions.get((name_key(name or ""), source, ref))


@register.simple_tag
def stale_lists(state: Any) -> list[tuple[Any, int]]:
    """The active list versions older than the configured age, with their age in days."""
    if state is None or not getattr(state, "versions", ()):
        return []
    return stale_versions(state.versions, timezone.localdate())
