"""Exporting entries to bring to therapy: what goes in, in which order, and where it is written.

The core decides the content (the filters, private entries left out unless asked, trashed ones
never, scores-only, the trend summary, therapy sessions as dividers in time order) and where it
goes; the writers in reflect.render.export, handed in by the command, only lay it out. Entries
are streamed from the store one at a time, so an export's memory does not grow with the journal.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from reflect.clock import from_db_time, to_db_time, utc_now
from reflect.core.filters import filter_from_options
from reflect.errors import ReflectError
from reflect.model import (
    NOTE_PACK_NAME,
    EntryFilter,
    ExportFormat,
    StoredEntry,
    StoredPackSnapshot,
    StoredSession,
)

if TYPE_CHECKING:
    from reflect.store.database import Database


def _private_left_out() -> EntryFilter:
    return EntryFilter(include_private=False)


@dataclass(frozen=True)
class ExportOptions:
    """What to export: the entries (the shared EntryFilter, private ones left out unless asked)
    and how. A format given as text ("md") is read as its ExportFormat."""

    format: ExportFormat = ExportFormat.md
    entries: EntryFilter = field(default_factory=_private_left_out)
    scores_only: bool = False
    include_trends: bool = True
    made_at: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "format", ExportFormat(self.format))


@dataclass(frozen=True)
class SessionDivider:
    """A therapy session, shown between the entries written before and after it."""

    session: StoredSession

    @property
    def held_on(self) -> datetime:
        return from_db_time(self.session.held_on)


@dataclass(frozen=True)
class TrendSeries:
    """One dimension's scores per period, for charts (scores on 0-10; None = no entry)."""

    dimension: str
    labels: tuple[str, ...]
    scores: tuple[float | None, ...]


@dataclass(frozen=True)
class TrendSection:
    summary_lines: tuple[str, ...]
    series: tuple[TrendSeries, ...]
    json_dict: dict[str, Any]


@dataclass
class ExportDocument:
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
    entries_written: int = 0

    @property
    def pack_titles(self) -> dict[str, str]:
        return {pack.content_hash: pack.title for pack in self.packs}

    def entries(self) -> Iterator[StoredEntry]:
        for entry in self.entry_stream:
            self.entries_written += 1
            yield entry

    def items(self) -> Iterator[StoredEntry | SessionDivider]:
        """Entries and session dividers, in time order (a session before entries of its time)."""
        pending = deque(self.sessions)
        for entry in self.entries():
            while pending and pending[0].held_on <= entry.created_at:
                yield SessionDivider(pending.popleft())
            yield entry
        for session in pending:
            yield SessionDivider(session)


@dataclass(frozen=True)
class ExportResult:
    entries_written: int
    private_left_out: int
    destination: Path | None


def options_from_command_line(
    database: Database,
    *,
    format: str,
    since: str | None,
    until: str | None,
    pack: str | None,
    tag: str | None,
    flagged: bool,
    include_private: bool,
    scores_only: bool,
    include_trends: bool,
) -> ExportOptions:
    """ExportOptions from options as typed (dates through parse_when, `last-session` included)."""
    if format not in ExportFormat.__members__:
        choices = ", ".join(ExportFormat)
        raise ReflectError(f"Unknown export format {format!r}.", f"Choose one of: {choices}.")
    entries = filter_from_options(
        database,
        since=since,
        until=until,
        pack=pack,
        tag=tag,
        flagged=flagged,
        include_private=include_private,
    )
    return ExportOptions(
        format=ExportFormat(format),
        entries=entries,
        scores_only=scores_only,
        include_trends=include_trends,
    )


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


def _scores_only(entries: Iterator[StoredEntry]) -> Iterator[StoredEntry]:
    """Keep the numbers, drop every written answer; entries left with no number drop out."""
    for entry in entries:
        numbers = tuple(answer for answer in entry.answers if answer.question.kind == "scale")
        if numbers:
            yield replace(entry, answers=numbers)


def _trend_section(database: Database, options: ExportOptions) -> TrendSection | None:
    from reflect.core.trends import TrendQuery, compute_trends

    if options.entries.pack == NOTE_PACK_NAME:
        return None  # notes hold no scores: there is no trend to speak of

    entries = EntryFilter(
        dates=options.entries.dates,
        pack=options.entries.pack,
        drafts=False,
        include_private=options.entries.include_private,
    )
    report = compute_trends(database, TrendQuery(entries=entries, by="week", dimensions=()))
    series = tuple(
        TrendSeries(
            dimension=trend.label,
            labels=tuple(period.label for period in trend.periods),
            scores=tuple(float(period.score) for period in trend.periods),
        )
        for trend in report.dimensions
    )
    return TrendSection(tuple(report.summary_lines()), series, report.to_json_dict(for_export=True))


@contextlib.contextmanager
def open_document(database: Database, options: ExportOptions) -> Iterator[ExportDocument]:
    """The export's content, read from one consistent snapshot of the journal."""
    from reflect.store import exchange

    entry_filter = entry_filter_for(options)
    with exchange.read_snapshot(database):
        first, last = exchange.date_span(database, entry_filter)
        entries = exchange.iter_entries(database, entry_filter)
        yield ExportDocument(
            options=options,
            made_at=options.made_at or utc_now(),
            first_at=from_db_time(first) if first else None,
            last_at=from_db_time(last) if last else None,
            packs=exchange.packs_used(database, entry_filter),
            sessions=exchange.sessions_between(
                database,
                to_db_time(entry_filter.since) if entry_filter.since else None,
                to_db_time(entry_filter.until) if entry_filter.until else None,
            ),
            trends=_trend_section(database, options) if options.include_trends else None,
            private_left_out=exchange.count_private_left_out(database, entry_filter),
            entry_stream=_scores_only(entries) if options.scores_only else entries,
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
    return ExportResult(document.entries_written, document.private_left_out, output)


def _write_to_stdout(document: ExportDocument, writer: Writer, stream: TextSink) -> None:
    try:
        writer(document, stream)
        stream.flush()
    except BrokenPipeError:
        # The reader stopped early (`reflect export | head`): not an error. Point stdout at
        # /dev/null so the interpreter's final flush does not complain either.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _write_to_file(output: Path, document: ExportDocument, writer: Writer, *, binary: bool) -> None:
    """Through reflect's one safe-output routine (reflect.files): never the journal, its
    settings or the data folder; devices and FIFOs as streams; regular files atomically."""
    from reflect.files import output_target, write_output

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
