"""The durability and privacy settings the store's promises rest on, on every connection.

database.py says why each one matters: synchronous=FULL (an acknowledged answer survives a
crash or power cut), WAL (readers never block the writer, a kill mid-write loses nothing
committed), foreign keys (no answer without its entry), secure_delete (erased text is zeroed)
and a busy timeout (two reflects wait for each other). Nothing else would notice if one of them
quietly changed: the data would still be there, until the first power cut.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reflect.paths import DataPaths
from reflect.store.database import BUSY_TIMEOUT_SECONDS, connect, open_database
from reflect.store.encryption import convert_database

PASSPHRASE = "a settings test passphrase"
FULL = 2  # PRAGMA synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


def settings(connection: Any) -> dict[str, object]:
    def pragma(name: str) -> object:
        return connection.execute(f"PRAGMA {name}").fetchone()[0]

    return {
        "synchronous": pragma("synchronous"),
        "journal_mode": str(pragma("journal_mode")).lower(),
        "foreign_keys": pragma("foreign_keys"),
        "secure_delete": pragma("secure_delete"),
        "busy_timeout": pragma("busy_timeout"),
    }


EXPECTED = {
    "synchronous": FULL,
    "journal_mode": "wal",
    "foreign_keys": 1,
    "secure_delete": 1,
    "busy_timeout": int(BUSY_TIMEOUT_SECONDS * 1000),
}


def _paths(home: Path) -> DataPaths:
    home.mkdir(mode=0o700, exist_ok=True)
    return DataPaths(home, home / "journal.db", home / "config.yaml", home / "packs")


@pytest.mark.parametrize("encrypted", [False, True], ids=["plaintext", "encrypted"])
def test_every_journal_connection_is_durable_and_erases_for_good(tmp_path: Path, encrypted):
    paths = _paths(tmp_path / "home")
    open_database(paths).close()  # created, migrated, in WAL mode
    if encrypted:
        convert_database(paths.database, current=None, new=PASSPHRASE)
    passphrase = PASSPHRASE if encrypted else None

    database = open_database(paths, passphrase=passphrase)
    try:
        assert database.encrypted is encrypted
        assert settings(database.connection) == EXPECTED
    finally:
        database.close()

    raw = connect(paths.database, passphrase=passphrase)  # backups and checks use these
    try:
        assert settings(raw) == EXPECTED
    finally:
        raw.close()
