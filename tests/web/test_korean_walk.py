"""Every page of the desk, read in Korean, holds no English UI word.

The walk (tests/web/urlwalk.py) opens every page as a ROK user with the Korean UI. What a
reader sees (text, and the attributes a screen reader or tooltip shows) must be Korean,
except data shown as written: proper names and codes (below), the desk's own records in
a field that has no Korean half (names of list entries, file names), and English the
page marks as such (``lang="en"``: the English half shown beside the Korean).
"""

from __future__ import annotations

import dataclasses
import re
import zoneinfo
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from tests.web.urlwalk import DeskUrl, desk_urls

pytestmark = pytest.mark.django_db

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")

# Proper names and codes a Korean page writes in Latin letters, as Korean officials do.
PROPER = {
    # organisations, lists, instruments and their abbreviations
    "UN",
    "UNSC",
    "OFAC",
    "SDN",
    "DPRK",
    "HS",
    "S",
    "RES",
    "OP",
    "Committee",
    "KP",
    "KR",
    "EU",
    "ISO",
    "WCO",
    "yente",
    "FtM",
    "FollowTheMoney",
    "OpenRefine",
    "wgdesk",
    "Indico",
    "Loomio",
    # file formats and protocols
    "CSV",
    "PDF",
    "ICS",
    "iCalendar",
    "JSON",
    "JSONL",
    "YAML",
    "Markdown",
    "DOCX",
    "docx",
    "XLSX",
    "xlsx",
    "ZIP",
    "zip",
    "HTML",
    "API",
    "URL",
    "HTTP",
    "HTTPS",
    "TOTP",
    "OTP",
    "QR",
    "UTC",
    "ID",
    "SHA",
    "sha",
    "Bearer",
    "Excel",
    "Word",
    # units and currencies
    "USD",
    "KRW",
    "kg",
    "pcs",
    # time zones (abbreviations; the IANA names are added below)
    "KST",
    "EST",
    "EDT",
    "UTC",
    "GMT",
}
PROPER |= {w for zone in zoneinfo.available_timezones() for w in LATIN_WORD.findall(zone)}
# Internet terms and date formats as typed.
PROPER |= {"IP", "YYYY-MM-DD", "YYYY-MM", "YYYY"}
# A command line is code, written as typed (wgdesk audit verify).
COMMAND = re.compile(r"\bwgdesk(?: [a-z][a-z-]*)+")
# A token with a figure, a path or a dot inside is a code (S/RES/2397, KPi.901, v1,
# docs/api.md, .yaml, 2025-02-28T10:00Z, sha256:54d0dcd8).
CODE_TOKEN = re.compile(r"\S*(?:\d|/|\w\.\w|(?:^|\W)\.\w|:\w|_)\S*")
# What the screening form's help gives as input to type: an example name and the types.
PROPER |= {"Lee", "Won-ho", "person", "organization", "vessel", "aircraft"}
INVISIBLE = {"script", "style", "textarea", "template", "code", "pre", "kbd", "samp"}
SHOWN_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}
# Pages that are not HTML pages for people (downloads, feeds, the API).
NOT_PAGES = ("api:", "feeds:", "exports:", "attachments:download")


