"""Opening the journal database: file checks, pragmas, encryption, migrations, transactions.

Every connection runs in WAL mode with foreign keys on, synchronous=FULL (an acknowledged answer
survives a crash or power cut), secure_delete on (erased text is zeroed, not left in free pages)
and a busy timeout, so two `reflect` processes wait for each other instead of failing with
"database is locked". Writes are short `BEGIN IMMEDIATE` transactions.

Every open journal also holds a shared advisory lock (flock) on the database file for as long as
it is open. Converting the journal (encrypt, decrypt, rekey) replaces the file, so it takes the
lock exclusively: it never swaps a file that another reflect is still writing to, and a reflect
started meanwhile waits and then opens the new file, never the replaced one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct

from reflect.clock import db_now
from reflect.errors import (
    NotADatabaseError,
    PassphraseRequiredError,
    StorageError,
    WrongPassphraseError,
)
from reflect.files import shred
from reflect.paths import DataPaths, check_trusted, create_private_file, ensure_private_folder
from reflect.store import migrations

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_SECONDS = 30.0
LOCK_POLL_SECONDS = 0.02
MIGRATION_TABLE = "reflect_migration"
# What a statement's ? or :name placeholders are filled from.
SqlParameters = Sequence[Any] | Mapping[str, Any]

try:  # flock exists on Linux and macOS; elsewhere the journal is used without the extra lock
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def file_kind(path: Path) -> str:
    """'missing', 'empty', 'sqlite' (plaintext header) or 'opaque' (encrypted, or not a db)."""
    try:
        header = _read_header(path)
    except FileNotFoundError:
        return "missing"
    except IsADirectoryError as exc:
        raise NotADatabaseError(
            f"{path} is a folder, not a reflect database.",
            "Point REFLECT_DB at a file, or unset it.",
        ) from exc
    except PermissionError as exc:
        raise StorageError(
            f"Cannot read the database {path}: permission denied.",
            "Make it readable and writable for your user (chmod u+rw).",
        ) from exc
    if not header:
        return "empty"
    return "sqlite" if header == SQLITE_HEADER else "opaque"


# What a driver error's text says -> the message ({path}: the journal) and the hint, first match.
_SQLITE_ERRORS: tuple[tuple[tuple[str, ...], type[StorageError], str, str], ...] = (
    (
        ("not a database", "file is encrypted"),
        NotADatabaseError,
        "{path} is not a reflect database.",
        "Point REFLECT_DB at your journal, or move this file away.",
    ),
    (
        ("malformed", "corrupt"),
        StorageError,
        "The database {path} is damaged.",
        "Run `reflect db check` for details; restore a copy made with `reflect db backup`.",
    ),
    (
        ("readonly", "read-only"),
        StorageError,
        "Cannot write to the database {path}: it or its folder is read-only.",
        "Make both writable for your user (chmod u+rw), then try again.",
    ),
    (
        ("disk is full",),
        StorageError,
        "Cannot write to {path}: the disk is full. Nothing was changed.",
        "Free some space, then try again.",
    ),
    (
        ("unable to open",),
        StorageError,
        "Cannot open the database {path}.",
        "Check that its folder exists and is writable for your user.",
    ),
    (
        ("locked", "busy"),
        StorageError,
        f"The database {{path}} stayed busy for {BUSY_TIMEOUT_SECONDS:.0f} seconds.",
        "Another reflect may be stuck; close it and try again.",
    ),
    (
        ("disk i/o", "i/o error"),
        StorageError,
        "Reading or writing {path} failed (disk I/O error). Nothing was changed.",
        "Check the disk has space and is writable, then try again.",
    ),
)


def describe_sqlite_error(error: BaseException, path: Path) -> StorageError:
    """Turn a driver error into a message a person can act on (never containing answer text)."""
    text = str(error).lower()
    for needles, kind, message, hint in _SQLITE_ERRORS:
        if any(needle in text for needle in needles):
            return kind(message.format(path=path), hint)
    return StorageError(f"The database {path} could not be used ({error}).")


class _HeldLock(Struct):
    descriptor: int
    exclusive: bool
    users: int = 1


# One descriptor per journal file per process. POSIX drops ALL of a process's fcntl locks on a
# file when ANY descriptor of that file is closed, and SQLite's locks are fcntl locks: closing a
# second descriptor while a connection is open would silently unlock it (see "How To Corrupt An
# SQLite Database File", 2.2). So the lock descriptor is shared, closed only after the last
# connection, and file_kind() reads through it rather than opening the file again.
_held_locks: dict[tuple[int, int], _HeldLock] = {}
_held_locks_guard = threading.Lock()


def _identity(status: os.stat_result) -> tuple[int, int]:
    return (status.st_dev, status.st_ino)


class JournalLock:
    """An advisory flock on the database file, shared by readers and writers, exclusive while
    the file is being replaced. flock locks are separate from the POSIX locks SQLite uses."""

    def __init__(self, identity: tuple[int, int] | None) -> None:
        self.identity = identity

    @classmethod
    def acquire(cls, path: Path, *, exclusive: bool, timeout: float) -> JournalLock:
        """Lock path, waiting up to timeout seconds; raises JournalBusyError when it cannot.

        Raises FileNotFoundError if there is no file at path.
        """
        if fcntl is None:  # pragma: no cover - Windows
            return cls(None)
        with _held_locks_guard:
            held = _held_locks.get(_identity(os.stat(path)))
            if held is not None:
                if exclusive or held.exclusive:  # this very process is using the journal
                    raise JournalBusyError(path, exclusive=exclusive)
                held.users += 1
                return cls(_identity(os.stat(path)))
        operation = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
        deadline = time.monotonic() + timeout
        while True:
            try:
                descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            except FileNotFoundError:
                raise
            except OSError as error:
                raise StorageError(
                    f"Cannot read the database {path}: {error.strerror or error}.",
                    "Make it readable and writable for your user (chmod u+rw).",
                ) from error
            try:
                fcntl.flock(descriptor, operation)
            except BlockingIOError:
                os.close(descriptor)
                if time.monotonic() >= deadline:
                    raise JournalBusyError(path, exclusive=exclusive) from None
                time.sleep(LOCK_POLL_SECONDS)
                continue
            # The file may have been replaced while this process waited: then the lock is on
            # the old file, and the new one at the same path is the journal to use.
            identity = _identity(os.fstat(descriptor))
            try:
                same_file = identity == _identity(os.stat(path))
            except FileNotFoundError:
                same_file = False
            if not same_file:
                os.close(descriptor)
                continue
            with _held_locks_guard:
                _held_locks[identity] = _HeldLock(descriptor, exclusive)
            return cls(identity)

    def release(self) -> None:
        if self.identity is None:
            return
        with _held_locks_guard:
            held = _held_locks[self.identity]
            held.users -= 1
            if held.users == 0:
                del _held_locks[self.identity]
                os.close(held.descriptor)  # closing the descriptor releases the flock
        self.identity = None


def _read_header(path: Path) -> bytes:
    """The first bytes of path, read through this process's lock descriptor when it has one."""
    with _held_locks_guard:
        try:
            held = _held_locks.get(_identity(os.stat(path)))
        except FileNotFoundError:
            held = None
        if held is not None:
            return os.pread(held.descriptor, len(SQLITE_HEADER), 0)
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER))


