"""The PDF export as a reader sees it: the chart as vector drawing on page one or two, page
numbers and the date range on every page, Hebrew and Arabic shaped, fonts for other scripts."""

from __future__ import annotations

import io
import re
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reflect.store.database import Database
from reflect.store.entries import create_note
from tests.conftest import require_tool
from tests.exchange.brief_journal import BriefJournal, fill_brief_journal

HEBREW = "שלום עולם"
ARABIC = "سلام"
BIDI_CONTROLS = dict.fromkeys(range(0x202A, 0x202F)) | dict.fromkeys((0x200E, 0x200F))


@pytest.fixture
def brief_journal(journal: Database, reflect_home: Path) -> BriefJournal:
    return fill_brief_journal(journal, reflect_home)


def export_pdf(cli, tmp_path: Path, *options: str) -> tuple[Path, str]:
    target = tmp_path / "session.pdf"
    outcome = cli("export", "--format", "pdf", "-o", str(target), *options)
    assert outcome.exit_code == 0, outcome.stderr
    return target, outcome.stderr


def page_text(path: Path, page: int, *, raw: bool = False) -> str:
    pdftotext = require_tool("pdftotext")
    mode = ["-raw"] if raw else []
    completed = subprocess.run(
        [pdftotext, *mode, "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return completed.stdout


def stroked_segments(reader: PdfReader, page_index: int) -> int:
    """How many straight segments (the `l` operator) the page's content draws."""
    page = reader.pages[page_index]
    content = ContentStream(page.get_contents(), reader)
    return sum(1 for _, operator in content.operations if operator == b"l")


def test_the_chart_is_vector_drawing_on_page_one_or_two(
    cli, brief_journal: BriefJournal, tmp_path: Path
):
    path, _ = export_pdf(cli, tmp_path)
    reader = PdfReader(path)
    [chart_page] = [page for page in (1, 2) if "How things moved" in page_text(path, page)]
    # Two lines of seven sessions (six segments each) and the grid, drawn as vectors: the same
    # page without the chart draws far fewer.
    drawn = stroked_segments(reader, chart_page - 1)
    assert drawn >= 24
    (tmp_path / "plain").mkdir()
    without, _ = export_pdf(cli, tmp_path / "plain", "--no-trends")
    assert drawn - stroked_segments(PdfReader(without), chart_page - 1) >= 20
    assert "Easing after a strain" in page_text(path, chart_page)  # the legend, whole
    assert not any(
        "/Image" in str(xobject.get_object().get("/Subtype"))
        for xobject in (reader.pages[chart_page - 1]["/Resources"].get("/XObject") or {}).values()
    )


def drawn_points_and_vertices(
    reader: PdfReader, page_index: int
) -> tuple[list[tuple[float, float]], list[tuple[float, float]]]:
    """The centres of the filled circles (fpdf2 draws one as four curves) and the corners of
    every drawn path on a page, in PDF points."""
    content = ContentStream(reader.pages[page_index].get_contents(), reader)
    centres, vertices, curve_ends = [], [], []
    for operands, operator in content.operations:
        numbers = [float(number) for number in operands] if operator in (b"m", b"l", b"c") else []
        if operator in (b"m", b"l"):
            vertices.append((numbers[0], numbers[1]))
        elif operator == b"c":
            curve_ends.append((numbers[4], numbers[5]))
            if len(curve_ends) == 4:
                centres.append(
                    (
                        sum(x for x, _ in curve_ends) / 4,
                        sum(y for _, y in curve_ends) / 4,
                    )
                )
                curve_ends = []
    return centres, vertices


def test_the_chart_points_sit_on_their_lines(cli, brief_journal: BriefJournal, tmp_path: Path):
    path, _ = export_pdf(cli, tmp_path)
    [chart_page] = [page for page in (1, 2) if "How things moved" in page_text(path, page)]
    centres, vertices = drawn_points_and_vertices(PdfReader(path), chart_page - 1)
    on_a_corner = [
        centre
        for centre in centres
        if any(abs(centre[0] - x) < 0.3 and abs(centre[1] - y) < 0.3 for x, y in vertices)
    ]
    # Connection and Worth it: seven sessions each, every point on a corner of its line.
    assert len(on_a_corner) >= 14, (len(centres), len(on_a_corner))


def test_a_pdf_without_trends_has_no_chart(cli, brief_journal: BriefJournal, tmp_path: Path):
    path, _ = export_pdf(cli, tmp_path, "--no-trends", "--no-brief")
    reader = PdfReader(path)
    assert "How things moved" not in page_text(path, 1)
    # Only the footer's rule and the session rules are drawn.
    assert stroked_segments(reader, 0) < 10


def test_every_page_has_its_number_and_the_date_range(
    cli, brief_journal: BriefJournal, tmp_path: Path
):
    path, _ = export_pdf(cli, tmp_path)
    pages = len(PdfReader(path).pages)
    assert pages >= 3
    for number in range(1, pages + 1):
        footer = " ".join(page_text(path, number).split())
        assert f"Page {number} of {pages}" in footer
        assert "Entries from 6 Oct 2026 to 18 Nov 2026" in footer


def test_flagged_entries_are_marked_in_the_pdf(cli, brief_journal: BriefJournal, tmp_path: Path):
    path, _ = export_pdf(cli, tmp_path)
    text = "".join(page_text(path, number) for number in range(1, len(PdfReader(path).pages) + 1))
    assert text.count("⚑ Flagged to bring to the session") == 2


def embedded_glyph_names(path: Path) -> set[str]:
    from fontTools.ttLib import TTFont

    names: set[str] = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", []):
                descriptor = descendant.get_object()["/FontDescriptor"].get_object()
                data = descriptor["/FontFile2"].get_object().get_data()
                names |= set(TTFont(io.BytesIO(data)).getGlyphOrder())
    return names


def _rtl_note(journal: Database) -> None:
    """A Hebrew answer and an Arabic one."""
    create_note(journal, f"Hebrew: {HEBREW}", at=datetime(2026, 11, 3, 9, tzinfo=UTC))
    create_note(journal, f"Arabic: {ARABIC}", at=datetime(2026, 11, 4, 9, tzinfo=UTC))


def assert_shaped(path: Path) -> None:
    # pdftotext -raw keeps the order the glyphs were drawn in (left to right on the page): a
    # shaped Hebrew phrase is drawn right to left, so its second word comes first.
    lines = [line.translate(BIDI_CONTROLS) for line in page_text(path, 1, raw=True).splitlines()]
    hebrew = next(line for line in lines if "עולם" in line or "םלוע" in line)
    assert "עולם שלום" in hebrew, hebrew
    # Shaped Arabic uses the joining forms: seen at the start of a word (U+FEB3) and the
    # lam-alef ligature at its end (U+FEFC), not the letters on their own.
    glyphs = embedded_glyph_names(path)
    assert {"uniFEB3", "uniFEFC"} <= glyphs, sorted(glyph for glyph in glyphs if "uni06" in glyph)


def test_hebrew_and_arabic_come_out_shaped(cli, journal: Database, tmp_path: Path):
    _rtl_note(journal)
    path, _ = export_pdf(cli, tmp_path, "--no-brief", "--no-trends")
    assert_shaped(path)


def test_the_shaping_check_fails_for_text_drawn_unshaped(
    cli, journal: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The control: without HarfBuzz the same note is drawn letter by letter, left to right."""
    import importlib.util

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *rest: None if name == "uharfbuzz" else real_find_spec(name, *rest),
    )
    _rtl_note(journal)
    path, _ = export_pdf(cli, tmp_path, "--no-brief", "--no-trends")
    with pytest.raises(AssertionError):
        assert_shaped(path)


def test_a_script_dejavu_lacks_comes_from_an_installed_noto_font(
    cli, journal: Database, tmp_path: Path
):
    require_tool("fc-list")
    create_note(journal, "日本語 and देवनागरी", at=datetime(2026, 11, 3, 9, tzinfo=UTC))
    path, stderr = export_pdf(cli, tmp_path, "--no-brief", "--no-trends")
    text = page_text(path, 1)
    assert "日本語" in text and "□" not in text.split("and")[0]
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in PdfReader(path).pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert any("Noto" in font for font in fonts), fonts
    assert "boxes" not in stderr or "CJK" not in stderr


def test_without_a_font_for_a_script_the_export_works_and_says_so_once(
    cli, journal: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from reflect.render.export import pdf

    monkeypatch.setattr(pdf, "fonts_with", lambda character: [])
    for day in (3, 4):
        create_note(journal, f"日本語 {day} ትግርኛ", at=datetime(2026, 11, day, 9, tzinfo=UTC))
    path, stderr = export_pdf(cli, tmp_path, "--no-trends")
    assert "□" in page_text(path, 2)
    notices = [line for line in stderr.splitlines() if "boxes" in line]
    assert len(notices) == 1
    assert re.search(r"show as boxes in the PDF: (CJK, Ethiopic|Ethiopic, CJK)\.", notices[0])


@pytest.mark.parametrize(
    ("text", "right_to_left"),
    [(HEBREW, True), (ARABIC, True), ("12 " + HEBREW, True), ("Hi " + HEBREW, False), ("", False)],
)
def test_a_paragraph_in_a_right_to_left_script_is_set_flush_right(text: str, right_to_left: bool):
    from reflect.render.export.pdf import starts_right_to_left

    assert starts_right_to_left(text) is right_to_left
