"""One family of errors for everything a user can get wrong or the machine can refuse.

Every error a person may see is a ReflectError. The CLI's single exit point (reflect.cli.app.main)
prints its message on stderr and exits with its exit_code; nothing else prints tracebacks.
Messages never contain answer text: they name files, question ids, entry ids and what to do.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The statuses `reflect` exits with (named once, as pipx does)."""

    OK = 0
    FAILURE = 1
    """A ReflectError: bad input, a refusal, a problem with the data folder; nothing was changed."""
    USAGE = 2
    """The command line itself was wrong (an unknown option); Click reports it."""
    INTERRUPTED = 130
    """Ctrl-C, SIGTERM or a closed terminal: every answer given so far is saved (128 + SIGINT)."""


class ReflectError(Exception):
    """A problem reported to the user in plain words, with exit status 1."""

    exit_code: int = ExitCode.FAILURE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message if not self.hint else f"{self.message}\n{self.hint}"


class StorageError(ReflectError):
    """The data folder or the database cannot be used (permissions, not a database, disk full)."""


class NotADatabaseError(StorageError):
    """The database path holds something that is not a reflect database."""


class WrongPassphraseError(StorageError):
    """The database is encrypted and the passphrase given does not open it."""


class PassphraseRequiredError(StorageError):
    """The database is encrypted and no passphrase was given."""


class ConfigError(ReflectError):
    """The config file is malformed or holds an invalid value."""


class PackError(ReflectError):
    """A prompt pack is missing, malformed or invalid."""


class AnswerError(ReflectError):
    """An answer does not fit its question (range, options, type, unknown question)."""


class EntryNotFoundError(ReflectError):
    """No entry (or several) match an id or id prefix."""


class DateParseError(ReflectError):
    """A date or span typed on the command line could not be understood."""


class ImportFormatError(ReflectError):
    """An import file is malformed, truncated, or of the wrong format or version."""


class SyncError(ReflectError):
    """`reflect sync` cannot go on: a folder it must not use, a wrong sync passphrase, ..."""
