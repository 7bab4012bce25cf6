"""A person's lines in the Markdown export keep every letter they typed: only blanks are taken
off the start of a line (shown as no-break spaces), and markup characters are escaped
(tests/MUTATION.md: kills surviving mutants of reflect/render/export/markdown.py)."""

from __future__ import annotations

import pytest

from reflect.render.export.markdown import escape_line, quoted

NO_BREAK = "\u00a0"


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("XX marks the spot", "XX marks the spot"),
        ("X", "X"),
        ("  Xmas, indented", f"{NO_BREAK * 2}Xmas, indented"),
        ("\tX and a tab", f"{NO_BREAK * 4}X and a tab"),
        ("X * not emphasis", "X \\* not emphasis"),
    ],
)
def test_only_blanks_leave_the_start_of_a_line(line: str, shown: str):
    assert escape_line(line) == shown
    assert quoted(line) == f"> {shown}"
