"""The one Markdown escaping rule: user text rendered by a CommonMark renderer creates no
element (checked with markdown-it-py, GFM tables, strikethrough and bare-URL links on)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from wgdesk.mdtext import escape

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "Title\n===",
    "Title\n---",
    "~~~\ncode\n~~~",
    "```js\ncode",
    "see https://evil.example/x and www.evil.example",
    "<https://evil.example>",
    "[click](javascript:alert(1)) ![i](x.png)",
    "*em* **strong** _u_ ~~gone~~ `code`",
    "# heading\n> quote\n- item\n+ item\n1. item\n2) item",
    "    indented code",
    "line with two spaces  \nnext",
    "| a | b |\n|---|---|\n| c | d |",
    "***\n___",
    "&amp; &#60;script&#62; &copy;",
    "[ref]: https://evil.example\n[ref]",
    "<!-- comment --> <div>block</div>",
    "trailing backslash\\",
    "foo@evil.example mailto:foo@evil.example evil.com //evil.com/x HTTPS://EVIL.COM",
]


def renderer() -> MarkdownIt:
    """CommonMark with what GitHub and most viewers add: tables, strikethrough, linkify."""
    return MarkdownIt("commonmark", {"linkify": True}).enable(["table", "strikethrough", "linkify"])


def _elements(tokens: list[Any]) -> list[str]:
    """Every element a token stream makes, nested inline tokens included."""
    found = []
    for token in tokens:
        found.append(token.type)
        found += _elements(token.children or [])
    return found


def _text(tokens: list[Any]) -> str:
    """The plain text a token stream shows (paragraphs joined by blank lines)."""
    parts = []
    for token in tokens:
        if token.type == "inline":
            pieces = [
                "\n" if child.type == "softbreak" else child.content
                for child in token.children or []
            ]
            parts.append("".join(pieces))
    return "\n\n".join(parts)


PLAIN = {"paragraph_open", "paragraph_close", "inline", "text", "softbreak", "text_special"}


def test_hostile_texts_render_as_themselves_on_one_line() -> None:
    for hostile in HOSTILE:
        tokens = renderer().parse(escape(hostile, inline=True))
        assert set(_elements(tokens)) <= PLAIN, hostile
        assert _text(tokens) == " ".join(hostile.split()), hostile


def test_hostile_texts_render_as_themselves_as_a_block() -> None:
    for hostile in HOSTILE:
        tokens = renderer().parse(escape(hostile))
        assert set(_elements(tokens)) <= PLAIN, hostile
        expected = "\n".join(line.strip() for line in hostile.splitlines())
        assert _text(tokens) == expected, hostile


MARKUP = st.sampled_from(
    [*"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n=-", "http://", "www.", ".com", "//", "a@b.org"]
)
TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=4)), max_size=30).map("".join)


@settings(max_examples=200, deadline=None, derandomize=False)
@given(TEXT)
def test_no_text_creates_an_element_on_one_line(text: str) -> None:
    """Class: anything, in a heading, a list item or a table cell, stays plain text."""
    line = escape(text, inline=True)
    for document in (line, f"# {line}", f"- {line}", f"| a |\n|---|\n| {line} |"):
        types = set(_elements(renderer().parse(document)))
        allowed = PLAIN | {"heading_open", "heading_close", "bullet_list_open"}
        allowed |= {"bullet_list_close", "list_item_open", "list_item_close"}
        allowed |= {
            t + s
            for t in ("table", "thead", "tbody", "tr", "th", "td")
            for s in ("_open", "_close")
        }
        assert types <= allowed, (text, document)
    assert "\n" not in line


@settings(max_examples=200, deadline=None, derandomize=False)
@given(TEXT)
def test_no_text_creates_an_element_as_a_block(text: str) -> None:
    """Class: a block of user text can only make paragraphs."""
    assert set(_elements(renderer().parse(escape(text)))) <= PLAIN, text


def _tags(markdown: str) -> list[str]:
    """The element types of a whole document, in order (text tokens left out)."""
    return [t for t in _elements(renderer().parse(markdown)) if t not in {"text", "softbreak"}]


def _review_data(text: str) -> dict[str, Any]:
    """A review report's data with every user-written field set to ``text``."""
    item = {
        "id": text,
        "description": text,
        "hs": "860210",
        "direction": "to_dprk",
        "verdict": "prohibited",
        "rules": [],
        "notes": [text],
    }
    party = {
        "name": text,
        "role": text,
        "decision": "",
        "verdict": "not_restricted",
        "rules": [],
        "notes": [],
    }
    return {
        "title": text,
        "verdict": "prohibited",
        "date": str(dt.date(2026, 1, 1)),
        "items": [item],
        "activities": [],
        "parties": [party],
        "notifications": [{"why": text, "what": text, "to": text, "when": text, "citation": text}],
        "exemption_request": {
            "needed": True,
            "items": [text],
            "activities": [],
            "cannot_be_exempted": [],
            "routes": [],
            "must_cover": [text],
        },
        "notes": [text],
    }


def test_review_report_markdown_puts_no_user_element() -> None:
    """The review report (CLI --format markdown and the desk's report.md)."""
    from wgdesk.rules.report import markdown_from_data

    benign = _tags(markdown_from_data(_review_data("plain words")))
    for hostile in HOSTILE:
        assert _tags(markdown_from_data(_review_data(hostile))) == benign, hostile