class JournalBusyError(StorageError):
    def __init__(self, path: Path, *, exclusive: bool) -> None:
        if exclusive:
            super().__init__(
                f"Another reflect is using the journal {path}.",
                "Close it (or wait for it to finish), then try again.",
            )
        else:
            super().__init__(
                f"The journal {path} is being converted (encrypt, decrypt or rekey) by another "
                "reflect.",
                "Wait for it to finish, then try again.",
            )


class Database:
    """An open journal: one DB-API connection with reflect's pragmas and schema applied."""

    def __init__(
        self,
        connection: Any,
        path: Path,
        *,
        passphrase: str | None = None,
        lock: JournalLock | None = None,
    ) -> None:
        self.connection = connection
        self.path = path
        self.passphrase = passphrase
        self.encrypted = passphrase is not None
        self.errors: tuple[type[BaseException], ...] = driver_errors(self.encrypted)
        self.lock = lock

    def execute(self, sql: str, parameters: SqlParameters = ()) -> Any:
        try:
            return self.connection.execute(sql, parameters)
        except self.errors as error:
            raise describe_sqlite_error(error, self.path) from error

    def query(self, sql: str, parameters: SqlParameters = ()) -> list[Any]:
        rows: list[Any] = self.execute(sql, parameters).fetchall()
        return rows

    def query_one(self, sql: str, parameters: SqlParameters = ()) -> Any:
        return self.execute(sql, parameters).fetchone()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        """One short write transaction; commits on success, rolls back on any exception."""
        cursor = self.connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE")
        except self.errors as error:
            raise describe_sqlite_error(error, self.path) from error
        try:
            yield cursor
            cursor.execute("COMMIT")
        except BaseException as error:
            with contextlib.suppress(*self.errors):
                cursor.execute("ROLLBACK")
            if isinstance(error, self.errors):
                raise describe_sqlite_error(error, self.path) from error
            raise

    def close(self) -> None:
        with contextlib.suppress(*self.errors):
            self.connection.close()
        # Only after the connection: closing any descriptor of the file drops this process's
        # POSIX locks on it, and SQLite's locks must not go away under an open connection.
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _driver(encrypted: bool) -> Any:
    if not encrypted:
        return sqlite3
    try:
        import sqlcipher3
    except ImportError as exc:  # pragma: no cover - sqlcipher3 is a default dependency
        raise StorageError(
            "This journal is encrypted, but the SQLCipher driver (sqlcipher3) is not installed.",
            "Reinstall reflect with its default dependencies.",
        ) from exc
    return sqlcipher3


