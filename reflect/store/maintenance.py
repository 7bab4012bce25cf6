"""Integrity checks and online backups at the SQLite level."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from reflect.clock import DATE_RANGE, EARLIEST_DB_TIME, LATEST_DB_TIME
from reflect.errors import ReflectError, StorageError
from reflect.paths import FILE_MODE
from reflect.store.database import (
    Database,
    JournalLock,
    connect,
    describe_sqlite_error,
    driver_errors,
    file_kind,
    remove_conversion_leftovers,
)


class CheckResult(Struct):
    path: Path
    ok: bool
    entries: int = 0
    problems: list[str] = field(default_factory=list)
    # Not damage: what other commands work around (dates an older version let in).
    warnings: list[str] = field(default_factory=list)


_OUT_OF_RANGE_ROWS = (
    # (what, id column, date column, table, the date's name): every stored date a command uses.
    ("entry", "id", "created_at", "entry", "date"),
    ("entry", "id", "updated_at", "entry", "last change"),
    ("entry", "id", "completed_at", "entry", "completion"),
    ("entry", "entry_id", "answered_at", "answer", "time of an answer"),
    ("therapy session", "id", "held_on", "therapy_session", "date"),
)


def dates_out_of_range(connection: Any, *, limit: int = 50) -> list[str]:
    """Sentences naming each entry or session with a date outside the years reflect keeps."""
    found: list[str] = []
    seen: set[tuple[str, str]] = set()
    for what, id_column, column, table, name in _OUT_OF_RANGE_ROWS:
        rows = connection.execute(
            f"SELECT DISTINCT {id_column}, {column} FROM {table} "
            f"WHERE {column} < ? OR {column} > ? LIMIT ?",
            (EARLIEST_DB_TIME, LATEST_DB_TIME, limit),
        ).fetchall()
        for identifier, moment in rows:
            if (what, identifier) in seen:
                continue
            seen.add((what, identifier))
            found.append(
                f"{what} {identifier[:8]}: its {name} ({moment[:10]}) is outside the years "
                f"reflect keeps ({DATE_RANGE}); other commands use the nearest date in that "
                "range instead" + (", and trends leave it out" if name == "date" else "")
            )
    return found[:limit]


def count_live_dates_out_of_range(database: Database) -> int:
    """Entries (not in the trash) and sessions dated outside the range: a seek on each time index,
    so this costs the same at any journal size."""
    bounds = (EARLIEST_DB_TIME, LATEST_DB_TIME)
    row = database.query_one(
        "SELECT (SELECT count(*) FROM entry WHERE trashed_at IS NULL AND created_at < ?1)"
        " + (SELECT count(*) FROM entry WHERE trashed_at IS NULL AND created_at > ?2)"
        " + (SELECT count(*) FROM therapy_session WHERE held_on < ?1)"
        " + (SELECT count(*) FROM therapy_session WHERE held_on > ?2)",
        bounds,
    )
    return int(row[0])


def _shred_conversion_leftovers(path: Path) -> None:
    """Under the shared lock (no conversion can be running then); a conversion that is running
    holds the lock exclusively, and its copy is not a leftover."""
    try:
        lock = JournalLock.acquire(path, exclusive=False, timeout=0)
    except (FileNotFoundError, StorageError):  # busy (JournalBusyError) or unreadable
        return
    try:
        remove_conversion_leftovers(path)
    finally:
        lock.release()


def check_database(path: Path, *, passphrase: str | None) -> CheckResult:
    """Run SQLite's integrity and foreign-key checks and FTS5's own check. Never writes to the
    journal; a converted copy an interrupted conversion left beside it is shredded first, as
    every command that opens the journal does."""
    kind = file_kind(path)
    if kind in ("missing", "empty"):
        return CheckResult(path=path, ok=True)
    _shred_conversion_leftovers(path)
    encrypted = kind == "opaque"
    try:
        connection = connect(path, passphrase=passphrase if encrypted else None)
    except ReflectError as error:
        if kind == "sqlite":
            return CheckResult(path=path, ok=False, problems=[error.message])
        raise
    problems: list[str] = []
    warnings: list[str] = []
    entries = 0
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        problems.extend(row[0] for row in rows if row[0] != "ok")
        if not problems:
            problems.extend(
                f"entry link broken in table {row[0]} (row {row[1]})"
                for row in connection.execute("PRAGMA foreign_key_check").fetchall()
            )
            entries = connection.execute("SELECT count(*) FROM entry").fetchone()[0]
            connection.execute("INSERT INTO answer_fts (answer_fts) VALUES ('integrity-check')")
            warnings = dates_out_of_range(connection)
    except driver_errors(encrypted) as error:
        problems.append(_damage_described(error, path, encrypted=encrypted))
    finally:
        connection.close()
    return CheckResult(
        path=path, ok=not problems, entries=entries, problems=problems, warnings=warnings
    )


def _damage_described(error: BaseException, path: Path, *, encrypted: bool) -> str:
    """What a failed check means. SQLCipher checks every page of an encrypted journal against
    its key (an HMAC) and reports a page that fails as a bare "SQL logic error"."""
    if encrypted and "sql logic error" in str(error).lower():
        return (
            f"Part of the encrypted journal {path} fails its integrity check: the file was "
            "changed or damaged on disk after it was written (the passphrase itself is right)."
        )
    return describe_sqlite_error(error, path).message


class BackupResult(Struct):
    path: Path
    entries: int


def backup_to(database: Database, destination: Path) -> BackupResult:
    """Copy the journal with SQLite's online backup API into destination (must not exist).

    The copy is made in one step under a read transaction, so it is a consistent snapshot even
    while another process writes. It is written beside the destination and renamed into place,
    so an interrupted backup never leaves a half-written file under the final name.
    """
    partial = destination.with_name(destination.name + ".partial")
    try:
        if destination.exists():
            raise StorageError(
                f"{destination} already exists; reflect will not overwrite it.",
                "Choose another file name, or move the old backup away.",
            )
        if not destination.parent.is_dir():
            raise StorageError(
                f"Cannot write the backup: the folder {destination.parent} does not exist."
            )
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except OSError as error:  # the name too long (with .partial added), no permission, ...
        raise StorageError(
            f"Cannot write the backup to {destination}: {error.strerror or error}."
        ) from error
    try:
        # SQLCipher: the online backup API needs both sides keyed the same way.
        target = connect(partial, passphrase=database.passphrase)
        try:
            database.connection.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            # The online backup copies pages as they are: a damaged journal would give a
            # damaged copy that looks like a good backup. Check the copy before naming it.
            if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise StorageError(
                    f"The journal {database.path} is damaged, so no backup was written.",
                    "Run `reflect db check` for details; keep your older backups.",
                )
            entries = target.execute("SELECT count(*) FROM entry").fetchone()[0]
        finally:
            target.close()
        os.replace(partial, destination)
    except driver_errors(database.encrypted) as error:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise describe_sqlite_error(error, destination) from error
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
        raise
    return BackupResult(path=destination, entries=entries)
