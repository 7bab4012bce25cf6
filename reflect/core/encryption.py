"""Encrypting, decrypting and re-keying the journal (the file work is in reflect.store).

Each operation checks what the journal is now, gets the passphrases it needs from
reflect.core.access, converts the file, and keeps the OS keyring in step when asked to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reflect.core import access
from reflect.errors import StorageError
from reflect.paths import data_paths


@dataclass(frozen=True)
class EncryptionOutcome:
    path: Path
    entries: int
    encrypted: bool
    remembered: bool = False
    forgotten: bool = False
    older_copies: tuple[Path, ...] = ()


def _journal_kind(path: Path) -> str:
    from reflect.store.database import file_kind

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


def encrypt_journal(*, remember: bool = False) -> EncryptionOutcome:
    from reflect.store.encryption import convert_database

    paths = data_paths()
    if _journal_kind(paths.database) == "opaque":
        raise StorageError(
            f"{paths.database} is already encrypted (or is not a reflect database).",
            "To change the passphrase, use `reflect db rekey`.",
        )
    if remember:
        access.check_keyring_usable()
    passphrase = access.new_passphrase()
    result = convert_database(paths.database, current=None, new=passphrase)
    if remember:
        access.remember_passphrase(paths.database, passphrase)
    return EncryptionOutcome(
        path=result.path,
        entries=result.entries,
        encrypted=True,
        remembered=remember,
        older_copies=_older_copies(paths.home),
    )


def decrypt_journal(*, forget: bool = False) -> EncryptionOutcome:
    from reflect.store.encryption import convert_database

    paths = data_paths()
    if _journal_kind(paths.database) == "sqlite":
        raise StorageError(f"{paths.database} is not encrypted; there is nothing to decrypt.")
    passphrase = access.current_passphrase(paths.database)
    result = convert_database(paths.database, current=passphrase, new=None)
    forgotten = access.forget_passphrase(paths.database) if forget else False
    return EncryptionOutcome(
        path=result.path, entries=result.entries, encrypted=False, forgotten=forgotten
    )


def rekey_journal(*, remember: bool = False, forget: bool = False) -> EncryptionOutcome:
    """A new passphrase. A passphrase already in the keyring is replaced by the new one (it
    would no longer open the journal), unless forget asks to remove it."""
    from reflect.store.encryption import convert_database

    paths = data_paths()
    if _journal_kind(paths.database) == "sqlite":
        raise StorageError(
            f"{paths.database} is not encrypted.",
            "To encrypt it, use `reflect db encrypt`.",
        )
    if remember:
        access.check_keyring_usable()
    current = access.current_passphrase(paths.database)
    new = access.new_passphrase(access.NEW_PASSPHRASE_VARIABLE)
    if new == current:
        raise StorageError("The new passphrase is the same as the current one; nothing changed.")
    was_remembered = access.remembered_passphrase(paths.database) is not None
    result = convert_database(paths.database, current=current, new=new)
    forgotten = False
    if forget:
        forgotten = access.forget_passphrase(paths.database)
    elif remember or was_remembered:
        access.remember_passphrase(paths.database, new)
    return EncryptionOutcome(
        path=result.path,
        entries=result.entries,
        encrypted=True,
        remembered=(remember or was_remembered) and not forget,
        forgotten=forgotten,
        older_copies=_older_copies(paths.home),
    )
