"""`reflect import`: bringing in a journal from reflect, jrnl, Daylio or Day One. Thin: options
are parsed here, the work is in reflect.core.importing."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from reflect.cli.access import open_journal
from reflect.core.import_daylio import parse_mood_levels
from reflect.core.importing import import_file
from reflect.errors import ReflectError
from reflect.render.console import say


class ImportSourceChoice(StrEnum):
    reflect = "reflect"
    jrnl = "jrnl"
    daylio = "daylio"
    dayone = "dayone"


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


def import_entries(
    file: ImportFileArgument,
    source: SourceOption = ImportSourceChoice.reflect,
    dry_run: DryRunOption = False,
    mood: MoodOption = None,
) -> None:
    """Import entries from reflect, jrnl, Daylio (CSV) or Day One (JSON or zip) exports.

    Example: reflect import backup.json --from reflect --dry-run
    """

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


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def register(app: typer.Typer) -> None:
    """Add this module's command to the top-level app."""
    app.command("import")(import_entries)
