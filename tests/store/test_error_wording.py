"""What a person reads when SQLite refuses: each driver error becomes reflect's own sentence
and hint (the promise of a clear one-line message), of the right kind, naming the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reflect.errors import NotADatabaseError, StorageError
from reflect.store.database import JournalBusyError, describe_sqlite_error

PATH = Path("/data/reflect/journal.db")

NOT_A_DATABASE = (
    NotADatabaseError,
    f"{PATH} is not a reflect database.",
    "Point REFLECT_DB at your journal, or move this file away.",
)
DAMAGED = (
    StorageError,
    f"The database {PATH} is damaged.",
    "Run `reflect db check` for details; restore a copy made with `reflect db backup`.",
)
READ_ONLY = (
    StorageError,
    f"Cannot write to the database {PATH}: it or its folder is read-only.",
    "Make both writable for your user (chmod u+rw), then try again.",
)
DISK_FULL = (
    StorageError,
    f"Cannot write to {PATH}: the disk is full. Nothing was changed.",
    "Free some space, then try again.",
)
CANNOT_OPEN = (
    StorageError,
    f"Cannot open the database {PATH}.",
    "Check that its folder exists and is writable for your user.",
)
BUSY = (
    StorageError,
    f"The database {PATH} stayed busy for 30 seconds.",
    "Another reflect may be stuck; close it and try again.",
)
DISK_IO = (
    StorageError,
    f"Reading or writing {PATH} failed (disk I/O error). Nothing was changed.",
    "Check the disk has space and is writable, then try again.",
)

# The texts SQLite and SQLCipher really use, and the other spellings each branch accepts.
DRIVER_TEXTS = {
    "file is not a database": NOT_A_DATABASE,
    "file is encrypted or is not a database": NOT_A_DATABASE,
    "File Is Encrypted": NOT_A_DATABASE,
    "database disk image is malformed": DAMAGED,
    "the index is corrupt": DAMAGED,
    "attempt to write a readonly database": READ_ONLY,
    "the medium is read-only": READ_ONLY,
    "database or disk is full": DISK_FULL,
    "the disk is full": DISK_FULL,
    "unable to open database file": CANNOT_OPEN,
    "database is locked": BUSY,
    "database table is busy": BUSY,
    "disk I/O error": DISK_IO,
    "an I/O error occurred": DISK_IO,
    "disk I/O failed": DISK_IO,
}


@pytest.mark.parametrize("text", DRIVER_TEXTS, ids=DRIVER_TEXTS.keys())
def test_each_driver_error_reads_as_reflects_own_sentence_and_hint(text: str):
    kind, message, hint = DRIVER_TEXTS[text]
    error = describe_sqlite_error(sqlite3.OperationalError(text), PATH)
    assert type(error) is kind
    assert (error.message, error.hint) == (message, hint)


def test_an_unknown_driver_error_is_named_with_the_file_and_no_hint():
    error = describe_sqlite_error(sqlite3.OperationalError("no such savepoint: x"), PATH)
    assert type(error) is StorageError
    assert error.message == f"The database {PATH} could not be used (no such savepoint: x)."
    assert error.hint is None


def test_a_busy_journal_names_who_holds_it_and_what_to_do():
    exclusive = JournalBusyError(PATH, exclusive=True)
    assert exclusive.message == f"Another reflect is using the journal {PATH}."
    assert exclusive.hint == "Close it (or wait for it to finish), then try again."
    shared = JournalBusyError(PATH, exclusive=False)
    assert shared.message == (
        f"The journal {PATH} is being converted (encrypt, decrypt or rekey) by another reflect."
    )
    assert shared.hint == "Wait for it to finish, then try again."
    assert isinstance(shared, StorageError)
