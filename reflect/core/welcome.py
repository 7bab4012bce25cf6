"""The first-run welcome: shown once, before the journal exists.

The menu and the command it runs (`reflect` -> "Reflect now" runs `reflect run` in the same
process) both come before the journal exists, so the welcome remembers that it was given.
"""

from __future__ import annotations

from msgspec import Struct

from reflect.config import load_config
from reflect.paths import DataPaths


class Welcome(Struct, frozen=True):
    """What a person should know before writing the first word."""

    home: str
    database: str
    crisis_line: str


_welcomed: set[str] = set()


def is_first_run(paths: DataPaths) -> bool:
    """No journal yet: nothing has ever been written here."""
    return not paths.database.exists()


def welcome_for(paths: DataPaths) -> Welcome:

    return Welcome(
        home=str(paths.home),
        database=str(paths.database),
        crisis_line=load_config(paths.config).crisis_line_text(),
    )


def welcome_due(paths: DataPaths) -> Welcome | None:
    """The welcome, if this is the first run and it has not been shown yet in this process."""
    if not is_first_run(paths) or str(paths.database) in _welcomed:
        return None
    _welcomed.add(str(paths.database))
    return welcome_for(paths)
