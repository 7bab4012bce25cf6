"""The JSON export streams: its memory does not grow with the journal (the 100,000-entry budget is
measured in benchmarks/; this is the quick in-suite check)."""

from __future__ import annotations

import tracemalloc
from datetime import UTC, datetime, timedelta

from reflect.core.export import ExportOptions, open_document
from reflect.render.export import write_document
from reflect.store.database import Database
from reflect.store.entries import NOTE_QUESTION_ID, QuestionSnapshot
from reflect.store.exchange import StoredAnswer, StoredEntry, write_entry
from tests.exchange.journals import SAFETY

NOTE = QuestionSnapshot(id=NOTE_QUESTION_ID, text="Note", kind="text", position=0)


class _CountingSink:
    """A text stream that keeps nothing, so only the exporter's own memory is measured."""

    def __init__(self) -> None:
        self.characters = 0

    def write(self, text: str) -> int:
        self.characters += len(text)
        return len(text)


def _add_entries(database: Database, count: int, first: int) -> None:
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with database.transaction() as cursor:
        for number in range(first, first + count):
            moment = (start + timedelta(minutes=number)).isoformat(timespec="microseconds")
            write_entry(
                cursor,
                StoredEntry(
                    id=f"00000000-0000-4000-8000-{number:012d}",
                    kind="run",
                    pack_id="checkin",
                    pack_version="1",
                    pack_hash="c0ffee",
                    created_at=moment,
                    updated_at=moment,
                    completed_at=moment,
                    flagged=number % 7 == 0,
                    private=False,
                    tags=("trust",),
                    answers=(
                        StoredAnswer(SAFETY, number % 11, moment),
                        StoredAnswer(NOTE, "words " * 80, moment),
                    ),
                ),
                replace=False,
            )


def _export_peak(database: Database) -> tuple[int, int]:
    """Peak Python memory of a JSON export, and the characters it wrote."""
    options = ExportOptions(format="json", include_trends=False)
    # A first, unmeasured run pays the one-off costs (importing the writers, warming caches).
    with open_document(database, options) as document:
        write_document(document, _CountingSink())  # type: ignore[arg-type]
    sink = _CountingSink()
    tracemalloc.start()
    try:
        with open_document(database, options) as document:
            write_document(document, sink)  # type: ignore[arg-type]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, sink.characters


def test_json_export_memory_does_not_grow_with_the_number_of_entries(journal: Database):
    _add_entries(journal, 200, first=0)
    small_peak, small_size = _export_peak(journal)
    _add_entries(journal, 1_800, first=200)
    large_peak, large_size = _export_peak(journal)

    assert large_size > 9 * small_size  # ten times the entries were really written out
    assert large_peak < small_peak * 1.5 + 50_000, (small_peak, large_peak)
