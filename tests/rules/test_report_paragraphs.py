"""How citations are written in the report."""

from __future__ import annotations

import pytest

from wgdesk.rules.report import split_paragraph


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("OP7", ("OP7", None)),
        ("OP8(a)(iii)", ("OP8", "(a)(iii)")),
        ("OP29(a)", ("OP29", "(a)")),
        ("Annex IV", ("Annex IV", None)),
    ],
)
def test_operative_paragraph_is_split_from_its_subparagraph(
    written: str, expected: tuple[str, str | None]
) -> None:
    assert split_paragraph(written) == expected