class _Reader(HTMLParser):
    """Collect what a reader sees, skipping scripts, form contents and lang="en" parts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.shown: list[str] = []
        self._skip: list[str] = []  # the tags of the open skipped elements

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in {"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr"}:
            self._attributes(found)
            if tag == "input" and found.get("type") in {"submit", "button"} and not self._skip:
                self.shown.append(found.get("value") or "")  # an input button shows its value
            return
        if tag == "abbr" and "portion" in (found.get("class") or "").split():
            # A portion mark, (U) to (S): a code like HS numbers, its title in Korean.
            self._attributes(found)
            self._skip.append(tag)
            return
        if self._skip or tag in INVISIBLE or (found.get("lang") or "").startswith("en"):
            self._skip.append(tag)
            return
        self._attributes(found)

    def _attributes(self, found: dict[str, str | None]) -> None:
        if self._skip or found.get("type") == "hidden":
            return
        self.shown += [v for k, v in found.items() if k in SHOWN_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.shown.append(data)


def _english_halves() -> set[tuple[type[models.Model], str]]:
    """(model, field) of every English half of a bilingual field (title_en beside title_ko)."""
    halves = set()
    for model in apps.get_models():
        names = {f.name for f in model._meta.get_fields()}
        halves |= {(model, n) for n in names if n.endswith("_en") and n[:-3] + "_ko" in names}
    return halves


# Records that are not shown as written: the audit trail's payloads and the search index
# (copies of both halves), secrets and hashes, accounts; and fields holding English only
# for the English page (a saved review's English report beside its Korean one).
NOT_SHOWN_APPS = {"auth", "contenttypes", "sessions", "admin", "audit", "search", "accounts"}
NOT_SHOWN_FIELDS = {"username", "password", "token", "secret", "hash", "prev_hash", "key"}
NOT_SHOWN = {("groups.Side", "code"), ("sanctions.ProjectReview", "report")}
SIDE_CODES = {"ROK", "US"}


def _data_words() -> set[str]:
    """Latin words of the desk's records in fields with no Korean half: data shown as written."""
    english = _english_halves()
    words: set[str] = set()
    for model in apps.get_models():
        if model._meta.app_label in NOT_SHOWN_APPS:
            continue
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and (model, f.name) not in english
            and not f.choices  # a choice's stored value is a code; its label must be Korean
            and f.name not in NOT_SHOWN_FIELDS
            and (model._meta.label, f.name) not in NOT_SHOWN
        ]
        for row in model._default_manager.values_list(*fields) if fields else ():
            words |= {w for text in _texts(row) for w in LATIN_WORD.findall(text)}
    return words


def _texts(value: Any) -> Iterator[str]:
    """Every text in a value: a string, a JSON document, a list entry (a dataclass)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _texts(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if field.name != "quality":  # the list's label of an alias: a word to translate
                yield from _texts(getattr(value, field.name))


def _list_words(versions: list[Any]) -> set[str]:
    """Latin words of the loaded lists' entries: names, places, remarks, as listed."""
    from wgdesk.screening.store import SqliteListStore

    words: set[str] = set()
    with SqliteListStore.default() as store:
        for version in versions:
            for entry in store.load(version.id).entries:
                words |= {w for text in _texts(entry) for w in LATIN_WORD.findall(text)}
    return words


def _english_words(html: str, allowed: set[str], cut: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words a reader sees that are not proper names, codes or data.

    A text's last word may be a data word cut short (a title shortened to 80 characters):
    ``cut`` holds the beginnings of the data words.
    """
    reader = _Reader()
    reader.feed(html)
    found = []
    for text in reader.shown:
        words = LATIN_WORD.findall(CODE_TOKEN.sub(" ", COMMAND.sub(" ", text)))
        for number, word in enumerate(words, 1):
            if word in allowed or word.strip("'’-") in allowed:
                continue
            if number == len(words) and text.rstrip().endswith(word) and word in cut:
                continue
            found.append(word)
    return found


def _pages() -> Iterator[DeskUrl]:
    for entry in desk_urls():
        if not entry.name.startswith(NOT_PAGES) and entry.name != "accounts:logout":
            yield entry


def test_every_page_reads_in_korean(users: dict[str, Any], loaded_lists: list[Any]) -> None:
    client = Client()
    client.force_login(users["lee.dohoon"])
    client.cookies["django_language"] = "ko"
    data = _data_words() | _list_words(loaded_lists)
    # The sides are named in Korean (한국, 미국), never by their codes, even where a record
    # of the desk writes the code in its text.
    allowed = (PROPER | data) - SIDE_CODES
    cut = frozenset(w[:n] for w in data for n in range(1, len(w)))
    problems: dict[str, list[str]] = {}
    seen = 0
    for entry in _pages():
        response = client.get(entry.url)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        seen += 1
        words = _english_words(response.content.decode("utf-8", "replace"), allowed, cut)
        if words:
            reader = _Reader()
            reader.feed(response.content.decode("utf-8", "replace"))
            for text in reader.shown:
                if any(w in text for w in words):
                    print(entry.url, repr(text))
            problems[f"{entry.url} ({entry.name}, {response.status_code})"] = sorted(set(words))
    assert seen >= 40
    assert problems == {}, "\n".join(f"{page}: {words}" for page, words in problems.items())


def test_the_checker_catches_english_and_spares_data() -> None:
    page = (
        '<p title="Open">회의 <span lang="en">Joint survey</span> UN OFAC</p>'
        "<button>Save</button><textarea>free text</textarea><script>var x</script>"
    )
    assert _english_words(page, PROPER) == ["Open", "Save"]
