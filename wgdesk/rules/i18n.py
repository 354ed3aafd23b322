"""Bilingual messages (English and Korean) for engine notes and report headings."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from wgdesk.rules.model import Text
from wgdesk.yamlio import load_yaml

LANGUAGES = ("en", "ko")


@cache
def catalog() -> dict[str, Text]:
    """Return every message of messages.yaml by key."""
    raw = resources.files("wgdesk.rules").joinpath("messages.yaml").read_text("utf-8")
    data: dict[str, Any] = load_yaml(raw)
    return {key: Text(str(value["en"]), str(value["ko"])) for key, value in data.items()}


def message(key: str, **values: Any) -> Text:
    """Return a message with its placeholders filled, in both languages."""
    template = catalog()[key]
    return Text(template.en.format(**values), template.ko.format(**values))


def bilingual(key: str, **values: Text | str) -> Text:
    """Fill placeholders whose values are themselves bilingual texts, language by language."""
    template = catalog()[key]
    en = {k: v.en if isinstance(v, Text) else v for k, v in values.items()}
    ko = {k: v.ko if isinstance(v, Text) else v for k, v in values.items()}
    return Text(template.en.format(**en), template.ko.format(**ko))


def label(key: str, lang: str) -> str:
    """Return a heading or label in the requested language."""
    return catalog()[key].get(lang)
