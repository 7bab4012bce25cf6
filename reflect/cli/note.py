"""`reflect note`: a free-form note, from the command line, the terminal, an editor or a pipe."""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Annotated, Any

import typer

from reflect.cli.access import open_journal
from reflect.cli.options import AtOption, FlagOption, PrivateOption, TagOption
from reflect.config import load_config
from reflect.core.dates import check_when, parse_optional_when
from reflect.core.editor import chosen_editor
from reflect.core.entries import create_note
from reflect.core.journal import short_id
from reflect.core.notes import note_from_stdin, text_from_editor
from reflect.errors import ExitCode
from reflect.paths import data_paths
from reflect.render import running as screen
from reflect.render.console import say


def note_command(
    text: Annotated[
        str | None,
        typer.Argument(
            metavar="TEXT",
            help="The note. Without it: typed in the terminal (or your editor, if you set one), "
            "else standard input.",
        ),
    ] = None,
    at: AtOption = None,
    tag: TagOption = None,
    flag: FlagOption = False,
    private: PrivateOption = False,
) -> None:
    """Write a free-form note.

    Example: reflect note "Felt rushed at the end of today's session."
    """

    check_when(at)  # a bad date is reported before anyone writes a word
    if text is None:
        text = note_from_terminal() if sys.stdin.isatty() else note_from_stdin()
    save_note(text, at=at, tags=tag or [], flagged=flag, private=private)


def note_from_terminal(terminal: Mapping[str, Any] | None = None) -> str:
    """A new note typed on the terminal: in the person's editor if they set one (config
    `editor:`, $VISUAL or $EDITOR), else inline, with the keys said in plain words.

    Leaving without saving (Esc) says so and exits 1; nothing is written.
    """

    paths = data_paths()
    configured = load_config(paths.config).editor
    if chosen_editor(configured):
        return text_from_editor(paths.home, "", configured)
    text = screen.write_note(terminal)
    if text is None:
        say("Left without saving; no note was written.")
        raise typer.Exit(ExitCode.FAILURE)
    return text


def save_note(
    text: str,
    *,
    at: str | None = None,
    tags: Sequence[str] = (),
    flagged: bool = False,
    private: bool = False,
) -> str:
    """Save a note and say so (`reflect note`, and the menu's "Write a note"); its id.

    An empty note saves nothing and exits 1.
    """

    if not text.strip():
        say("The note is empty, so nothing was saved.")
        raise typer.Exit(ExitCode.FAILURE)
    with open_journal() as database:
        when = parse_optional_when(at, database)
        entry_id = create_note(database, text, at=when, flagged=flagged, private=private, tags=tags)
    say(f"Saved your note ({short_id(entry_id)}).")
    return entry_id


def register(app: typer.Typer) -> None:
    """Add this module's command to the top-level app."""
    app.command("note")(note_command)
