"""Exporting entries to bring to therapy: what goes in, in which order, and where it is written.

The core decides the content (the filters, private entries left out unless asked, trashed ones
never, scores-only, the trend summary, therapy sessions as dividers in time order) and where it
goes; the writers in reflect.render.export, handed in by the command, only lay it out. Entries
are streamed from the store one at a time, so an export's memory does not grow with the journal.
"""

from __future__ import annotations

import contextlib
import sys
from collections import deque
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from msgspec import Struct, field
from msgspec.structs import force_setattr, replace

from reflect import clock
from reflect.clock import from_db_time, to_db_time
from reflect.core.brief import (
    MAX_ROWS,
    Brief,
    BringItem,
    LowMoment,
    ScoreRow,
    ScoreTable,
    StrainMoment,
    build_brief,
)
from reflect.core.filters import FilterOptions, filter_from_options
from reflect.core.trends import PERIOD_KINDS, PeriodKind, TrendQuery, compute_trends
from reflect.errors import ReflectError
from reflect.files import output_target, write_output
from reflect.model import (
    NOTE_PACK_NAME,
    EntryFilter,
    ExportFormat,
    StoredAnswer,
    StoredEntry,
    StoredPackSnapshot,
    StoredSession,
)
from reflect.store import exchange
from reflect.store import trends as store
from reflect.store.entries import decode_value
from reflect.store.exchange import AnswerRow
from reflect.store.sessions import newest_past_session

if TYPE_CHECKING:
    from reflect.core.trends import TrendReport
    from reflect.store.database import Database


# The brief's parts, built in reflect.core.brief; the writers name them from here.
__all__ = [
    "AnswerRow",
    "Brief",
    "BringItem",
    "LowMoment",
    "ScoreRow",
    "ScoreTable",
    "StrainMoment",
    "answer_from_row",
]

BRIEF_FORMATS = (ExportFormat.md, ExportFormat.html, ExportFormat.pdf)


def answer_from_row(row: AnswerRow) -> StoredAnswer:
    """The answer of an AnswerRow, its value decoded (answered_at is not in a row: empty)."""
    question, value_text, value_number = row
    return StoredAnswer(question, decode_value(question.kind, value_text, value_number), "")


def _private_left_out() -> EntryFilter:
    return EntryFilter(include_private=False)


class ExportOptions(Struct, frozen=True):
    """What to export: the entries (the shared EntryFilter, private ones left out unless asked)
    and how. A format given as text ("md") is read as its ExportFormat."""

    format: ExportFormat = ExportFormat.md
    entries: EntryFilter = field(default_factory=_private_left_out)
    scores_only: bool = False
    include_trends: bool = True
    include_brief: bool = True
    by: PeriodKind | None = None  # None: by session when sessions are recorded, else by week
    made_at: datetime | None = None

    def __post_init__(self) -> None:
        force_setattr(self, "format", ExportFormat(self.format))


class SessionDivider(Struct, frozen=True):
    """A therapy session, shown between the entries written before and after it."""

    session: StoredSession

    @property
    def held_on(self) -> datetime:
        return from_db_time(self.session.held_on)


class TrendPoint(Struct, frozen=True):
    """One period of a dimension: where it sits in time, its score (0-10) and its entries."""

    start: date
    end: date
    score: float
    entries: int


class TrendSeries(Struct, frozen=True):
    """One dimension's scores per period, for charts (0-10, higher is better)."""

    dimension: str
    label: str
    points: tuple[TrendPoint, ...]


class TrendSection(Struct, frozen=True):
    """The trend report of exactly the entries the export selects.

    `summary_lines` holds only sentences that describe a trend: a dimension with too little to
    speak of is not mentioned at all (the brief's table still shows its numbers)."""

    by: PeriodKind
    summary_lines: tuple[str, ...]
    series: tuple[TrendSeries, ...]  # for a chart (HTML, PDF); empty in the other formats
    # The whole report, for the JSON export's trends object (TrendReport.json_parts, written a
    # series at a time); None in the other formats.
    report: TrendReport | None = None


