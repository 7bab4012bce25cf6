"""An imported run whose file names its pack but no content hash, or no pack at all (the
import format allows both): every export keeps what it has (tests/MUTATION.md: mutants of
json_document and csv_table that survived)."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

from reflect.core.export import ExportOptions, open_document
from reflect.model import EntryFilter, QuestionSnapshot, StoredAnswer, StoredEntry
from reflect.render.export import write_document
from reflect.store.database import Database
from reflect.store.exchange import write_entry
from tests.exchange.journals import export_text

ENTRY_ID = "0b6f3c8e-2f53-4c0f-9a55-1d8e0c6f4a10"
EASE = QuestionSnapshot(
    id="ease", text="How easy was it?", kind="scale", position=0, scale_min=0, scale_max=10
)


def _imported_run(database: Database, pack_id: str | None = "checkin") -> None:
    entry = StoredEntry(
        id=ENTRY_ID,
        kind="run",
        pack_id=pack_id,
        pack_version="1" if pack_id else None,
        pack_hash=None,
        created_at="2026-11-03T20:15:00.000000+00:00",
        updated_at="2026-11-03T20:15:00.000000+00:00",
        completed_at="2026-11-03T20:15:00.000000+00:00",
        flagged=False,
        private=False,
        tags=(),
        answers=(StoredAnswer(EASE, 6, "2026-11-03T20:15:00.000000+00:00"),),
    )
    with database.transaction() as cursor:
        write_entry(cursor, entry, replace=False)


def _json_entries(database: Database, *, by_sqlite: bool) -> list[dict[str, object]]:
    options = ExportOptions(
        format="json",  # type: ignore[arg-type]
        entries=EntryFilter(),
        include_trends=False,
        made_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
    )
    buffer = io.StringIO()
    with open_document(database, options) as document:
        if not by_sqlite:
            document.entry_json_stream = None  # the Python encoder, entry by entry
        write_document(document, buffer)
    return json.loads(buffer.getvalue())["entries"]


def test_the_json_export_keeps_a_pack_named_without_a_hash(journal: Database):
    _imported_run(journal)
    for by_sqlite in (True, False):
        (entry,) = _json_entries(journal, by_sqlite=by_sqlite)
        assert entry["pack"] == {"id": "checkin", "version": "1", "content_hash": None}


def test_the_csv_export_names_such_a_pack_by_its_id(journal: Database):
    _imported_run(journal)
    rows = list(csv.reader(io.StringIO(export_text(journal, format="csv")[1:], newline="")))
    assert rows[1] == [
        ENTRY_ID,
        "2026-11-03T20:15+00:00",
        "checkin",
        "ease",
        "How easy was it?",
        "scale",
        "6",
        "",
        "6",
        "",
    ]


def test_a_run_imported_without_any_pack_has_an_empty_pack_cell(journal: Database):
    _imported_run(journal, pack_id=None)
    rows = list(csv.reader(io.StringIO(export_text(journal, format="csv")[1:], newline="")))
    assert rows[1][:3] == [ENTRY_ID, "2026-11-03T20:15+00:00", ""]
    (entry,) = _json_entries(journal, by_sqlite=False)
    assert entry["pack"] is None
