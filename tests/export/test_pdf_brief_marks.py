"""The PDF brief's marks as drawn: the bar beside each item to bring (flagged ones wide and in
the flag's colour, the others thin and grey) and the links from the brief to the entries, each
landing on its own entry (tests/MUTATION.md: kills surviving mutants of
reflect/render/export/pdf.py)."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reflect.core.export import ExportOptions, open_document
from reflect.model import ExportFormat
from reflect.render.export.pdf import BAR_WIDTH, FLAG_COLOUR, MARGIN, RULE_COLOUR, write_pdf
from reflect.store.database import Database
from tests.exchange.brief_journal import fill_brief_journal

MM = 72 / 25.4


@pytest.fixture
def exported(journal: Database, reflect_home: Path) -> tuple[PdfReader, list[bool]]:
    """The brief journal's PDF, and whether each item of its bring list is flagged."""
    fill_brief_journal(journal, reflect_home)
    options = ExportOptions(
        format=ExportFormat.pdf,
        include_trends=False,
        made_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
    )
    buffer = io.BytesIO()
    with open_document(journal, options) as document:
        write_pdf(document, buffer)
        assert document.brief is not None
        flagged = [item.flagged for item in document.brief.bring]
    return PdfReader(io.BytesIO(buffer.getvalue())), flagged


def _filled_rectangles(reader: PdfReader, page: Any) -> list[tuple[tuple[int, ...], list[float]]]:
    """(fill colour, [x, y, width, height] in mm) of every rectangle the page's content draws."""
    found = []
    colour: tuple[int, ...] = (0, 0, 0)
    saved: list[tuple[int, ...]] = []
    for arguments, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"q":
            saved.append(colour)
        elif operator == b"Q":
            colour = saved.pop()
        elif operator == b"rg":
            colour = tuple(round(float(value) * 255) for value in arguments)
        elif operator == b"re":
            found.append((colour, [round(float(value) / MM, 2) for value in arguments]))
    return found


def test_each_item_to_bring_has_its_bar_wide_and_coloured_when_flagged(exported):
    reader, flagged = exported
    assert True in flagged and False in flagged  # the journal has both kinds
    bars = [
        (colour, box[2])
        for colour, box in _filled_rectangles(reader, reader.pages[0])
        if box[0] == MARGIN - 4  # down the left of the text
    ]
    assert bars == [
        (FLAG_COLOUR, BAR_WIDTH) if is_flagged else (RULE_COLOUR, 0.8) for is_flagged in flagged
    ]


def _lines(page: Any) -> list[tuple[float, float, str]]:
    """(left, baseline, text) of each piece of text on the page, in points."""
    found: list[tuple[float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            found.append((tm[4], tm[5], text.strip()))

    page.extract_text(visitor_text=visit)
    return found


WEEKDAY_AND_DAY = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (\d{1,2}) ([A-Z][a-z]{2})\b")


def test_every_link_of_the_brief_lands_on_its_own_entry(exported):
    reader, _ = exported
    pages = {page.indirect_reference.idnum: page for page in reader.pages}
    brief = reader.pages[0]
    checked = 0
    for annotation in brief.get("/Annots", []):
        link = annotation.get_object()
        _, bottom, _, top = (float(value) for value in link["/Rect"])
        linked = " ".join(text for _, y, text in _lines(brief) if bottom - 1 <= y <= top + 1)
        found = WEEKDAY_AND_DAY.findall(linked)
        if not found:
            continue  # the flag-mark cell: its line's other link is checked
        weekday, day, month = found[-1]
        destination = link["/Dest"]
        page = pages[destination[0].idnum]
        below = [(y, text) for x, y, text in _lines(page) if y <= float(destination[3])]
        heading = " ".join(text for _, text in sorted(below, reverse=True)[:2])
        assert re.search(rf"\b{weekday}\w* {day} {month}", heading), (linked, heading)
        checked += 1
    assert checked >= 8  # the pointers of the items to bring and the moments worth a look
