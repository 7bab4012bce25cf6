"""Which installed font the PDF borrows a character from: regular sans faces first, then the rest,
as fontconfig lists them; and the fontconfig call itself (tests/MUTATION.md: kills surviving
mutants of reflect/render/export/fonts.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reflect.render.export import fonts


def _listing(tmp_path: Path, faces: list[tuple[str, str]]) -> str:
    """An `fc-list --format=%{file}|%{index}|%{style}` answer for font files made in tmp_path."""
    lines = []
    for number, (name, style) in enumerate(faces):
        path = tmp_path / name
        path.write_bytes(b"")
        lines.append(f"{path}|{number % 2}|{style}")
    return "\n".join(lines) + "\n"


def test_regular_sans_faces_come_first_then_serif_bold_and_emoji_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    listing = _listing(
        tmp_path,
        [
            ("BabelStoneHan.ttf", "Regular"),  # no "sans" in its name: after the sans ones
            ("NotoSansCJK-Bold.ttc", "Bold"),
            ("NotoColorEmoji.ttf", "Regular"),
            ("NotoSansCJK-Book.ttc", "Book"),
            ("FreeSans.ttf", "Normal"),
            ("NotoSansCJK-Regular.ttc", "Regular,Standard"),
            ("DejaVuSans.ttf", "Book"),  # DejaVu is the main font already: never a fallback
        ],
    )
    asked: list[tuple[str, ...]] = []

    def fontconfig(*arguments: str) -> str:
        asked.append(arguments)
        return listing

    monkeypatch.setattr(fonts, "_fontconfig", fontconfig)
    found = fonts.fonts_with("日")
    assert asked == [("fc-list", "--format=%{file}|%{index}|%{style}\\n", ":charset=65e5")]
    assert [(font.path.name, font.index) for font in found] == [
        ("FreeSans.ttf", 0),
        ("NotoSansCJK-Book.ttc", 1),
        ("NotoSansCJK-Regular.ttc", 1),
        ("BabelStoneHan.ttf", 0),
        ("NotoColorEmoji.ttf", 0),
        ("NotoSansCJK-Bold.ttc", 1),
    ]


def test_a_fontconfig_query_passes_every_argument_and_returns_what_the_tool_printed(
    monkeypatch: pytest.MonkeyPatch,
):
    echo = shutil.which("echo")
    assert echo is not None
    assert fonts._fontconfig("echo", "--format=%{file}", "DejaVu Sans") == (
        "--format=%{file} DejaVu Sans\n"
    )
    assert fonts._fontconfig("false") is None  # a failing tool: nothing found
    monkeypatch.setenv("PATH", "")
    assert fonts._fontconfig("echo", "x") is None  # no fontconfig on this computer


@pytest.mark.parametrize(
    ("character", "named"),
    [
        ("日", "CJK"),
        ("ሀ", "Ethiopic"),
        ("ש", "Hebrew"),
        ("🙂", "emoji and symbols"),
        ("\u2014", "punctuation and symbols"),  # an em dash is no script called "Em"
        ("\u2019", "punctuation and symbols"),
        ("\u2212", "punctuation and symbols"),
        ("\u2003", "punctuation and symbols"),
    ],
)
def test_a_missing_character_is_named_by_what_a_reader_calls_it(character: str, named: str):
    assert fonts.script_of(character) == named
