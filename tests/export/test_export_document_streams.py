"""What reflect/core/export.py promises around the writers: every entry counted however many
batches or rows it comes in, a session held at an entry's moment shown before it, a writer handed
the wrong document told so, a reader that stops early not an error, and where the menu's "since
the last session" starts (tests/MUTATION.md: each kills surviving mutants of core/export.py)."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from msgspec.structs import replace

import reflect
from reflect.core.export import (
    ExportOptions,
    TrendPoint,
    export_journal,
    last_session_start,
    open_document,
    options_from_command_line,
)
from reflect.core.filters import FilterOptions
from reflect.errors import ReflectError
from reflect.model import ExportFormat
from reflect.render.export import writer_for
from reflect.store.database import Database
from reflect.store.entries import create_complete_entry, create_note, start_entry
from reflect.store.exchange import JSON_BATCH
from reflect.store.sessions import add_session
from tests.exchange.journals import CHECKIN, EASE, at

MADE_AT = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _options(format: str, **chosen: object) -> ExportOptions:
    return ExportOptions(
        format=ExportFormat(format),
        include_trends=False,
        made_at=MADE_AT,
        **chosen,  # type: ignore[arg-type]
    )


def _export(database: Database, format: str, **chosen: object) -> tuple[str, int]:
    """The export's text and the number of entries reflect says it wrote."""
    buffer = io.StringIO()
    result = export_journal(database, _options(format, **chosen), writer_for(format), stdout=buffer)
    return buffer.getvalue(), result.entries_written


@pytest.mark.parametrize("format", ["json", "md", "csv", "html"])
def test_every_entry_written_is_counted_across_batches(journal: Database, format: str):
    count = 2 * JSON_BATCH + 3  # three batches of the JSON export
    first = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    for day in range(count):
        create_note(journal, f"note {day}", at=first + timedelta(hours=day))
    text, written = _export(journal, format)
    assert written == count
    if format == "json":  # the batches join into one document, every entry in time order
        entries = json.loads(text)["entries"]
        assert [entry["answers"][0]["value"] for entry in entries] == [
            f"note {day}" for day in range(count)
        ]


@pytest.mark.parametrize(
    ("format", "chosen"),
    [("md", {}), ("md", {"scores_only": True}), ("html", {"include_brief": False})],
)
def test_a_session_held_at_an_entrys_moment_comes_before_it(
    journal: Database, format: str, chosen: dict[str, object]
):
    create_complete_entry(journal, CHECKIN, [(EASE, 6)], at=at(5, 10))
    add_session(journal, at(5, 10), note="Held then")
    create_complete_entry(journal, CHECKIN, [(EASE, 3)], at=at(7, 10))
    text, written = _export(journal, format, **chosen)
    assert written == 2
    assert text.index("Therapy session") < text.index("6 on a scale") < text.index("3 on a scale")


def test_a_writer_handed_a_document_without_its_stream_is_told_which(journal: Database):
    create_note(journal, "one", at=at(3))
    with open_document(journal, _options("csv")) as document:
        with pytest.raises(ValueError) as json_error:
            next(document.entry_json_batches())
        with pytest.raises(ValueError) as rows_error:
            next(document.item_rows())
    assert str(json_error.value) == "this export document was opened without its JSON stream"
    assert str(rows_error.value) == "this export document was opened without its row stream"


def test_the_menus_export_starts_at_the_newest_session_held_so_far(journal: Database):
    assert last_session_start(journal) is None
    now = datetime.now(UTC).replace(microsecond=0)
    add_session(journal, now - timedelta(days=9))
    add_session(journal, now - timedelta(days=2))
    add_session(journal, now + timedelta(days=5))  # booked ahead: not the last session
    assert last_session_start(journal) == now - timedelta(days=2)


def test_the_documents_trend_series_name_the_dimension_and_each_periods_days(journal: Database):
    """What a writer gets to draw from: each dimension by its id and label, each period by its
    first and last day, its 0-10 score and its number of rated entries (for a chart: HTML and
    PDF; the other formats get no series)."""
    create_complete_entry(journal, CHECKIN, [(EASE, 6)], at=at(3))
    create_complete_entry(journal, CHECKIN, [(EASE, 2)], at=at(12))
    for other in ("md", "json", "csv"):
        with open_document(journal, replace(_options(other), include_trends=True)) as document:
            assert document.trends is not None
            assert document.trends.series == ()
            assert (document.trends.report is not None) is (other == "json")
    with open_document(journal, replace(_options("html"), include_trends=True)) as document:
        assert document.trends is not None
        assert document.trends.by == "week"
        (series,) = document.trends.series
    assert (series.dimension, series.label) == ("ease", "Ease between you")
    assert series.points == (
        TrendPoint(date(2026, 11, 2), date(2026, 11, 8), 6.0, 1),
        TrendPoint(date(2026, 11, 9), date(2026, 11, 15), 2.0, 1),
    )


