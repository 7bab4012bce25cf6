"""`reflect db`: where the data lives, an integrity check, and consistent online backups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    help="Where your journal lives, check it, back it up.\n\nExample: reflect db backup",
    no_args_is_help=True,
)


@app.command("path")
def path_command(
    json_output: Annotated[
        bool, typer.Option("--json", help="Print JSON alone on stdout.")
    ] = False,
) -> None:
    """Show where the journal, config and your own packs are.

    Example: reflect db path
    """
    from reflect.core.access import open_journal
    from reflect.paths import data_paths

    paths = data_paths()
    open_journal().close()  # creates the folder (0700) and database (0600) on first use
    locations = {
        "home": str(paths.home),
        "database": str(paths.database),
        "config": str(paths.config),
        "packs": str(paths.packs),
    }
    if json_output:
        import json

        typer.echo(json.dumps(locations, indent=2))
        return
    width = max(len(name) for name in locations)
    for name, value in locations.items():
        typer.echo(f"{name:<{width}}  {value}")  # plain lines: a path must never be truncated


@app.command("check")
def check_command(
    json_output: Annotated[
        bool, typer.Option("--json", help="Print JSON alone on stdout.")
    ] = False,
) -> None:
    """Check the journal for damage (SQLite integrity check, links, search index).

    Example: reflect db check
    """
    from reflect.core.access import passphrase_from_environment
    from reflect.core.maintenance import check_database
    from reflect.paths import data_paths
    from reflect.render.console import say

    result = check_database(data_paths().database, passphrase=passphrase_from_environment())
    if json_output:
        import json

        typer.echo(json.dumps({"ok": result.ok, "problems": result.problems}, indent=2))
    elif result.ok:
        typer.echo(f"ok: {result.path} passed the integrity check ({result.entries} entries).")
    if not result.ok:
        say(f"The journal {result.path} is damaged:")
        for problem in result.problems[:10]:
            say(f"  {problem}")
        say(
            "Do not write to it. Copy the file somewhere safe, then restore a backup made with "
            "`reflect db backup` (copy it over the journal's path, shown by `reflect db path`)."
        )
        raise typer.Exit(1)


@app.command("backup")
def backup_command(
    destination: Annotated[
        Path | None,
        typer.Argument(help="Where to write the copy (default: the backups folder)."),
    ] = None,
) -> None:
    """Make a consistent copy of the journal, safe to run while reflect is in use.

    Example: reflect db backup ~/reflect-backup.db
    """
    from reflect.core.access import open_journal
    from reflect.core.maintenance import backup_database
    from reflect.render.console import say

    with open_journal() as database:
        written = backup_database(database, destination)
    say(f"Backed up {written.entries} entries to {written.path}")
    if database.encrypted:
        say("The backup is encrypted with the same passphrase as the journal.")