class ExportDocument(Struct):
    """Everything a writer needs. `items()` can be iterated once: it streams from the database."""

    options: ExportOptions
    made_at: datetime
    first_at: datetime | None
    last_at: datetime | None
    packs: list[StoredPackSnapshot]
    sessions: list[StoredSession]
    trends: TrendSection | None
    private_left_out: int
    entry_stream: Iterator[StoredEntry]  # read it through entries() or items(), once
    brief: Brief | None = None
    entries_selected: int | None = None  # None with --scores-only (entries without numbers go)
    entries_written: int = 0
    notices: list[str] = field(default_factory=list)  # said once on stderr by the command
    # The JSON export's entries as SQLite writes them (batches of JSON texts): read it through
    # entry_json_batches(), once, instead of entries().
    entry_json_stream: Iterator[list[str]] | None = None
    # The Markdown export's entries, each without its answers and with its given answers as
    # rows as stored (reflect.store.exchange.iter_entry_rows): read it through item_rows(),
    # once, instead of items(). None with --scores-only, which goes through items().
    entry_row_stream: Iterator[tuple[StoredEntry, list[AnswerRow]]] | None = None

    @property
    def pack_titles(self) -> dict[str, str]:
        return {pack.content_hash: pack.title for pack in self.packs}

    def entries(self) -> Iterator[StoredEntry]:
        for entry in self.entry_stream:
            self.entries_written += 1
            yield entry

    def entry_json_batches(self) -> Iterator[list[str]]:
        """The entries as JSON texts, in batches (or None when the document was made without)."""
        if self.entry_json_stream is None:
            raise ValueError("this export document was opened without its JSON stream")
        for batch in self.entry_json_stream:
            self.entries_written += len(batch)
            yield batch

    def items(self) -> Iterator[StoredEntry | SessionDivider]:
        """Entries and session dividers, in time order (a session before entries of its time)."""
        pending = deque(self.sessions)
        for entry in self.entries():
            while pending and pending[0].held_on <= entry.created_at:
                yield SessionDivider(pending.popleft())
            yield entry
        for session in pending:
            yield SessionDivider(session)

    def item_rows(self) -> Iterator[tuple[StoredEntry, list[AnswerRow]] | SessionDivider]:
        """As items(), from entry_row_stream: each entry with its given answers as rows."""
        if self.entry_row_stream is None:
            raise ValueError("this export document was opened without its row stream")
        pending = deque(self.sessions)
        for item in self.entry_row_stream:
            self.entries_written += 1
            created_at = item[0].created_at
            while pending and pending[0].held_on <= created_at:
                yield SessionDivider(pending.popleft())
            yield item
        for session in pending:
            yield SessionDivider(session)


class ExportResult(Struct, frozen=True):
    entries_written: int
    private_left_out: int
    destination: Path | None
    notices: tuple[str, ...] = ()


def options_from_command_line(
    database: Database,
    *,
    format: str,
    selection: FilterOptions,
    include_private: bool,
    scores_only: bool,
    include_trends: bool,
    include_brief: bool = True,
    by: str | None = None,
) -> ExportOptions:
    """ExportOptions from options as typed (dates through parse_when, `last-session` included)."""
    if format not in ExportFormat.__members__:
        choices = ", ".join(ExportFormat)
        raise ReflectError(f"Unknown export format {format!r}.", f"Choose one of: {choices}.")
    grouping: PeriodKind | None = None
    if by is not None:
        grouping = next((kind for kind in PERIOD_KINDS if kind == by), None)
        if grouping is None:
            raise ReflectError(
                f"Cannot group an export by {by!r}.", "Use --by session, --by week or --by month."
            )
    entries = filter_from_options(database, selection, include_private=include_private)
    return ExportOptions(
        format=ExportFormat(format),
        entries=entries,
        scores_only=scores_only,
        include_trends=include_trends,
        include_brief=include_brief,
        by=grouping,
    )


def last_session_start(database: Database) -> datetime | None:
    """When the newest session held so far began: where `--since last-session` starts."""

    session = newest_past_session(database)
    return session.held_on if session is not None else None