def driver_errors(encrypted: bool) -> tuple[type[BaseException], ...]:
    """The exception classes of the driver in use (sqlcipher3 has its own hierarchy)."""
    if not encrypted:
        return (sqlite3.Error,)
    return (sqlite3.Error, _driver(True).Error)


def quote_passphrase(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def connect(path: Path, *, passphrase: str | None = None, sqlcipher: bool = False) -> Any:
    """A raw connection with reflect's pragmas, without touching the schema.

    sqlcipher=True opens even a plaintext file with the SQLCipher driver, which can ATTACH an
    encrypted database next to it (used to convert a journal).
    """
    encrypted = passphrase is not None
    driver = _driver(encrypted or sqlcipher)
    try:
        connection = driver.connect(
            str(path), timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False
        )
    except driver_errors(encrypted or sqlcipher) as error:
        raise describe_sqlite_error(error, path) from error
    try:
        if encrypted or sqlcipher:
            # SQLCipher logs a failed key check to stderr; reflect reports it in its own words.
            connection.execute("PRAGMA cipher_log_level = NONE")
        if encrypted:
            connection.execute(f"PRAGMA key = {quote_passphrase(passphrase or '')}")
        # Reading the schema is the first real access: it fails here for a wrong key or a
        # file that is not a database, before anything could be written.
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute("PRAGMA secure_delete = ON")
    except driver_errors(encrypted or sqlcipher) as error:
        connection.close()
        if encrypted and "not a database" in str(error).lower():
            raise WrongPassphraseError(
                f"Wrong passphrase: {path} could not be opened with it. Nothing was changed.",
                "Check REFLECT_PASSPHRASE, the OS keyring or the passphrase you typed; if the "
                "file is not your encrypted journal, point REFLECT_DB at your journal.",
            ) from error
        raise describe_sqlite_error(error, path) from error
    return connection


def _applied_migrations(connection: Any) -> set[str] | None:
    """Names of applied migrations, or None if this SQLite file is not a reflect journal."""
    tables = {
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
        ).fetchall()
    }
    if MIGRATION_TABLE in tables:
        return {row[0] for row in connection.execute(f"SELECT name FROM {MIGRATION_TABLE}")}
    if tables:
        return None
    return set()


