"""Converting the journal file between plaintext and SQLCipher encryption, or to a new key.

All three conversions take the same safe path: with an exclusive lock on the journal (no other
reflect has it open, none can open it meanwhile), SQLCipher's sqlcipher_export() writes a
complete converted copy beside the journal; the copy is opened again with its new key and
verified (integrity check, search index check, the same number of rows in every table),
flushed to disk, and only then renamed over the journal in one atomic step. Until that rename
the journal is untouched; after it, no plaintext file, WAL or shared-memory file remains.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from msgspec import Struct

from reflect.errors import StorageError
from reflect.files import shred
from reflect.paths import FILE_MODE
from reflect.store.database import (
    CONVERTING_SUFFIX,
    JournalLock,
    connect,
    describe_sqlite_error,
    driver_errors,
    file_kind,
    migrate,
    remove_conversion_leftovers,
)

CONVERSION_LOCK_TIMEOUT_SECONDS = 5.0
CONVERTED_SCHEMA = "converted"


class ConversionResult(Struct, frozen=True):
    path: Path
    entries: int
    encrypted: bool


def companion_files(path: Path) -> list[Path]:
    """SQLite's files beside a database: write-ahead log, its shared-memory index, and the
    rollback journal an attached database uses while it is written."""
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def convert_database(path: Path, *, current: str | None, new: str | None) -> ConversionResult:
    """Rewrite the journal at path, opened with passphrase current (None: plaintext), so that
    it opens with passphrase new (None: plaintext). A wrong current passphrase changes nothing.
    """
    # REFLECT_DB may be a symbolic link: the real file is converted and the link kept (a rename
    # over the link would leave the plaintext journal it points to untouched).
    real = Path(os.path.realpath(path))
    lock = _lock_exclusively(real)
    try:
        result = _convert_locked(real, current=current, new=new)
    finally:
        lock.release()
    return ConversionResult(path=path, entries=result.entries, encrypted=result.encrypted)


def _lock_exclusively(path: Path) -> JournalLock:
    try:
        return JournalLock.acquire(path, exclusive=True, timeout=CONVERSION_LOCK_TIMEOUT_SECONDS)
    except FileNotFoundError as error:
        raise StorageError(f"There is no journal at {path} yet.") from error


def _convert_locked(path: Path, *, current: str | None, new: str | None) -> ConversionResult:
    expected = "opaque" if current is not None else "sqlite"
    if file_kind(path) != expected:
        raise StorageError(f"{path} changed while reflect was converting it; nothing was done.")
    errors = driver_errors(True)
    source = connect(path, passphrase=current, sqlcipher=True)  # wrong passphrase: stops here
    converted: Path | None = None
    try:
        try:
            migrate(source, path)  # converts only a known, up-to-date reflect journal
            counts = _row_counts(source, "main")
            converted = _new_sibling(path)
            source.execute(
                f"ATTACH DATABASE ? AS {CONVERTED_SCHEMA} KEY ?", (str(converted), new or "")
            )
            source.execute(f"SELECT sqlcipher_export('{CONVERTED_SCHEMA}')")
            source.execute(f"DETACH DATABASE {CONVERTED_SCHEMA}")
        except errors as error:
            raise describe_sqlite_error(error, path) from error
        finally:
            # The last connection to a WAL journal checkpoints it and removes its WAL file.
            with contextlib.suppress(*errors):
                source.close()
        _verify(converted, new, counts)
        _flush(converted)
        # No reflect has the journal open (the exclusive lock), so leftovers of the old file's
        # WAL or shared memory belong to nobody; they must not outlive the plaintext file.
        for leftover in companion_files(path):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        os.chmod(converted, FILE_MODE)
        os.replace(converted, path)
        _flush_folder(path.parent)
    except BaseException:
        for partial in [converted, *companion_files(converted)] if converted else []:
            shred(partial)  # a decrypted copy holds plaintext
        raise
    return ConversionResult(path=path, entries=counts.get("entry", 0), encrypted=new is not None)


def _new_sibling(path: Path) -> Path:
    """An empty 0600 file in the journal's folder, so the final rename stays on one filesystem.

    Copies left by a conversion that was killed are removed first: under the exclusive lock no
    other conversion can be writing them.
    """
    remove_conversion_leftovers(path)
    try:
        descriptor, name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=CONVERTING_SUFFIX, dir=path.parent
        )
    except OSError as error:
        raise StorageError(
            f"Cannot write a converted copy in {path.parent}: {error.strerror or error}.",
            "Make the folder writable and free some space, then try again.",
        ) from error
    os.close(descriptor)
    return Path(name)


def _row_counts(connection: Any, schema: str) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
        ).fetchall()
    ]
    return {
        table: connection.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0]
        for table in tables
    }


def _verify(converted: Path, passphrase: str | None, expected: dict[str, int]) -> None:
    """Open the copy the way reflect will open it from now on, and check it is complete."""
    errors = driver_errors(True)
    connection = connect(converted, passphrase=passphrase, sqlcipher=True)
    try:
        problems = [row[0] for row in connection.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            raise StorageError(
                "The converted copy failed its integrity check; your journal was not changed.",
                "Run `reflect db check`, then try again.",
            )
        connection.execute("INSERT INTO answer_fts (answer_fts) VALUES ('integrity-check')")
        if _row_counts(connection, "main") != expected:
            raise StorageError(
                "The converted copy does not hold every row; your journal was not changed.",
                "Try again; if it keeps failing, report a bug.",
            )
        connection.execute("PRAGMA journal_mode = WAL")
    except errors as error:
        raise describe_sqlite_error(error, converted) from error
    finally:
        with contextlib.suppress(*errors):
            connection.close()


def _flush(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _flush_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: fsync the directory)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory descriptors
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
