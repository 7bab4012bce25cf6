"""`reflect sessions`: record the dates of therapy sessions, list and remove them.

Sessions divide `reflect list`, group `reflect trends --by session`, and give `--since last-session`
its date.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from reflect.cli.access import open_journal
from reflect.cli.completion import complete_session_id
from reflect.cli.options import JsonOption
from reflect.config import load_config
from reflect.core.journal import short_id
from reflect.core.sessions import list_sessions, record_session, remove_session, resolve_session_id
from reflect.paths import data_paths
from reflect.render.console import say, stdout_console
from reflect.render.journal import print_paged, session_json, sessions_table

app = typer.Typer(
    help="Record your therapy sessions, so entries can be read and exported by session.\n\n"
    "Example: reflect sessions add yesterday --note 'talked about the break'",
    no_args_is_help=True,
)


@app.command("add")
def add(
    when: Annotated[
        str | None,
        typer.Argument(
            metavar="DATE",
            help="When it was: 2026-11-03, '2026-11-03 17:00', today, yesterday, "
            "'last tuesday' (default: now).",
        ),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A few words to remember it by.")
    ] = None,
    again: Annotated[
        bool,
        typer.Option(
            "--again", help="Record a second session on a day that already has one (if there was)."
        ),
    ] = False,
) -> None:
    """Record a therapy session (default: now).

    A date without a time counts from the start of that day, so `--since last-session` includes
    everything written on the day of the session. A day that already has a session gets no second
    one unless you add --again.

    Example: reflect sessions add yesterday --note "first session after the break"
    """

    with open_journal() as database:
        recorded = record_session(database, when, note, again=again)
    session = recorded.session
    day = f"{session.held_on.astimezone():%Y-%m-%d}"
    if not recorded.added:
        say(
            f"A session on {day} is already recorded (id {short_id(session.id)}), so nothing "
            "was added. If you had a second one that day, add --again."
        )
        return
    say(f"Recorded a session on {day} (id {short_id(session.id)}).")


@app.command("list")
def list_command(
    json_output: JsonOption = False,
) -> None:
    """List recorded therapy sessions, newest first.

    Example: reflect sessions list
    """

    with open_journal() as database:
        sessions = list_sessions(database)
    if json_output:
        typer.echo(json.dumps([session_json(s) for s in sessions], indent=2, ensure_ascii=False))
        return

    if not sessions:
        say("No sessions recorded yet: `reflect sessions add` records one (default: now).")
        return

    date_format = load_config(data_paths().config).date_format
    print_paged(stdout_console(), [sessions_table(sessions, date_format)])


@app.command("remove")
def remove(
    session_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="The session's id, or the first 4 or more characters of it.",
            autocompletion=complete_session_id,
        ),
    ],
) -> None:
    """Remove a recorded session (your entries are not touched).

    Example: reflect sessions remove 3f2a
    """

    with open_journal() as database:
        resolved = resolve_session_id(database, session_id)
        remove_session(database, resolved)
    say(f"Removed session {short_id(resolved)}.")
