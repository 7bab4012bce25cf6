"""`reflect db`: where the data lives, an integrity check, consistent online backups, and
encryption at rest (encrypt, decrypt, rekey)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from msgspec.structs import replace

from reflect.cli import access
from reflect.cli.access import open_journal, passphrase_if_encrypted
from reflect.cli.options import JsonOption
from reflect.core.encryption import (
    check_can_decrypt,
    check_can_encrypt,
    check_can_rekey,
    decrypt_journal,
    encrypt_journal,
    rekey_journal,
)
from reflect.core.maintenance import backup_database, check_database
from reflect.core.sync import journal_placement_warnings
from reflect.errors import ExitCode
from reflect.paths import data_paths
from reflect.render.console import say


def entries(count: int) -> str:
    """ "1 entry", "2 entries"."""
    return f"{count} {'entry' if count == 1 else 'entries'}"


app = typer.Typer(
    help=(
        "Where your journal lives; check it, back it up, encrypt it.\n\nExample: reflect db backup"
    ),
    no_args_is_help=True,
)


@app.command("path")
def path_command(
    json_output: JsonOption = False,
) -> None:
    """Show where the journal, config and your own packs are.

    Example: reflect db path
    """

    paths = data_paths()
    open_journal().close()  # creates the folder (0700) and database (0600) on first use
    locations = {
        "home": str(paths.home),
        "database": str(paths.database),
        "config": str(paths.config),
        "packs": str(paths.packs),
    }
    if json_output:
        typer.echo(json.dumps(locations, indent=2))
        return
    width = max(len(name) for name in locations)
    for name, value in locations.items():
        typer.echo(f"{name:<{width}}  {value}")  # plain lines: a path must never be truncated


@app.command("check")
def check_command(
    json_output: JsonOption = False,
) -> None:
    """Check the journal for damage (SQLite integrity check, links, search index).

    Example: reflect db check
    """

    database = data_paths().database
    result = check_database(database, passphrase=passphrase_if_encrypted(database))
    result.warnings.extend(journal_placement_warnings(database))
    if json_output:
        report = {"ok": result.ok, "problems": result.problems, "warnings": result.warnings}
        typer.echo(json.dumps(report, indent=2))
    elif result.ok:
        typer.echo(f"ok: {result.path} passed the integrity check ({entries(result.entries)}).")
    if not json_output:
        for warning in result.warnings:
            say(f"Warning: {warning}.")
    if not result.ok:
        say(f"The journal {result.path} is damaged:")
        for problem in result.problems[:10]:
            say(f"  {problem}")
        say(
            "Do not write to it. Copy the file somewhere safe, then restore a backup made with "
            "`reflect db backup` (copy it over the journal's path, shown by `reflect db path`)."
        )
        raise typer.Exit(ExitCode.FAILURE)


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

    with open_journal() as database:
        written = backup_database(database, destination)
    say(f"Backed up {entries(written.entries)} to {written.path}")
    if database.encrypted:
        say("The backup is encrypted with the same passphrase as the journal.")


Remember = Annotated[
    bool,
    typer.Option(
        "--remember", help="Keep the passphrase in the OS keyring, so you are not asked for it."
    ),
]
Forget = Annotated[
    bool, typer.Option("--forget", help="Remove the passphrase from the OS keyring.")
]


def _warn_about_plaintext_copies(backups: tuple[Path, ...]) -> None:

    say(
        "Warning: backups and exports made before now are not changed: they stay plaintext, "
        "readable by anyone who can open them."
    )
    if backups:
        say(f"  {len(backups)} older backup(s) in {backups[0].parent}: delete them if unneeded.")


@app.command("encrypt")
def encrypt_command(remember: Remember = False) -> None:
    """Encrypt the journal with a passphrase (SQLCipher); asks for it twice.

    Without the passphrase nobody can read the journal, and neither can you: reflect cannot
    recover it. REFLECT_PASSPHRASE, if set, is used instead of asking.

    Example: reflect db encrypt --remember
    """

    paths = data_paths()
    check_can_encrypt(paths)
    if remember:
        access.check_keyring_usable()
    passphrase = access.new_passphrase()
    outcome = encrypt_journal(paths, passphrase)
    if remember:
        access.remember_passphrase(paths.database, passphrase)
        outcome = replace(outcome, remembered=True)
    say(f"Encrypted {outcome.path} ({entries(outcome.entries)}).")
    if outcome.remembered:
        say("The passphrase is in your OS keyring; `reflect db decrypt --forget` removes it.")
    else:
        say("Keep the passphrase safe: without it the journal cannot be opened.")
    _warn_about_plaintext_copies(outcome.older_copies)


@app.command("decrypt")
def decrypt_command(forget: Forget = False) -> None:
    """Remove the encryption: the journal becomes a plain SQLite file again.

    Example: reflect db decrypt --forget
    """

    paths = data_paths()
    check_can_decrypt(paths)
    outcome = decrypt_journal(paths, access.current_passphrase(paths.database))
    if forget:
        outcome = replace(outcome, forgotten=access.forget_passphrase(paths.database))
    say(f"Decrypted {outcome.path} ({entries(outcome.entries)}).")
    say("It is now readable by anyone with access to your user account.")
    if outcome.forgotten:
        say("The passphrase was removed from your OS keyring.")
    say("Backups made before now stay encrypted with the passphrase.")


@app.command("rekey")
def rekey_command(remember: Remember = False, forget: Forget = False) -> None:
    """Change the journal's passphrase; asks for the new one twice.

    REFLECT_PASSPHRASE (current) and REFLECT_NEW_PASSPHRASE (new), if set, are used instead of
    asking. A passphrase kept in the OS keyring is replaced by the new one.

    Example: reflect db rekey --remember
    """

    if remember and forget:
        raise typer.BadParameter("use --remember or --forget, not both")
    paths = data_paths()
    check_can_rekey(paths)
    if remember:
        access.check_keyring_usable()
    current = access.current_passphrase(paths.database)
    new = access.new_passphrase(access.NEW_PASSPHRASE_VARIABLE)
    # A passphrase already in the keyring is replaced by the new one (it would no longer open
    # the journal), unless --forget asks to remove it.
    was_remembered = access.remembered_passphrase(paths.database) is not None
    outcome = rekey_journal(paths, current, new)
    if forget:
        outcome = replace(outcome, forgotten=access.forget_passphrase(paths.database))
    elif remember or was_remembered:
        access.remember_passphrase(paths.database, new)
        outcome = replace(outcome, remembered=True)
    say(f"Changed the passphrase of {outcome.path} ({entries(outcome.entries)}).")
    if outcome.remembered:
        say("The new passphrase is in your OS keyring.")
    if outcome.forgotten:
        say("The passphrase was removed from your OS keyring.")
    if outcome.older_copies:
        say(
            f"Backups made before now, in {outcome.older_copies[0].parent}, still open with "
            "the old passphrase."
        )
