"""Opening the journal at given paths with a given passphrase: the schema brought up to date,
editor files a killed reflect left behind recovered, and dates from older versions noted.

Nothing here reads the environment, the keyring or the terminal for a passphrase: the CLI
(reflect.cli.access) and the library API (reflect.open_journal) resolve it and pass it in.
"""

from __future__ import annotations

from pathlib import Path

from reflect.clock import DATE_RANGE
from reflect.core.editor import recover_leftovers
from reflect.paths import DataPaths, editor_files_in

# The open journal, re-exported so the CLI can name its type without importing the store.
from reflect.store.database import Database as Database
from reflect.store.database import file_kind, open_database
from reflect.store.maintenance import count_live_dates_out_of_range

_notices: list[str] = []
_dates_checked: set[Path] = set()


def pending_notices() -> list[str]:
    """Warnings about the journal for the person (the CLI prints them once, on stderr)."""
    notices = list(_notices)
    _notices.clear()
    return notices


def is_encrypted(database: Path) -> bool:
    """The journal file is there and is not plain SQLite (so it takes a passphrase)."""

    return file_kind(database) == "opaque"


def open_journal(paths: DataPaths, *, passphrase: str | None = None) -> Database:
    """Open (creating if needed) the journal at paths.database; passphrase is used only if the
    file is encrypted (a wrong or missing one raises PassphraseRequiredError)."""

    database = open_database(paths, passphrase=passphrase)
    try:
        _recover_editor_leftovers(database, paths.home)
        _note_dates_out_of_range(database)
    except BaseException:
        database.close()
        raise
    return database


def _recover_editor_leftovers(database: Database, home: Path) -> None:
    """Editor files a killed reflect left behind: changed words kept as drafts, files shredded."""
    if not editor_files_in(home):
        return  # the usual case: nothing to recover

    recovery = recover_leftovers(database, home)
    for entry_id in recovery.kept:
        _notices.append(
            f"Kept the words of an editor session that was cut off as a private draft note "
            f"({entry_id[:8]}): `reflect list --drafts` shows it."
        )


def _note_dates_out_of_range(database: Database) -> None:
    """One warning per process when an older version let in a date outside the years reflect
    keeps: commands show the nearest date in range and leave it out of trends."""

    if database.path in _dates_checked:
        return
    _dates_checked.add(database.path)
    count = count_live_dates_out_of_range(database)
    if count:
        things = "entry or session has a date" if count == 1 else "entries or sessions have dates"
        _notices.append(
            f"Warning: {count} {things} outside the years reflect keeps ({DATE_RANGE}), from "
            "an older version: shown as the nearest date in that range and left out of trends. "
            "`reflect db check` names them."
        )
