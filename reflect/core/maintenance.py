"""Checking and backing up the journal."""

from __future__ import annotations

from pathlib import Path

from reflect.clock import utc_now
from reflect.errors import StorageError
from reflect.files import output_target, place_file
from reflect.paths import data_paths, ensure_private_folder
from reflect.store.database import Database
from reflect.store.maintenance import BackupResult, CheckResult, backup_to, check_database

__all__ = ["BackupResult", "CheckResult", "backup_database", "check_database"]


def default_backup_path() -> Path:
    folder = ensure_private_folder(data_paths().backups)
    stamp = utc_now().astimezone().strftime("%Y%m%d-%H%M%S")
    candidate = folder / f"journal-{stamp}.db"
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = folder / f"journal-{stamp}-{counter}.db"
    return candidate


def backup_database(database: Database, destination: Path | None) -> BackupResult:
    """A backup in the backups folder, or where the person asked (checked by reflect.files: never
    over the journal, its settings or inside the data folder; a device, FIFO or `-` as a stream).
    """
    if destination is None:
        return backup_to(database, default_backup_path())
    given = destination.expanduser().absolute() if str(destination) != "-" else destination
    try:
        if str(given) != "-" and given.is_dir():
            given = given / default_backup_path().name
    except OSError as error:  # a name too long for the file system, a folder you cannot enter
        raise StorageError(f"Cannot write {given} ({error.strerror or error}).") from error
    target = output_target(given)
    if target.kind == "file":
        assert target.path is not None
        result = backup_to(database, target.path)
        return BackupResult(path=given, entries=result.entries)
    # A stream has no file to rename into: the backup is made (and checked) privately in the
    # backups folder, then copied into the stream and removed.
    staged = backup_to(database, default_backup_path())
    place_file(staged.path, target)
    return BackupResult(path=Path(target.shown), entries=staged.entries)
