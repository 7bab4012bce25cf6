"""`reflect sync [FOLDER]`: exchange encrypted changes with your other devices through a folder.

Thin: the folder comes from the argument or `sync.folder` in config.yaml, the passphrase from
reflect.core.access; the work is in reflect.core.sync.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from reflect.cli.access import (
    KeyringUnavailableError,
    check_keyring_usable,
    open_journal,
    remember_sync_passphrase,
    sync_passphrase,
)
from reflect.cli.options import JsonOption
from reflect.config import load_config
from reflect.core import sync
from reflect.core.sync import SyncReport
from reflect.errors import SyncError
from reflect.paths import data_paths
from reflect.render import console
from reflect.render.console import say, stderr_console


def sync_command(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FOLDER]",
            help="The folder your sync tool moves between devices (default: sync.folder in "
            "config.yaml).",
            show_default=False,
        ),
    ] = None,
    show_status: Annotated[
        bool,
        typer.Option("--status", help="Say what a sync would send and receive; change nothing."),
    ] = False,
    remember: Annotated[
        bool,
        typer.Option(
            "--remember", help="Keep the sync passphrase in the OS keyring once it has worked."
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Sync this journal with your other devices through a folder, end-to-end encrypted.

    Example: reflect sync ~/Sync/reflect
    """

    paths = data_paths()
    if folder is None:
        configured = load_config(paths.config).sync.folder
        if not configured:
            raise SyncError(
                "No sync folder given, and none is set in config.yaml.",
                "Run `reflect sync FOLDER`, or set sync.folder with `reflect config edit`.",
            )
        folder = Path(configured)
    if show_status:
        checked = folder.expanduser().absolute()
        with open_journal() as database:
            state = sync.status(database, checked)
        if json_output:
            typer.echo(json.dumps(state.to_json_dict(), indent=2))
            return
        say(f"Sync folder: {checked}")
        say(f"This device: {state.device or 'not synced yet'}; {state.files_written} files sent.")
        say(f"Waiting to be sent: {state.unsent_changes} changes.")
        if state.waiting_files is not None:
            say(f"Waiting to be merged: {state.waiting_files} files from other devices.")
        for device, files, changes, last in state.devices:
            say(f"From device {device}: {files} files, {changes} changes, last merged {last[:16]}.")
        return
    if remember:
        try:
            check_keyring_usable()
        except KeyringUnavailableError as error:
            raise SyncError(
                "No OS keyring is available on this machine, so the sync passphrase cannot be "
                "remembered. Nothing was changed.",
                "Leave out --remember and type the passphrase (or set REFLECT_SYNC_PASSPHRASE).",
            ) from error
    folder = sync.check_folder(folder, paths.database, paths.home)
    passphrase = sync_passphrase(folder, new_folder=not (folder / sync.KEY_FILE).exists())
    with open_journal() as database:
        if console.is_interactive() and not json_output:
            from rich.progress import Progress

            # Opening the folder's key the first time takes seconds (age's scrypt): the bar
            # shows from the start, then counts the other devices' files as they are merged.
            with Progress(transient=True, console=stderr_console()) as bar:
                task = bar.add_task("Opening the sync folder", total=None)
                report = sync.sync(
                    database,
                    folder,
                    passphrase,
                    progress=lambda done, total: bar.update(
                        task,
                        description="Merging other devices' changes",
                        completed=done,
                        total=total,
                    ),
                )
        else:
            report = sync.sync(database, folder, passphrase)
    if remember:
        remember_sync_passphrase(folder, passphrase)
    if json_output:
        typer.echo(json.dumps(report.to_json_dict(), indent=2))
    else:
        for name, why in report.skipped:
            say(f"Skipped {name}: {why}. It will be tried again next time.")
        say(summary(report))


def summary(report: object) -> str:
    """One line, e.g. "3 entries from laptop, 1 sent."."""

    assert isinstance(report, SyncReport)
    received = [
        f"{count} {'entry' if count == 1 else 'entries'} from {name}"
        for name, count in sorted(report.entries_from.items())
    ]
    sent = report.sent_entries
    parts = received or ["nothing new from other devices"]
    parts.append(f"{sent} sent" if sent else "nothing to send")
    if report.erased:
        parts.append(f"{report.erased} erased as asked on another device")
    return ", ".join(parts) + "."


def register(app: typer.Typer) -> None:
    app.command("sync")(sync_command)