def migrate(connection: Any, path: Path) -> list[str]:
    """Apply pending migrations, each in one transaction with its record. Returns their names."""
    applied = _applied_migrations(connection)
    if applied is None:
        raise NotADatabaseError(
            f"{path} is an SQLite database, but not a reflect journal.",
            "Point REFLECT_DB at your journal, or move this file away.",
        )
    known = {name for name, _ in migrations.MIGRATIONS}
    if applied - known:
        raise StorageError(
            f"{path} was written by a newer version of reflect.",
            "Upgrade reflect to open it (your data is unchanged).",
        )
    # WAL is a property of the file: set once, it stays. Checked only after the file is known to
    # be a reflect journal (or empty), so a foreign database is never modified.
    if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
        connection.execute("PRAGMA journal_mode = WAL")
    pending = [name for name, _ in migrations.MIGRATIONS if name not in applied]
    if not pending:
        return []
    done: list[str] = []
    for name, function in migrations.MIGRATIONS:
        cursor = connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {MIGRATION_TABLE} "
                "(name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)"
            )
            # Re-check inside the lock: another process may have migrated meanwhile.
            if cursor.execute(
                f"SELECT 1 FROM {MIGRATION_TABLE} WHERE name = ?", (name,)
            ).fetchone():
                cursor.execute("COMMIT")
                continue
            function(cursor)
            cursor.execute(
                f"INSERT INTO {MIGRATION_TABLE} (name, applied_at) VALUES (?, ?)", (name, db_now())
            )
            cursor.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                cursor.execute("ROLLBACK")
            raise
        done.append(name)
    return done


CONVERTING_SUFFIX = ".converting"


def conversion_leftovers(database_path: Path) -> list[Path]:
    """Copies (and their SQLite companion files) written by encrypt, decrypt or rekey beside
    the real journal file: `.journal.db.XXXX.converting`, `...converting-journal`."""
    real = Path(os.path.realpath(database_path))
    return sorted(real.parent.glob(f".{real.name}.*{CONVERTING_SUFFIX}*"))


def remove_conversion_leftovers(database_path: Path) -> None:
    """Shred every converted copy left by an interrupted conversion (only call this while
    holding the journal's lock, so that no conversion is writing them)."""
    for leftover in conversion_leftovers(database_path):
        shred(leftover)


def open_database(paths: DataPaths, *, passphrase: str | None = None) -> Database:
    """Open (creating if needed) the journal at paths.database and bring its schema up to date.

    passphrase is used only if the file turns out to be encrypted.
    """
    database_path = paths.database
    ensure_private_folder(paths.home)
    check_trusted(paths.home, what="data folder")
    if database_path.parent != paths.home:
        ensure_private_folder(database_path.parent)
    if file_kind(database_path) == "missing":
        # Through a link (REFLECT_DB may be one, even one whose file is not there yet): the file
        # it points to.
        create_private_file(Path(os.path.realpath(database_path)))
    try:
        lock = JournalLock.acquire(database_path, exclusive=False, timeout=BUSY_TIMEOUT_SECONDS)
    except FileNotFoundError as error:
        raise StorageError(
            f"The database {database_path} disappeared while reflect was opening it.",
            "Try again.",
        ) from error
    try:
        return _open_locked(database_path, passphrase, lock)
    except BaseException:
        lock.release()
        raise


def _open_locked(database_path: Path, passphrase: str | None, lock: JournalLock) -> Database:
    # Holding the shared lock, no conversion can be running (it holds the lock exclusively for
    # its whole length): a converted copy still beside the journal was left by one that died.
    remove_conversion_leftovers(database_path)
    # Looked at again under the lock: the file may have been encrypted or decrypted meanwhile.
    kind = file_kind(database_path)
    if kind == "opaque" and passphrase is None:
        raise PassphraseRequiredError(
            f"{database_path} is not a reflect database, or it is encrypted.",
            "If it is your encrypted journal, set REFLECT_PASSPHRASE or use the OS keyring "
            "(`reflect db encrypt --remember`).",
        )
    if kind != "opaque":
        passphrase = None  # a plaintext journal: a passphrase from elsewhere is not needed
    if not os.access(database_path, os.W_OK):
        raise StorageError(
            f"Cannot write to the database {database_path}: it is read-only.",
            "Make it writable for your user (chmod u+rw), then try again.",
        )
    connection = connect(database_path, passphrase=passphrase)
    try:
        migrate(connection, database_path)
    except driver_errors(passphrase is not None) as error:
        connection.close()
        raise describe_sqlite_error(error, database_path) from error
    except BaseException:
        connection.close()
        raise
    return Database(connection, database_path, passphrase=passphrase, lock=lock)
