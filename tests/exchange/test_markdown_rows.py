"""The Markdown export writes each entry from its answers as stored rows (issue 18: the text of a
pick or a number is made once per question and value). It must write exactly what the writer
makes from whole entries, which the other Markdown tests pin."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest

from reflect.core.export import ExportDocument, ExportOptions, open_document
from reflect.model import EntryFilter, ExportFormat
from reflect.render.export.markdown import write_markdown
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note
from tests.exchange.journals import (
    BRING,
    CHECKIN,
    HELD_BACK,
    MOOD,
    RAISED,
    SAFETY,
    SampleJournal,
    at,
)

MADE_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _both_ways(database: Database, **options: object) -> tuple[str, str, ExportDocument]:
    """The Markdown export written from rows and from whole entries (and the first's document)."""
    texts: list[str] = []
    documents: list[ExportDocument] = []
    for from_rows in (True, False):
        chosen: dict[str, object] = {"format": ExportFormat.md, "made_at": MADE_AT}
        chosen.update(options)
        chosen.setdefault("entries", EntryFilter(include_private=True))
        buffer = io.StringIO()
        with open_document(database, ExportOptions(**chosen)) as document:  # type: ignore[arg-type]
            if not from_rows:
                assert document.entry_row_stream is not None
                document.entry_row_stream = None
            write_markdown(document, buffer)
        texts.append(buffer.getvalue())
        documents.append(document)
    return texts[0], texts[1], documents[0]


def _fill_awkward(database: Database) -> None:
    """Answers the row path treats apart: written ones over several lines or with markup, an
    empty multiple choice, a fractional scale value, picks repeated across entries, notes."""
    for day, safety in ((11, 7), (12, 7), (13, 7.5)):
        create_complete_entry(
            database,
            CHECKIN,
            [
                (SAFETY, safety),
                (HELD_BACK, 2),
                (BRING, "  1. not a list\r\n\r\n\r\n# nor a heading &amp; \t"),
                (MOOD, []),
                (RAISED, "yes"),
            ],
            at=at(day),
            flagged=day == 12,
        )
    create_complete_entry(database, CHECKIN, [(MOOD, ["calm", "tired"])], at=at(14))
    create_note(database, "- a note\n\n> quoted *already*", at=at(15), tags=["x_y"])


def test_rows_write_what_whole_entries_write(journal: Database, sample: SampleJournal) -> None:
    _fill_awkward(journal)
    from_rows, from_entries, document = _both_ways(journal)
    assert from_rows == from_entries
    assert document.entries_written == 10
    assert "7\\.5 on a scale" in from_rows and "(none chosen)" in from_rows


@pytest.mark.parametrize(
    "entries",
    [EntryFilter(include_private=False), EntryFilter(flagged=True), EntryFilter(pack="note")],
)
def test_rows_follow_the_filter(
    journal: Database, sample: SampleJournal, entries: EntryFilter
) -> None:
    _fill_awkward(journal)
    from_rows, from_entries, _ = _both_ways(journal, entries=entries)
    assert from_rows == from_entries


def test_a_skipped_answer_is_not_shown(journal: Database) -> None:
    create_complete_entry(journal, CHECKIN, [(SAFETY, None)], at=at(3))
    create_complete_entry(journal, CHECKIN, [(SAFETY, None), (RAISED, "no")], at=at(4))
    from_rows, from_entries, _ = _both_ways(journal)
    assert from_rows == from_entries
    assert "*No answers.*" in from_rows
