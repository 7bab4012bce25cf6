"""The JSON export's entries are written by SQLite's JSON functions (issue 18): they must hold
exactly what the Python encoder (json_document.entry_dict) writes from the same entries."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest

from reflect.core.export import ExportOptions, open_document
from reflect.model import EntryFilter
from reflect.render.export import write_document
from reflect.store.database import Database
from tests.exchange.journals import fill_sample_journal


def _export(database: Database, *, by_sqlite: bool, scores_only: bool) -> dict[str, object]:
    options = ExportOptions(
        format="json",  # type: ignore[arg-type]
        entries=EntryFilter(include_private=True, drafts=None),
        scores_only=scores_only,
        include_trends=False,
        made_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
    )
    buffer = io.StringIO()
    with open_document(database, options) as document:
        assert document.entry_json_stream is not None
        if not by_sqlite:
            document.entry_json_stream = None  # the Python encoder, entry by entry
        write_document(document, buffer)
    return json.loads(buffer.getvalue())


@pytest.mark.parametrize("scores_only", [False, True], ids=["everything", "scores-only"])
def test_sqlite_writes_the_same_entries_as_the_python_encoder(journal: Database, scores_only):
    fill_sample_journal(journal)
    by_sqlite = _export(journal, by_sqlite=True, scores_only=scores_only)
    by_python = _export(journal, by_sqlite=False, scores_only=scores_only)
    assert by_sqlite["entries"], "the sample journal exports entries"
    assert by_sqlite == by_python
