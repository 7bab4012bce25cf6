"""Opening the journal the way every command does: paths from the environment, the passphrase
when the journal is encrypted, and the schema brought up to date."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from reflect.paths import data_paths

if TYPE_CHECKING:
    from reflect.store.database import Database


def passphrase_from_environment() -> str | None:
    value = os.environ.get("REFLECT_PASSPHRASE")
    return value if value else None


def open_journal() -> Database:
    from reflect.store.database import open_database

    return open_database(data_paths(), passphrase=passphrase_from_environment())
