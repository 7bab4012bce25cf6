"""Opening the journal the way every command does: paths from the environment, the passphrase
when the journal is encrypted, and the schema brought up to date (reflect.core.access).

A passphrase is looked for only when the journal file is encrypted, in this order:
REFLECT_PASSPHRASE, then the OS keyring (service "reflect", user name = the database path, stored
by `reflect db encrypt --remember`), then a hidden prompt when a person is at a terminal. This is
the CLI's work: the core and the library API (reflect.open_journal) take the passphrase as an
argument and never read the environment, the keyring or the terminal for it.
"""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from reflect.config import NEW_PASSPHRASE_VARIABLE as NEW_PASSPHRASE_VARIABLE
from reflect.config import PASSPHRASE_VARIABLE, passphrase_from_environment
from reflect.core import access
from reflect.core.access import Database
from reflect.errors import PassphraseRequiredError, ReflectError
from reflect.paths import data_paths

KEYRING_SERVICE = "reflect"


class KeyringUnavailableError(ReflectError):
    """The OS keyring cannot store or return secrets on this machine."""


def _keyring_user(database: Path) -> str:
    return str(database.expanduser().absolute())


def remembered_passphrase(database: Path) -> str | None:
    """The passphrase stored in the OS keyring for this journal, if any (never fails)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_user(database))
    except (KeyringError, RuntimeError, OSError):
        return None


def known_passphrase(database: Path) -> str | None:
    """The passphrase from the environment or the keyring, never asking for it."""
    return passphrase_from_environment() or remembered_passphrase(database)


def check_keyring_usable() -> None:
    """Fail before anything is changed if `--remember` cannot work here."""
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        raise KeyringUnavailableError(
            "No OS keyring is available on this machine, so the passphrase cannot be remembered.",
            "Leave out --remember and type the passphrase (or set REFLECT_PASSPHRASE) instead.",
        )


def remember_passphrase(database: Path, passphrase: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_user(database), passphrase)
    except (KeyringError, RuntimeError, OSError) as error:
        raise KeyringUnavailableError(
            f"The passphrase could not be stored in the OS keyring ({type(error).__name__}).",
            "Type it when asked, or set REFLECT_PASSPHRASE.",
        ) from error


def forget_passphrase(database: Path) -> bool:
    """Remove the stored passphrase; True if there was one."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        keyring.delete_password(KEYRING_SERVICE, _keyring_user(database))
    except PasswordDeleteError:
        return False
    except (KeyringError, RuntimeError, OSError):
        return False
    return True


def _can_prompt() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _ask_hidden(prompt: str) -> str:

    return getpass.getpass(prompt, stream=sys.stderr)


def current_passphrase(database: Path) -> str:
    """The passphrase of an encrypted journal: environment, keyring, then a hidden prompt."""
    passphrase = known_passphrase(database)
    if passphrase:
        return passphrase
    if _can_prompt():
        typed = _ask_hidden(f"Passphrase for {database.name}: ")
        if typed:
            return typed
    raise PassphraseRequiredError(
        f"{database} is encrypted (or is not a reflect database), and no passphrase was given.",
        f"Type it at a terminal or set {PASSPHRASE_VARIABLE}; `--remember` on `reflect db "
        "encrypt` or `reflect db rekey` keeps it in the OS keyring.",
    )


def new_passphrase(variable: str = PASSPHRASE_VARIABLE) -> str:
    """A passphrase being set: from the environment, or typed twice at a hidden prompt."""
    passphrase = passphrase_from_environment(variable)
    if passphrase:
        return passphrase
    if not _can_prompt():
        raise PassphraseRequiredError(
            "A new passphrase is needed, and there is no terminal to type it in.",
            f"Run this in a terminal, or set {variable}.",
        )
    first = _ask_hidden("New passphrase: ")
    if not first:
        raise PassphraseRequiredError("An empty passphrase cannot protect the journal.")
    if _ask_hidden("The same passphrase again: ") != first:
        raise PassphraseRequiredError(
            "The two passphrases were different; nothing was changed.", "Try again."
        )
    return first


def passphrase_if_encrypted(database: Path) -> str | None:
    """None for a plaintext (or not yet created) journal; otherwise its passphrase."""
    return current_passphrase(database) if access.is_encrypted(database) else None


def open_journal() -> Database:
    """The journal the environment names (REFLECT_HOME / REFLECT_DB), opened for a command."""
    paths = data_paths()
    return access.open_journal(paths, passphrase=passphrase_if_encrypted(paths.database))


SYNC_PASSPHRASE_VARIABLE = "REFLECT_SYNC_PASSPHRASE"
SYNC_KEYRING_SERVICE = "reflect-sync"


def sync_passphrase(folder: Path, *, new_folder: bool) -> str:
    """The sync folder's passphrase: environment, OS keyring, then a hidden prompt.

    A folder not yet used for sync gets its passphrase now (typed twice at a prompt). It is not
    the journal's passphrase: other devices need it, the journal's need not leave this one.
    """
    import keyring
    from keyring.errors import KeyringError

    passphrase = passphrase_from_environment(SYNC_PASSPHRASE_VARIABLE)
    if passphrase:
        return passphrase
    try:
        remembered = keyring.get_password(SYNC_KEYRING_SERVICE, str(folder))
    except (KeyringError, RuntimeError, OSError):
        remembered = None
    if remembered:
        return remembered
    if new_folder:
        return new_passphrase(SYNC_PASSPHRASE_VARIABLE)
    if _can_prompt():
        typed = _ask_hidden(f"Sync passphrase for {folder}: ")
        if typed:
            return typed
    raise PassphraseRequiredError(
        f"Syncing through {folder} needs its sync passphrase, and none was given.",
        f"Type it at a terminal or set {SYNC_PASSPHRASE_VARIABLE}.",
    )


def remember_sync_passphrase(folder: Path, passphrase: str) -> None:
    """Keep the sync folder's passphrase in the OS keyring (service reflect-sync, the folder)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SYNC_KEYRING_SERVICE, str(folder), passphrase)
    except (KeyringError, RuntimeError, OSError) as error:
        raise KeyringUnavailableError(
            f"The sync passphrase could not be stored in the OS keyring ({type(error).__name__}).",
            f"Type it when asked, or set {SYNC_PASSPHRASE_VARIABLE}.",
        ) from error
