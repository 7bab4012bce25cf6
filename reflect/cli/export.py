"""`reflect export`: taking entries to a session. Thin: options are parsed here, the work is in
reflect.core.export (what goes in) and reflect.render.export (how each format writes it)."""

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
from reflect.core.export import export_journal, options_from_command_line
from reflect.core.filters import FilterOptions
from reflect.model import ExportFormat
from reflect.render.console import say
from reflect.render.export import TerminalSafeStream, writer_for

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

    if output is not None and str(output) == "-" and format is not ExportFormat.pdf:
        output = None  # `-o -`: standard output, made terminal-safe like no -o at all
    with open_journal() as database:
        options = options_from_command_line(
            database,
            format=format.value,
            selection=FilterOptions(since, until, pack, tag, flagged),
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


def _entries(count: int, kind: str = "") -> str:
    return f"{count} {kind}{'entry' if count == 1 else 'entries'}"


def register(app: typer.Typer) -> None:
    """Add this module's command to the top-level app."""
    app.command("export")(export)
