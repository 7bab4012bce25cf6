"""`reflect` with no arguments on a terminal: a short menu, and the welcome on the very first run.

Each entry of the menu runs the same command a person could type (`reflect run`, `reflect list`,
`reflect trends`, `reflect export`), so the menu never behaves differently from the commands.
"""

from __future__ import annotations

from typing import Any

import typer

REFLECT_NOW = "Reflect now (answer a pack)"
WRITE_NOTE = "Write a note"
RECENT_ENTRIES = "Recent entries"
TRENDS = "Trends"
EXPORT = "Export for your next session"
QUIT = "Quit"
MENU = (REFLECT_NOW, WRITE_NOTE, RECENT_ENTRIES, TRENDS, EXPORT, QUIT)
EXPORT_FORMATS = ("md", "html", "pdf", "json", "csv")
INTERRUPTED = 130


def main_menu(*, input: Any = None, output: Any = None) -> None:
    """Show the menu until the person quits; Ctrl-C leaves with status 130."""
    from reflect.core.welcome import welcome_due
    from reflect.paths import data_paths
    from reflect.render.running import show_welcome

    terminal: dict[str, Any] = {
        name: value for name, value in (("input", input), ("output", output)) if value
    }
    welcome = welcome_due(data_paths())
    if welcome is not None:
        show_welcome(welcome)
    while True:
        try:
            picked = _ask_menu(terminal)
            if picked == QUIT:
                return
            status = _act(picked, terminal)
        except KeyboardInterrupt:
            raise typer.Exit(INTERRUPTED) from None
        if status == INTERRUPTED:
            raise typer.Exit(INTERRUPTED)


def _ask_menu(terminal: dict[str, Any]) -> str:
    import questionary

    return questionary.select(
        "What would you like to do?", choices=list(MENU), qmark="›", **terminal
    ).unsafe_ask()


def _act(picked: str, terminal: dict[str, Any]) -> int:
    """Carry out one menu choice; returns the exit status of the command it ran."""
    if picked == REFLECT_NOW:
        return _command("run", [])
    if picked == WRITE_NOTE:
        return _write_note(terminal)
    if picked == RECENT_ENTRIES:
        return _command("list", ["-n", "10"])
    if picked == TRENDS:
        return _command("trends", [])
    return _export(terminal)


def _command(name: str, arguments: list[str]) -> int:
    """Run `reflect NAME ARGUMENTS` in this process, through the same app a person types to."""
    from typer.main import get_command

    from reflect.cli.app import app
    from reflect.render.console import say

    if name not in getattr(get_command(app), "commands", {}):
        say(f"`reflect {name}` is not available in this version yet.")
        return 1
    try:
        status = app([name, *arguments], prog_name="reflect", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        return INTERRUPTED
    return status if isinstance(status, int) else 0


def _write_note(terminal: dict[str, Any]) -> int:
    from reflect.cli.reflecting import note_from_terminal
    from reflect.core.access import open_journal
    from reflect.errors import ReflectError
    from reflect.render.console import say
    from reflect.store.entries import create_note

    try:
        text = note_from_terminal(terminal)
        if text is None:
            say("Left without saving; no note was written.")
            return 0
        if not text.strip():
            say("The note is empty, so nothing was saved.")
            return 1
        with open_journal() as database:
            entry_id = create_note(database, text)
    except ReflectError as error:
        from reflect.cli.app import report

        report(error)
        return error.exit_code
    say(f"Saved your note ({entry_id[:8]}).")
    return 0


def _export(terminal: dict[str, Any]) -> int:
    import datetime

    import questionary

    chosen = questionary.select(
        "Which format?", choices=list(EXPORT_FORMATS), qmark="›", **terminal
    ).unsafe_ask()
    suggested = f"reflect-{datetime.date.today().isoformat()}.{chosen}"
    destination = questionary.path(
        "Save it as:", default=suggested, qmark="›", **terminal
    ).unsafe_ask()
    if not destination.strip():
        return 0
    return _command("export", ["--format", chosen, "--output", destination.strip()])
