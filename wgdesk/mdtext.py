"""The one Markdown escaping rule of wgdesk: user text renders as itself, never as markup.

Every Markdown writer (the review report, the desk's report.md, the minutes export, the
exemption request) passes each piece of text it did not write itself through ``escape``.
Pure Python, no Django: the rules engine uses it too.

CommonMark lets a backslash escape any ASCII punctuation character, and an escaped
character is always literal. Every character that can start or close markup is escaped:
emphasis and strikethrough (``*``, ``_``, ``~``), code spans and fences (backticks and
``~~~``), links and images (``[``, ``]``, ``!``), raw HTML and autolinks (``<``, ``>``),
entities (``&``), headings (``#`` and setext ``===``/``---`` underlines), block quotes,
list markers (``-``, ``+``, and ``.`` or ``)`` after a digit), thematic breaks and table
pipes. GFM viewers also link bare URLs and e-mail addresses, so the ``:`` after a URL
scheme, a ``.`` between a non-space and a letter (``example.com``) and every ``@`` are escaped
too (an escaped character splits the text the linker looks at). Other punctuation is
left as it is, so the Markdown stays readable as plain text. White space at either end of a
line is dropped: four leading spaces would open a code block and two trailing ones would
make a line break.
"""

from __future__ import annotations

import re

_MARKUP = re.compile(
    r"([\\`*_~\[\]!<>&#+=|@-])"  # markup wherever it stands
    r"|(?m:(?<=^\d)|(?<=^\d\d)|(?<=^\d\d\d))([.)])"  # "1." / "1)" list markers
    r"|(?<=\S)(\.)(?=[^\W\d_])"  # bare domains: example.com, also after any symbol
    r"|(?i:(?<=https)|(?<=http)|(?<=ftp)|(?<=mailto)|(?<=xmpp))(:)",  # bare URL schemes
)
_EDGE_SPACE = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
_LINE_BREAK = re.compile(r"\r\n?|\n")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def escape(text: object, *, inline: bool = False) -> str:
    """Return user text as Markdown that renders exactly that text (no element of its own).

    ``inline=True`` is for one-line places (headings, list items, table cells): line
    breaks become spaces. Otherwise lines are kept, and blank lines still separate
    paragraphs (the only structure user text may have).
    """
    value = _LINE_BREAK.sub("\n", str(text))
    value = _BLANK_LINES.sub("\n\n", value)
    if inline:
        value = " ".join(value.split())
    value = _MARKUP.sub(lambda m: "\\" + m.group(0), value)
    return _EDGE_SPACE.sub("", value)
