"""The JSON export writes its trends object a series at a time (TrendReport.json_parts): the bytes
are exactly those of one json.dumps of the whole header, trends included, as before."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

import pytest
from msgspec.structs import replace

from reflect.core.export import ExportOptions, open_document
from reflect.model import EntryFilter, ExportFormat
from reflect.render.export import json_document
from reflect.store.entries import create_complete_entry
from tests.exchange.journals import CHECKIN, EASE, HELD_BACK, SAFETY, at

MADE_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _options(**entries) -> ExportOptions:
    return ExportOptions(
        format=ExportFormat.json,
        entries=EntryFilter(include_private=True, **entries),
        made_at=MADE_AT,
    )


def _export(journal, **entries) -> str:
    with open_document(journal, _options(**entries)) as document:
        out = io.StringIO()
        json_document.write_json(document, out)
    return out.getvalue()


def _at_once(journal, **entries) -> str:
    """What the writer wrote before: the header with its trends dict, dumped in one go."""
    options = _options(**entries)
    with open_document(journal, options) as document:
        assert document.trends is not None and document.trends.report is not None
        whole = document.trends.report.to_json_dict(for_export=True)
        streamed = io.StringIO()
        json_document.write_json(replace(document, trends=None), streamed)
    header, entries_part = streamed.getvalue().split(', "entries": [', 1)
    return (
        header
        + ", "
        + json_document._dumps({"trends": whole})[1:-1]
        + ', "entries": ['
        + entries_part
    )


@pytest.mark.parametrize("entries", [{}, {"pack": "checkin"}])
def test_the_streamed_trends_are_the_bytes_of_one_dump(journal, entries):
    for day in range(1, 12):
        create_complete_entry(
            journal,
            CHECKIN,
            [(EASE, day % 10), (SAFETY, 10 - day % 7), (HELD_BACK, 1 + day % 5)],
            at=at(day),
        )
    text = _export(journal, **entries)
    assert text == _at_once(journal, **entries)
    trends = json.loads(text)["trends"]
    assert [series["name"] for series in trends["dimensions"]]
    assert bool(trends["questions"]) is bool(entries)  # a pack adds one series per question
    assert list(trends)[-2:] == ["dimensions", "questions"]


def test_no_scores_still_writes_empty_lists(journal):
    text = _export(journal)
    assert json.loads(text)["trends"]["dimensions"] == []
    assert '"dimensions": [], "questions": []}' in text
