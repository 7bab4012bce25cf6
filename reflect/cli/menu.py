"""`reflect` with no arguments on a terminal: a short menu, and the welcome on the very first run.

Each entry of the menu runs the same command a person could type (`reflect run`, `reflect list`,
`reflect trends`, `reflect export`), so the menu never behaves differently from the commands.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from reflect.cli.access import open_journal
from reflect.cli.note import note_from_terminal, save_note
from reflect.cli.reporting import report
from reflect.clock import local_today
from reflect.config import Config, load_config
from reflect.core.export import last_session_start
from reflect.core.welcome import welcome_due
from reflect.errors import ExitCode, ReflectError
from reflect.model import ExportFormat
from reflect.paths import data_paths
from reflect.render.console import printable, say
from reflect.render.export.wording import brief_day
from reflect.render.running import show_welcome

REFLECT_NOW = "Reflect now (answer a pack)"
WRITE_NOTE = "Write a note"
RECENT_ENTRIES = "Recent entries"
TRENDS = "Trends"
EXPORT = "Export for your next session"
QUIT = "Quit"
MENU = (REFLECT_NOW, WRITE_NOTE, RECENT_ENTRIES, TRENDS, EXPORT, QUIT)
FOOTER_WIDTH = 76
# The formats by the names people know them by, the one to print or attach first.
EXPORT_FORMATS = (
    ("PDF, to print or attach to an email", ExportFormat.pdf),
    ("Web page (HTML), to open in a browser", ExportFormat.html),
    ("Markdown, plain text", ExportFormat.md),
    ("JSON, a complete copy reflect can import", ExportFormat.json),
    ("CSV, for a spreadsheet", ExportFormat.csv),
)


def main_menu(commands: TyperGroup, *, input: Any = None, output: Any = None) -> None:
    """Show the menu until the person quits; Ctrl-C leaves with status 130.

    `commands` is the `reflect` command group (the app hands in its own), which runs the
    commands the menu offers exactly as if they were typed.
    """

    terminal: dict[str, Any] = {
        name: value for name, value in (("input", input), ("output", output)) if value
    }
    paths = data_paths()
    welcome = welcome_due(paths)
    if welcome is not None:
        show_welcome(welcome)
    footer = _crisis_line(paths.config)
    while True:
        try:
            picked = _ask_menu(terminal, footer)
            if picked == QUIT:
                return
            status = _act(commands, picked, terminal)
        except KeyboardInterrupt:
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        if status == ExitCode.INTERRUPTED:
            raise typer.Exit(ExitCode.INTERRUPTED)


def _crisis_line(config_path: Path) -> str:
    """The person's crisis line; the generic sentence while the settings cannot be read (the
    commands report the broken file; the line itself must always be there)."""
    try:
        return load_config(config_path).crisis_line_text()
    except ReflectError:
        return Config().crisis_line_text()


def _ask_menu(terminal: dict[str, Any], footer: str) -> str:
    """The menu, with the crisis line as a quiet footer under the choices."""

    import questionary

    width = min(FOOTER_WIDTH, max(shutil.get_terminal_size().columns - 4, 20))
    lines = textwrap.wrap(printable(footer), width) or [""]
    choices: list[Any] = [*MENU, questionary.Separator(" ")]
    choices += [questionary.Separator(line) for line in lines]
    picked: str = questionary.select(
        "What would you like to do?",
        choices=choices,
        qmark="›",
        style=questionary.Style([("separator", "italic")]),
        **terminal,
    ).unsafe_ask()
    return picked


def _act(commands: TyperGroup, picked: str, terminal: dict[str, Any]) -> int:
    """Carry out one menu choice; returns the exit status of the command it ran."""
    if picked == REFLECT_NOW:
        return _command(commands, "run", [])
    if picked == WRITE_NOTE:
        return _write_note(terminal)
    if picked == RECENT_ENTRIES:
        return _command(commands, "list", ["-n", "10"])
    if picked == TRENDS:
        return _command(commands, "trends", [])
    return _export(commands, terminal)


def _command(commands: TyperGroup, name: str, arguments: list[str]) -> int:
    """Run `reflect NAME ARGUMENTS` in this process, through the same app a person types to."""
    if name not in commands.commands:
        say(f"`reflect {name}` is not available in this version yet.")
        return ExitCode.FAILURE
    try:
        status = commands.main([name, *arguments], prog_name="reflect", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        return ExitCode.INTERRUPTED
    return status if isinstance(status, int) else ExitCode.OK


def _write_note(terminal: dict[str, Any]) -> int:
    """What `reflect note` does on a terminal (typed inline or in the editor, then saved)."""
    try:
        save_note(note_from_terminal(terminal))
    except ReflectError as error:
        report(error)
        return error.exit_code
    except typer.Exit as done:
        return done.exit_code
    return ExitCode.OK


def _export(commands: TyperGroup, terminal: dict[str, Any]) -> int:
    """Export what was written since the last session (everything, before the first one)."""
    import questionary

    try:
        with open_journal() as database:
            since = last_session_start(database)
    except ReflectError as error:  # a locked or damaged journal: said, and back to the menu
        report(error)
        return error.exit_code
    if since is None:
        say("No therapy session is recorded yet, so this export holds all your entries.")
    else:
        session_day = brief_day(since, local_today())
        say(f"This export holds what you wrote since your session on {session_day}.")
    chosen = questionary.select(
        "Which kind of file?",
        choices=[questionary.Choice(name, value=value.value) for name, value in EXPORT_FORMATS],
        qmark="›",
        **terminal,
    ).unsafe_ask()
    suggested = f"reflect-{local_today().isoformat()}.{chosen}"
    destination = questionary.path(
        "Save it as:", default=suggested, qmark="›", **terminal
    ).unsafe_ask()
    if not destination.strip():
        return ExitCode.OK
    target = Path(destination.strip()).expanduser().absolute()
    arguments = ["--format", chosen, "--output", str(target)]
    if since is not None:
        arguments += ["--since", "last-session"]
    return _command(commands, "export", arguments)