def test_a_pdf_to_standard_output_on_a_terminal_is_refused_in_words(
    journal: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """`-o -` with a PDF while stdout is a terminal would spray bytes over it: refused. A PDF
    to a file, or text to the terminal, goes ahead."""
    create_note(journal, "one", at=at(3))

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    with pytest.raises(ReflectError) as refused:
        export_journal(journal, _options("pdf"), writer_for("pdf"), output=Path("-"))
    assert refused.value.message == "A PDF export would print unreadable bytes here."
    assert refused.value.hint == "Give a file with -o, or pipe the output into a file."
    export_journal(journal, _options("pdf"), writer_for("pdf"), output=tmp_path / "s.pdf")
    assert (tmp_path / "s.pdf").read_bytes().startswith(b"%PDF-")
    export_journal(journal, _options("md"), writer_for("md"), output=Path("-"))
    assert terminal.getvalue().startswith("# Reflections to bring to therapy\n")


def test_a_library_export_opens_with_the_brief_as_the_command_does(journal: Database):
    create_note(journal, "one", at=at(3))
    markdown = io.StringIO()
    with reflect.open_journal() as library:
        result = library.export(markdown, format="md", include_trends=False)
    assert result.entries_written == 1
    assert "## The brief\n\n### What I'd like to bring\n" in markdown.getvalue()


def test_an_unknown_export_format_is_refused_with_the_formats_there_are(journal: Database):
    with pytest.raises(ReflectError) as refused:
        options_from_command_line(
            journal,
            format="docx",
            selection=FilterOptions(),
            include_private=False,
            scores_only=False,
            include_trends=True,
        )
    assert refused.value.message == "Unknown export format 'docx'."
    assert refused.value.hint == "Choose one of: md, html, pdf, json, csv."


def test_an_export_grouped_by_an_unknown_period_is_refused_with_the_ones_there_are(
    journal: Database,
):
    def options(by: str) -> ExportOptions:
        return options_from_command_line(
            journal,
            format="md",
            selection=FilterOptions(),
            include_private=False,
            scores_only=False,
            include_trends=True,
            by=by,
        )

    assert options("month").by == "month"
    with pytest.raises(ReflectError) as refused:
        options("fortnight")
    assert refused.value.message == "Cannot group an export by 'fortnight'."
    assert refused.value.hint == "Use --by session, --by week or --by month."


def test_a_pdf_export_without_a_file_is_refused_with_an_example(journal: Database):
    create_note(journal, "one", at=at(3))
    with pytest.raises(ReflectError) as refused:
        export_journal(journal, _options("pdf"), writer_for("pdf"), stdout=io.StringIO())
    assert refused.value.message == "A PDF export needs a file to go into."
    assert refused.value.hint == (
        "Add -o FILE, for example: reflect export --format pdf -o session.pdf"
    )


def test_an_export_to_a_file_says_where_it_went_and_only_you_can_read_it(
    journal: Database, tmp_path: Path
):
    create_note(journal, "one", at=at(3))
    target = tmp_path / "session.md"
    result = export_journal(journal, _options("md"), writer_for("md"), output=target)
    assert (result.destination, result.entries_written) == (target, 1)
    assert target.read_text(encoding="utf-8").startswith("# Reflections to bring to therapy\n")
    assert target.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("format", ["html", "json"])
def test_an_unfinished_run_counts_in_no_trend_of_an_export(journal: Database, format: str):
    """The JSON export carries drafts (a complete copy), but no export's numbers count them."""
    create_complete_entry(journal, CHECKIN, [(EASE, 6)], at=at(3))
    start_entry(journal, CHECKIN, answers=[(EASE, 0)], at=at(4))
    with open_document(journal, replace(_options(format), include_trends=True)) as document:
        assert document.trends is not None
        if format == "json":
            assert document.trends.report is not None
            (dimension,) = document.trends.report.to_json_dict(for_export=True)["dimensions"]
            points = [(period["score"], period["entries"]) for period in dimension["periods"]]
        else:
            (series,) = document.trends.series
            points = [(point.score, point.entries) for point in series.points]
    assert points == [(6.0, 1)]
