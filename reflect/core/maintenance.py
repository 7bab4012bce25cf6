"""Checking and backing up the journal."""

from __future__ import annotations

from pathlib import Path

from reflect.clock import utc_now
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
    target = default_backup_path() if destination is None else destination.expanduser().absolute()
    if target.is_dir():
        target = target / default_backup_path().name
    return backup_to(database, target)