def entry_filter_for(options: ExportOptions) -> EntryFilter:
    """The journal filter for an export. Trashed entries never appear. Drafts (unfinished runs)
    are in the JSON export, which is a complete copy for import, and left out of the others,
    as `reflect list` and the trends leave them out."""
    return replace(
        options.entries,
        drafts=None if options.format is ExportFormat.json else False,
        include_trashed=False,
        limit=None,
    )


def trend_query_for(options: ExportOptions, by: PeriodKind) -> TrendQuery:
    """The trend query selecting exactly the entries the export selects (drafts aside: a trend
    never counts an unfinished entry, so neither do the numbers of an export)."""

    entries = replace(options.entries, drafts=False, include_trashed=False, limit=None)
    details = MAX_ROWS if _has_brief(options) else 0  # the brief's table: its latest rows
    return TrendQuery(entries=entries, by=by, dimensions=(), entry_details=details)


def _has_brief(options: ExportOptions) -> bool:
    """Whether the export opens with the brief: md, html and pdf do unless --no-brief."""
    return options.include_brief and options.format in BRIEF_FORMATS


def grouping_for(database: Database, options: ExportOptions) -> PeriodKind:
    """--by as asked; otherwise by session once a session is recorded, else by week."""

    if options.by is not None:
        return options.by
    return "session" if store.session_dates(database) else "week"


def _scores_only(entries: Iterator[StoredEntry]) -> Iterator[StoredEntry]:
    """Keep the numbers, drop every word the person wrote (written answers, picks, tags);
    entries left with no number drop out."""
    for entry in entries:
        numbers = tuple(answer for answer in entry.answers if answer.question.kind == "scale")
        if numbers:
            yield replace(entry, answers=numbers, tags=())


# The formats that draw the trend as a chart (from TrendSection.series).
CHART_FORMATS = (ExportFormat.html, ExportFormat.pdf)


def _trend_section(report: TrendReport, format: ExportFormat) -> TrendSection:
    """The part of the report the format shows: every format its summary sentences, a chart its
    series, JSON the documented trends object. What a format does not show is not built (a
    series and a JSON object per period: several MB over years of weekly entries)."""
    if format not in CHART_FORMATS:
        whole = report if format is ExportFormat.json else None
        return TrendSection(report.by, tuple(report.summary_lines()), (), whole)
    series = tuple(
        TrendSeries(
            dimension=trend.name,
            label=trend.label,
            points=tuple(
                TrendPoint(period.start, period.end, float(period.score), period.entries)
                for period in trend.periods
            ),
        )
        for trend in report.dimensions
        if trend.periods
    )
    # Only sentences that tell a trend: "not enough yet" has no place in what a client hands over
    # (summary_lines leaves a dimension with too few entries out).
    return TrendSection(report.by, tuple(report.summary_lines()), series)


def sessions_around(
    sessions: list[StoredSession], entry_filter: EntryFilter, first: str | None, last: str | None
) -> list[StoredSession]:
    """The sessions a document to read shows as dividers: those in the range asked for, and
    where a side of the range is open, no further than the exported entries reach (from the
    session the first entry follows, to the last entry), so `--flagged` or `--tag` does not
    list every session ever held around two entries. JSON and CSV keep them all."""
    if first is None or last is None:
        return sessions if entry_filter.dates.bounded else []
    if entry_filter.since is None:
        opening = [session.held_on for session in sessions if session.held_on <= first]
        start = opening[-1] if opening else first
        sessions = [session for session in sessions if session.held_on >= start]
    if entry_filter.until is None:
        sessions = [session for session in sessions if session.held_on <= last]
    return sessions


