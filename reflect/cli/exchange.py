"""`reflect export` and `reflect import`: taking entries to a session, and bringing a journal in.
Thin: options are parsed here, the work is in reflect.core.export and reflect.core.importing."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from reflect.cli.access import open_journal
from reflect.cli.options import (
    FlaggedOption,
    PackFilterOption,
    SinceOption,
    TagFilterOption,
    UntilOption,
)
from reflect.errors import ReflectError
from reflect.model import ExportFormat


class ImportSourceChoice(StrEnum):
    reflect = "reflect"
    jrnl = "jrnl"
    daylio = "daylio"
    dayone = "dayone"


FormatOption = Annotated[
    ExportFormat,
    typer.Option("--format", "-f", help="The kind of file to make.", case_sensitive=False),
]
IncludePrivateOption = Annotated[
    bool,
    typer.Option("--include-private", help="Include entries marked private (left out by default)."),
]
ScoresOnlyOption = Annotated[
    bool,
    typer.Option("--scores-only", help="Only the numbers you gave, none of your written answers."),
]
NoTrendsOption = Annotated[
    bool, typer.Option("--no-trends", help="Leave out the trend chart and sentences.")
]
NoBriefOption = Annotated[
    bool,
    typer.Option(
        "--no-brief",
        help="Leave out the one-page brief at the top (md, html, pdf): what you'd like to bring, "
        "the scores since the last session, moments worth a look.",
    ),
]


class GroupingChoice(StrEnum):
    session = "session"
    week = "week"
    month = "month"


ByOption = Annotated[
    GroupingChoice | None,
    typer.Option(
        "--by",
        help="Rows of the brief's table and points of the chart: sessions, weeks or months "
        "(default: sessions once one is recorded, else weeks).",
        case_sensitive=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (text formats go to stdout without it).",
        dir_okay=False,
    ),
]
ImportFileArgument = Annotated[
    Path, typer.Argument(help="The file to import.", dir_okay=False, show_default=False)
]
SourceOption = Annotated[
    ImportSourceChoice,
    typer.Option(
        "--from",
        help="reflect (reflect's JSON export), jrnl (`jrnl --format json`), daylio (Daylio's "
        "CSV export) or dayone (Day One's JSON export, .json or .zip).",
        case_sensitive=False,
    ),
]
MoodOption = Annotated[
    list[str] | None,
    typer.Option(
        "--mood",
        metavar="NAME=LEVEL",
        help="With --from daylio: the level of a custom mood (awful, bad, meh, good, rad or "
        "1-5), e.g. --mood 'Anxious=bad' (repeatable).",
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help="Show what would be imported, and change nothing.")
]


def export(
    format: FormatOption = ExportFormat.md,
    since: SinceOption = None,
    until: UntilOption = None,
    pack: PackFilterOption = None,
    tag: TagFilterOption = None,
    flagged: FlaggedOption = False,
    include_private: IncludePrivateOption = False,
    scores_only: ScoresOnlyOption = False,
    no_trends: NoTrendsOption = False,
    no_brief: NoBriefOption = False,
    by: ByOption = None,
    output: OutputOption = None,
) -> None:
    """Export entries to bring to your next therapy session.

    Markdown, HTML and PDF open with a one-page brief: what you'd like to bring (flagged
    entries and answers to "bring" questions), your scores since the last session, and moments
    worth a look. Every number covers exactly the entries exported.

    Example: reflect export --since last-session --format html -o session.html
    """

    from reflect.core.export import export_journal, options_from_command_line
    from reflect.render.console import say
    from reflect.render.export import TerminalSafeStream, writer_for

    if output is not None and str(output) == "-" and format is not ExportFormat.pdf:
        output = None  # `-o -`: standard output, made terminal-safe like no -o at all
    with open_journal() as database:
        options = options_from_command_line(
            database,
            format=format.value,
            since=since,
            until=until,
            pack=pack,
            tag=tag,
            flagged=flagged,
            include_private=include_private,
            scores_only=scores_only,
            include_trends=not no_trends,
            include_brief=not no_brief,
            by=by.value if by is not None else None,
        )
        to_terminal = output is None and sys.stdout.isatty()
        result = export_journal(
            database,
            options,
            writer_for(options.format),
            output=output,
            stdout=TerminalSafeStream(sys.stdout) if to_terminal else sys.stdout,
        )
    if result.private_left_out:
        say(
            f"{_entries(result.private_left_out, 'private ')} left out "
            "(add --include-private to include them)."
        )
    for notice in result.notices:
        say(notice)
    if output is not None:
        where = "standard output" if str(output) == "-" else str(output.expanduser().absolute())
        say(f"Exported {_entries(result.entries_written)} to {where}.")


def import_entries(
    file: ImportFileArgument,
    source: SourceOption = ImportSourceChoice.reflect,
    dry_run: DryRunOption = False,
    mood: MoodOption = None,
) -> None:
    """Import entries from reflect, jrnl, Daylio (CSV) or Day One (JSON or zip) exports.

    Example: reflect import backup.json --from reflect --dry-run
    """

    from reflect.core.import_daylio import parse_mood_levels
    from reflect.core.importing import import_file
    from reflect.render.console import say

    if mood and source != ImportSourceChoice.daylio:
        raise ReflectError("--mood only applies to Daylio imports (--from daylio).")
    levels = parse_mood_levels(mood or [])
    with open_journal() as database:
        report = import_file(
            database,
            file,
            source.value,
            dry_run=dry_run,
            mood_levels=levels,
        )
    would = "would be " if dry_run else ""
    parts = [
        f"{_entries(report.added)} {would}added",
        f"{_entries(report.unchanged)} already there",
    ]
    if report.sessions_added:
        sessions = "session" if report.sessions_added == 1 else "sessions"
        parts.append(f"{report.sessions_added} therapy {sessions} {would}added")
    say(", ".join(parts) + ".")
    if report.media_left_out:
        items = "item" if report.media_left_out == 1 else "items"
        say(
            f"{report.media_left_out} photo, video, audio or PDF {items} left out: reflect "
            "keeps words and numbers only."
        )
    for entry_id in report.replaced:
        say(f"Entry {entry_id} {would}replaced: the file's version is newer.")
    for entry_id in report.kept_local:
        say(f"Entry {entry_id} kept as it is here: this journal's version is newer.")
    if dry_run:
        say("Dry run: nothing was changed.")


def _entries(count: int, kind: str = "") -> str:
    return f"{count} {kind}{'entry' if count == 1 else 'entries'}"


def register(app: typer.Typer) -> None:
    """Add this module's commands to the top-level app."""
    app.command("export")(export)
    app.command("import")(import_entries)
