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
# The formats by the names people know them by, the one to print or attach first.
EXPORT_FORMATS = (
    ("PDF, to print or attach to an email", "pdf"),
    ("Web page (HTML), to open in a browser", "html"),
    ("Markdown, plain text", "md"),
    ("JSON, a complete copy reflect can import", "json"),
    ("CSV, for a spreadsheet", "csv"),
)
INTERRUPTED = 130


def main_menu(*, input: Any = None, output: Any = None) -> None:
    """Show the menu until the person quits; Ctrl-C leaves with status 130."""
    from reflect.core.welcome import is_first_run, welcome_for
    from reflect.paths import data_paths
    from reflect.render.running import show_welcome

    terminal: dict[str, Any] = {
        name: value for name, value in (("input", input), ("output", output)) if value
    }
    paths = data_paths()
    if is_first_run(paths):
        show_welcome(welcome_for(paths))
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
        return _write_note()
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


def _write_note() -> int:
    from reflect.config import load_config
    from reflect.core.access import open_journal
    from reflect.core.running import text_from_editor
    from reflect.errors import ReflectError
    from reflect.paths import data_paths
    from reflect.render.console import say
    from reflect.store.entries import create_note

    paths = data_paths()
    try:
        text = text_from_editor(paths.home, "", load_config(paths.config).editor)
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
    """Export what was written since the last session (everything, before the first one)."""
    import datetime
    from pathlib import Path

    import questionary

    from reflect.core.access import open_journal
    from reflect.core.export import last_session_start
    from reflect.render.console import say
    from reflect.render.export.wording import brief_day

    with open_journal() as database:
        since = last_session_start(database)
    if since is None:
        say("No therapy session is recorded yet, so this export holds all your entries.")
    else:
        say(f"This export holds what you wrote since your session on {brief_day(since)}.")
    chosen = questionary.select(
        "Which kind of file?",
        choices=[questionary.Choice(name, value=value) for name, value in EXPORT_FORMATS],
        qmark="›",
        **terminal,
    ).unsafe_ask()
    suggested = f"reflect-{datetime.date.today().isoformat()}.{chosen}"
    destination = questionary.path(
        "Save it as:", default=suggested, qmark="›", **terminal
    ).unsafe_ask()
    if not destination.strip():
        return 0
    target = Path(destination.strip()).expanduser().absolute()
    arguments = ["--format", chosen, "--output", str(target)]
    if since is not None:
        arguments += ["--since", "last-session"]
    return _command("export", arguments)