@contextlib.contextmanager
def open_document(database: Database, options: ExportOptions) -> Iterator[ExportDocument]:
    """The export's content, read from one consistent snapshot of the journal."""

    entry_filter = entry_filter_for(options)
    with exchange.read_snapshot(database):
        first, last = exchange.date_span(database, entry_filter)
        entries = exchange.iter_entries(database, entry_filter)
        packs = exchange.packs_used(database, entry_filter)
        sessions = exchange.sessions_between(
            database,
            to_db_time(entry_filter.since) if entry_filter.since else None,
            to_db_time(entry_filter.until) if entry_filter.until else None,
        )
        if options.format in BRIEF_FORMATS:
            sessions = sessions_around(sessions, entry_filter, first, last)
        if options.scores_only:
            sessions = [replace(session, note=None) for session in sessions]
        report: TrendReport | None = None
        by = grouping_for(database, options)
        # Notes hold no scores: with --pack note there is no trend to speak of.
        if options.entries.pack != NOTE_PACK_NAME and (
            options.include_trends or _has_brief(options)
        ):
            report = compute_trends(database, trend_query_for(options, by))
        made_at = options.made_at or clock.utc_now()  # on the module: tests freeze it there
        brief = None
        if _has_brief(options):
            brief = build_brief(
                database,
                entry_filter,
                packs,
                report,
                by,
                scores_only=options.scores_only,
                made_at=made_at,
            )
        trends = (
            _trend_section(report, options.format) if report and options.include_trends else None
        )
        # The section and the brief hold what the writers need (JSON: the report itself): over
        # years of weekly entries a report's periods are megabytes.
        del report
        yield ExportDocument(
            options=options,
            made_at=made_at,
            first_at=from_db_time(first) if first else None,
            last_at=from_db_time(last) if last else None,
            packs=packs,
            sessions=sessions,
            trends=trends,
            private_left_out=exchange.count_private_left_out(database, entry_filter),
            entry_stream=_scores_only(entries) if options.scores_only else entries,
            brief=brief,
            entries_selected=None
            if options.scores_only
            else exchange.count_entries(database, entry_filter),
            entry_json_stream=(
                exchange.iter_entry_json(database, entry_filter, scores_only=options.scores_only)
                if options.format is ExportFormat.json
                else None
            ),
            entry_row_stream=(
                exchange.iter_entry_rows(database, entry_filter)
                if options.format is ExportFormat.md and not options.scores_only
                else None
            ),
        )


class TextSink(Protocol):
    """Where a text export goes when no file is given: stdout, or a terminal-safe wrapper of it."""

    def write(self, text: str, /) -> int: ...

    def flush(self) -> None: ...


Writer = Callable[[ExportDocument, Any], None]
"""Lays a document out in one format on a text (PDF: binary) stream; see writer_for."""


def export_journal(
    database: Database,
    options: ExportOptions,
    writer: Writer,
    *,
    output: Path | None = None,
    stdout: TextSink | None = None,
) -> ExportResult:
    """Write the export to `output` (atomically, readable only by you) or to stdout."""
    binary = options.format.binary
    if output is None and binary:
        raise ReflectError(
            f"A {options.format.upper()} export needs a file to go into.",
            f"Add -o FILE, for example: reflect export --format {options.format} -o session.pdf",
        )
    with open_document(database, options) as document:
        if output is None:
            _write_to_stdout(document, writer, stdout or sys.stdout)
        else:
            _write_to_file(output, document, writer, binary=binary)
    return ExportResult(
        document.entries_written, document.private_left_out, output, tuple(document.notices)
    )


def _write_to_stdout(document: ExportDocument, writer: Writer, stream: TextSink) -> None:
    # A reader that stops early (`reflect export | head`) raises BrokenPipeError here, which the
    # command line answers as for every command (reflect.cli.app: quietly, status 1).
    writer(document, stream)
    stream.flush()


def _write_to_file(output: Path, document: ExportDocument, writer: Writer, *, binary: bool) -> None:
    """Through reflect's one safe-output routine (reflect.files): never the journal, its
    settings or the data folder; devices and FIFOs as streams; regular files atomically."""

    target = output_target(output)
    if binary and target.kind == "stdout" and sys.stdout.isatty():
        raise ReflectError(
            f"A {document.options.format.upper()} export would print unreadable bytes here.",
            "Give a file with -o, or pipe the output into a file.",
        )
    # CSV keeps the newlines the csv module writes (\r\n, as spreadsheets expect).
    newline = "" if document.options.format is ExportFormat.csv else None
    with write_output(target, binary=binary, newline=None if binary else newline) as stream:
        writer(document, stream)
