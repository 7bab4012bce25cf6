"""The PDF export's type as a reader sees it: which lines are headings (bold, larger), which are
secondary (smaller, muted grey), what is indented under what, the flag in its colour, and the
footer's page number inside the page (tests/MUTATION.md: kills surviving mutants of
reflect/render/export/pdf.py). Read back from the PDF itself with pypdf: the size, weight,
colour and left edge of every piece of text as drawn."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import pairwise
from typing import Any

import pytest
from pypdf import PdfReader

from reflect.core.export import ExportOptions, open_document
from reflect.model import ExportFormat
from reflect.render.export.pdf import CHART_HEIGHT, _entry, _Typesetter, write_pdf
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from tests.exchange.journals import CHECKIN, EASE, SampleJournal

INK = (29, 29, 31)
MUTED = (90, 90, 96)
FLAG = (164, 82, 15)
POINTS_PER_MM = 72 / 25.4
MARGIN_MM = 18


@dataclass(frozen=True)
class Run:
    """A piece of text as the PDF draws it: page (from 0), left edge in mm from the page's left
    edge, baseline in points from the bottom, size in points, weight and fill colour."""

    page: int
    left: float
    baseline: float
    size: float
    bold: bool
    colour: tuple[int, ...] | None
    text: str


def _page_runs(number: int, page: Any) -> list[Run]:
    found: list[Run] = []
    colour: tuple[int, ...] | None = None

    def before(operator: bytes, arguments: list[Any], cm: Any, tm: Any) -> None:
        nonlocal colour
        if operator == b"rg":
            colour = tuple(round(float(value) * 255) for value in arguments)

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            name = str(font.get("/BaseFont", "")) if font else ""
            left = round(tm[4] / POINTS_PER_MM, 1)
            bold = "Bold" in name
            found.append(
                Run(number, left, tm[5], round(size * tm[0], 2), bold, colour, text.strip())
            )

    page.extract_text(visitor_text=visit, visitor_operand_before=before)
    return found


def _runs(pdf: bytes) -> list[Run]:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return [run for number, page in enumerate(pages) for run in _page_runs(number, page)]


@pytest.fixture
def runs(journal: Database, sample: SampleJournal) -> list[Run]:
    options = ExportOptions(
        format=ExportFormat.pdf, made_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    )
    buffer = io.BytesIO()
    with open_document(journal, options) as document:
        write_pdf(document, buffer)
    return _runs(buffer.getvalue())


def _first(runs: list[Run], start: str, after: str | None = None) -> Run:
    """The first run that is `start` (or else starts with it), after the run `after` if given."""
    if after is not None:
        runs = runs[runs.index(_first(runs, after)) + 1 :]
    exact = [run for run in runs if run.text == start]
    starting = [run for run in runs if run.text.startswith(start)]
    assert exact or starting, f"no text starts with {start!r}"
    return (exact or starting)[0]


# Text's left edge: the page margin plus fpdf2's cell padding (1 mm); indents are on top of it.
LEFT = MARGIN_MM + 1.0

# (how the line starts): (size in points, bold, colour, indent in mm)
TYPE = {
    # The title block: the title large and bold, what it covers and when it was made muted.
    "Reflections to bring to therapy": (18, True, INK, 0),
    "Entries from 3 Nov 2026 to 10 Nov 2026 · 4 entries": (10, False, MUTED, 0),
    "Made Friday 20 November 2026, 09:00": (10, False, MUTED, 0),
    # The brief: its heading, its part headings, the item to bring (flag in the flag's colour,
    # where it was written in bold, the excerpt plain, the pointer small and muted).
    "The brief": (15, True, INK, 0),
    "What I'd like to bring": (11.5, True, INK, 0),
    "⚑": (10, True, FLAG, 0),
    "Fri 6 Nov · Check-in": (10, True, INK, None),
    ": <script>": (10, False, INK, None),
    "(full entry: Fri 6 Nov, 20:15)": (8.5, False, MUTED, 0),
    "Session by session": (11.5, True, INK, 0),
    "Rated": (8, True, INK, None),
    "After 5 Nov": (8.5, False, INK, 0),
    "Scores from 0 to 10, higher is better": (8.5, False, MUTED, 0),
    "Moments worth a look": (11.5, True, INK, 0),
    "•  Safety: lowest 4.0": (9.5, False, INK, 1),
    # The trends: heading, the chart's title, its axis labels and legend, the summary bullets.
    "How things moved": (14, True, INK, 0),
    "Scores by period between sessions": (10, True, INK, 0),
    "3 Nov": (7, False, MUTED, None),
    "Safety": (8.5, False, INK, None),  # the legend (after the chart's title, below)
    "•  Safety held steady": (9.5, False, INK, 1),
    # The footer of every page.
    "Reflections to bring to therapy · Entries from": (8, False, MUTED, 0),
    # The entries: heading, each entry's heading, its tags muted and smaller, each question in
    # bold, each answer plain and indented under it; a session's heading, its note muted and
    # indented; a flagged entry's line in the flag's colour.
    "The entries": (15, True, INK, 0),
    "Tuesday 3 November 2026, 20:15 · Check-in": (11.5, True, INK, 0),
    "Tags: trust": (9, False, MUTED, 0),
    "Tags: rupture, safety": (9, False, MUTED, 0),  # tags joined by a comma
    "How safe did it feel to speak openly?": (9.5, True, INK, 0),
    "7 on a scale of 0 to 10": (10, False, INK, 4),
    "Therapy session · Thursday 5 November 2026": (13, True, INK, 0),
    "Talked about cancelling": (10, False, MUTED, 4),
    "⚑ Flagged to bring to the session": (9.5, True, FLAG, 0),
}


# Where a line's start is found only after another line's (the legend after the chart's title).
AFTER = {"Safety": "Scores by period between sessions", "3 Nov": "How things moved"}


def test_each_kind_of_line_has_its_size_weight_colour_and_indent(runs: list[Run]):
    wrong = []
    for start, (size, bold, colour, indent) in TYPE.items():
        run = _first(runs, start, AFTER.get(start))
        if (run.size, run.bold, run.colour) != (size, bold, colour) or (
            indent is not None and abs(run.left - (LEFT + indent)) > 0.15
        ):
            wrong.append(run)
    assert wrong == []


def test_the_entries_start_on_a_page_of_their_own(runs: list[Run]):
    assert _first(runs, "The entries").page == _first(runs, "How things moved").page + 1


def test_every_pages_number_is_inside_the_page_at_the_right_margin(runs: list[Run]):
    numbers = [run for run in runs if run.text.startswith("Page ")]
    assert [run.text for run in numbers] == ["Page 1 of 2", "Page 2 of 2"]
    for run in numbers:
        assert run.size == 8 and run.colour == MUTED
        # Right-aligned in the last fifth of the line: after the middle, before the margin.
        assert 210 / 2 < run.left < 210 - MARGIN_MM - 15


def test_the_charts_scale_runs_from_0_at_the_bottom_to_10_at_the_top(runs: list[Run]):
    after_title = runs[runs.index(_first(runs, "Scores by period between sessions")) + 1 :]
    ticks = [run for run in after_title if run.text in {"0", "2", "4", "6", "8", "10"}][:6]
    assert [run.text for run in ticks] == ["0", "2", "4", "6", "8", "10"]
    assert all((run.size, run.colour) == (7, MUTED) for run in ticks)
    baselines = [run.baseline for run in ticks]
    steps = [round((high - low) / POINTS_PER_MM, 1) for low, high in pairwise(baselines)]
    assert steps == [CHART_HEIGHT / 5] * 5  # evenly spaced, upwards, the plot's height in all


def test_the_legends_names_in_one_row_stand_side_by_side(runs: list[Run]):
    safety = _first(runs, "Safety", "Scores by period between sessions")
    openness = _first(runs, "Openness", "Scores by period between sessions")
    assert openness.baseline == pytest.approx(safety.baseline, abs=0.01)
    assert openness.left - safety.left == pytest.approx((210 - 2 * MARGIN_MM) / 3, abs=0.3)


def test_a_point_standing_alone_is_labelled_with_its_score_in_bold(journal: Database):
    create_complete_entry(
        journal, CHECKIN, [(EASE, 6)], at=datetime(2026, 11, 3, 20, 0, tzinfo=UTC)
    )
    options = ExportOptions(
        format=ExportFormat.pdf, made_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    )
    buffer = io.BytesIO()
    with open_document(journal, options) as document:
        write_pdf(document, buffer)
    found = _runs(buffer.getvalue())
    label = _first(found, "6.0", "How things moved")
    assert (label.size, label.bold) == (7.5, True)
    assert "No entries matched." not in [run.text for run in found]  # one did


def test_an_export_of_no_entries_says_none_matched(journal: Database):
    options = ExportOptions(
        format=ExportFormat.pdf, made_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    )
    buffer = io.BytesIO()
    with open_document(journal, options) as document:
        write_pdf(document, buffer)
    found = _runs(buffer.getvalue())
    said = _first(found, "No entries matched.")
    assert (said.text, said.size, said.colour) == ("No entries matched.", 10, MUTED)


def test_without_a_unicode_font_the_pdf_is_set_in_helvetica_with_question_marks(
    journal: Database, monkeypatch: pytest.MonkeyPatch
):
    """No DejaVu (or any Unicode font) on the computer: the export still works, in the PDF core
    font, Latin-1 text as itself, typographic punctuation plain, a letter with an accent Latin-1
    lacks as its base letter, every other character as "?", and the scripts it lacks named."""
    monkeypatch.setattr("reflect.render.export.pdf.find_unicode_font", lambda: None)
    create_note(
        journal, "Café, naïve: שלום and 日本語", at=datetime(2026, 11, 3, 20, 0, tzinfo=UTC)
    )
    create_note(
        journal,
        "It\u2019s \u201cfine\u201d \u2014 ok\u2026 in Łódź, Kraków",
        at=datetime(2026, 11, 4, 20, 0, tzinfo=UTC),
    )
    options = ExportOptions(
        format=ExportFormat.pdf, made_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    )
    buffer = io.BytesIO()
    with open_document(journal, options) as document:
        write_pdf(document, buffer)
    found = _runs(buffer.getvalue())
    assert _first(found, "Café").text == "Café, naïve: ???? and ???"
    assert _first(found, "It's").text == 'It\'s "fine" - ok... in Lódz, Kraków'
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts == {"/Helvetica", "/Helvetica-Bold"}
    (notice,) = document.notices
    assert notice == (
        "Some characters have no font on this computer and show as question marks in the PDF: "
        "Hebrew, CJK."
    )


@pytest.mark.parametrize(("room", "same_page"), [(20.5, True), (20.0, True), (19.5, False)])
def test_an_entry_starts_on_a_new_page_when_under_20_mm_are_left(
    journal: Database, room: float, same_page: bool
):
    """Its heading and first answer need about 20 mm: with less left, the entry moves on."""
    create_note(journal, "A short note", at=datetime(2026, 11, 3, 20, 0, tzinfo=UTC))
    with open_document(journal, ExportOptions(format=ExportFormat.pdf)) as document:
        (entry,) = document.entries()
    typesetter = _Typesetter("footer")
    pdf = typesetter.pdf
    pdf.set_y(pdf.h - pdf.b_margin - 3 - room)  # the entry's 3 mm of space before, then `room`
    _entry(typesetter, entry, {}, {})
    assert (pdf.page == 1) is same_page
    assert bytes(pdf.output()).startswith(b"%PDF-")  # as write_pdf ends: the font files closed
