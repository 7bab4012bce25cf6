"""The first-run welcome: shown once, before the journal exists."""

from __future__ import annotations

from dataclasses import dataclass

from reflect.paths import DataPaths


@dataclass(frozen=True)
class Welcome:
    """What a person should know before writing the first word."""

    home: str
    database: str
    crisis_line: str


def is_first_run(paths: DataPaths) -> bool:
    """No journal yet: nothing has ever been written here."""
    return not paths.database.exists()


def welcome_for(paths: DataPaths) -> Welcome:
    from reflect.config import load_config

    return Welcome(
        home=str(paths.home),
        database=str(paths.database),
        crisis_line=load_config(paths.config).crisis_line_text(),
    )
