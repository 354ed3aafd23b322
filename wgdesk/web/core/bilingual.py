"""Korean/English field pairs with stale-translation tracking.

``title = BilingualText(max_length=300)`` on a model adds ``title_ko``, ``title_en`` and
``title_stale`` (which language, if any, lags behind the other). Edits go through
``apply_edit`` so that the staleness rule is applied in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, overload

from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

KO, EN = "ko", "en"
STALE_CHOICES = [
    ("", _("up to date")),
    (KO, _("Korean needs update")),
    (EN, _("English needs update")),
]


@dataclass(frozen=True)
class BilingualValue:
    """The two texts of one field, which one is stale, and the text for the active language."""

    ko: str
    en: str
    stale: str

    @property
    def current(self) -> str:
        """Return the text in the active UI language, falling back to the other language."""
        first, second = (
            (self.ko, self.en) if translation.get_language() == KO else (self.en, self.ko)
        )
        return first or second

    def __str__(self) -> str:
        """Render as the active-language text."""
        return self.current


class BilingualText:
    """Declare a Korean/English pair; Django calls contribute_to_class to add the columns."""

    def __init__(self, verbose_name: Any = "", max_length: int | None = None) -> None:
        self.verbose_name = verbose_name
        self.max_length = max_length
        self.name = ""

    @overload
    def __get__(self, obj: None, owner: Any = None) -> BilingualText: ...
    @overload
    def __get__(self, obj: models.Model, owner: Any = None) -> BilingualValue: ...
    def __get__(self, obj: models.Model | None, owner: Any = None) -> Any:
        """On an instance, return both texts and the stale marker as one value."""
        if obj is None:
            return self
        return BilingualValue(
            getattr(obj, f"{self.name}_ko"),
            getattr(obj, f"{self.name}_en"),
            getattr(obj, f"{self.name}_stale"),
        )

    def _text_field(self, language: str) -> models.Field[Any, Any]:
        """Build the column holding one language (blank allowed: forms require one or both)."""
        label = f"{self.verbose_name} ({language})"
        if self.max_length:
            return models.CharField(label, max_length=self.max_length, blank=True, default="")
        return models.TextField(label, blank=True, default="")

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        """Add the two text columns, the stale marker and a combined accessor to the model."""
        cls.add_to_class(f"{name}_ko", self._text_field(KO))
        cls.add_to_class(f"{name}_en", self._text_field(EN))
        cls.add_to_class(
            f"{name}_stale",
            models.CharField(max_length=2, blank=True, default="", choices=STALE_CHOICES),
        )
        self.name = name
        setattr(cls, name, self)
        # Each concrete model keeps its own tuple; inherited pairs come from the parent.
        inherited = getattr(cls, "bilingual_fields", ())
        cls.bilingual_fields = (*inherited, name)  # type: ignore[attr-defined]


def bilingual_fields(model: type[models.Model] | models.Model) -> tuple[str, ...]:
    """Return the names of a model's bilingual pairs."""
    return tuple(getattr(model, "bilingual_fields", ()))


def has_hangul(text: str) -> bool:
    """Whether a text has a Hangul syllable (then it was written in Korean)."""
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def by_script(text: str) -> tuple[str, str]:
    """A one-language text as a (ko, en) pair: Hangul goes to Korean, anything else to
    English (a project file's title, a name typed in one language)."""
    return (text, "") if has_hangul(text) else ("", text)


def next_stale(old_ko: str, old_en: str, new_ko: str, new_en: str, stale: str) -> str:
    """Return the language left behind: the one not updated when the other one changed."""
    ko_changed, en_changed = old_ko != new_ko, old_en != new_en
    if not new_ko.strip():
        return KO if new_en.strip() else ""
    if not new_en.strip():
        return EN
    if ko_changed and en_changed:
        return ""
    if ko_changed:
        # Updating the stale language alone brings it up to date; otherwise English lags.
        return "" if stale == KO else EN
    if en_changed:
        return "" if stale == EN else KO
    return stale


def apply_edit(obj: models.Model, name: str, ko: str, en: str) -> bool:
    """Set both texts of a pair and its stale marker; return whether anything changed."""
    old_ko, old_en = getattr(obj, f"{name}_ko"), getattr(obj, f"{name}_en")
    old_stale = getattr(obj, f"{name}_stale")
    stale = next_stale(old_ko, old_en, ko, en, old_stale)
    setattr(obj, f"{name}_ko", ko)
    setattr(obj, f"{name}_en", en)
    setattr(obj, f"{name}_stale", stale)
    return (old_ko, old_en, old_stale) != (ko, en, stale)


def confirm(obj: models.Model, name: str) -> bool:
    """Mark a pair's translation as checked; return whether it was stale before."""
    was_stale = bool(getattr(obj, f"{name}_stale"))
    both_present = getattr(obj, f"{name}_ko").strip() and getattr(obj, f"{name}_en").strip()
    if was_stale and both_present:
        setattr(obj, f"{name}_stale", "")
        return True
    return False


def stale_q(model: type[models.Model]) -> Q:
    """Return a filter matching rows of a model where any bilingual pair is stale."""
    condition = Q(pk__in=[])
    for name in bilingual_fields(model):
        condition |= ~Q(**{f"{name}_stale": ""})
    return condition
