"""Encrypting, decrypting and re-keying the journal (the file work is in reflect.store).

Each operation checks what the journal is now and converts the file with the passphrases it is
given; the CLI (reflect.cli.db) asks for them and keeps the OS keyring in step.
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct

from reflect.errors import StorageError
from reflect.paths import DataPaths
from reflect.store.database import file_kind
from reflect.store.encryption import convert_database


class EncryptionOutcome(Struct, frozen=True):
    path: Path
    entries: int
    encrypted: bool
    remembered: bool = False
    forgotten: bool = False
    older_copies: tuple[Path, ...] = ()


def _journal_kind(path: Path) -> str:

    kind = file_kind(path)
    if kind in ("missing", "empty"):
        raise StorageError(
            f"There is no journal at {path} yet.",
            "Write something first (for example `reflect note`), then encrypt it.",
        )
    return kind


def _older_copies(home: Path) -> tuple[Path, ...]:
    """Backups made before now: a conversion does not touch them."""
    backups = home / "backups"
    if not backups.is_dir():
        return ()
    return tuple(sorted(path for path in backups.iterdir() if path.is_file()))


def check_can_encrypt(paths: DataPaths) -> None:
    """Raise unless there is a plaintext journal to encrypt (asked before any passphrase)."""
    if _journal_kind(paths.database) == "opaque":
        raise StorageError(
            f"{paths.database} is already encrypted (or is not a reflect database).",
            "To change the passphrase, use `reflect db rekey`.",
        )


def check_can_decrypt(paths: DataPaths) -> None:
    """Raise unless there is an encrypted journal to decrypt."""
    if _journal_kind(paths.database) == "sqlite":
        raise StorageError(f"{paths.database} is not encrypted; there is nothing to decrypt.")


def check_can_rekey(paths: DataPaths) -> None:
    """Raise unless there is an encrypted journal whose passphrase can change."""
    if _journal_kind(paths.database) == "sqlite":
        raise StorageError(
            f"{paths.database} is not encrypted.",
            "To encrypt it, use `reflect db encrypt`.",
        )


def _convert(paths: DataPaths, current: str | None, new: str | None) -> EncryptionOutcome:
    """Convert the file (store.encryption) and say what it is now; an encrypted result names
    the backups made before, which stay as they were."""

    result = convert_database(paths.database, current=current, new=new)
    encrypted = new is not None
    return EncryptionOutcome(
        path=result.path,
        entries=result.entries,
        encrypted=encrypted,
        older_copies=_older_copies(paths.home) if encrypted else (),
    )


def encrypt_journal(paths: DataPaths, passphrase: str) -> EncryptionOutcome:
    check_can_encrypt(paths)
    return _convert(paths, None, passphrase)


def decrypt_journal(paths: DataPaths, passphrase: str) -> EncryptionOutcome:
    check_can_decrypt(paths)
    return _convert(paths, passphrase, None)


def rekey_journal(paths: DataPaths, current: str, new: str) -> EncryptionOutcome:
    check_can_rekey(paths)
    if new == current:
        raise StorageError("The new passphrase is the same as the current one; nothing changed.")
    return _convert(paths, current, new)
