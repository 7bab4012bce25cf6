"""Opening a journal: the schema is brought up to date once, in WAL mode; a file reflect did not
write (another program's database, a newer reflect's journal, an encrypted one without its
passphrase) is refused by name and left as it was."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from reflect.errors import NotADatabaseError, PassphraseRequiredError, StorageError
from reflect.paths import DataPaths
from reflect.store import migrations
from reflect.store.database import MIGRATION_TABLE, migrate, open_database
from reflect.store.migrations import _split_statements


def paths_for(database: Path) -> DataPaths:
    home = database.parent
    return DataPaths(home=home, database=database, config=home / "c.yaml", packs=home / "packs")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_journal_gets_every_migration_once_and_wal_mode(tmp_path: Path):
    path = tmp_path / "journal.db"
    connection = sqlite3.connect(path, isolation_level=None)
    names = [name for name, _ in migrations.MIGRATIONS]

    assert migrate(connection, path) == names
    assert migrate(connection, path) == []
    applied = [row[0] for row in connection.execute(f"SELECT name FROM {MIGRATION_TABLE}")]
    assert sorted(applied) == sorted(names)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_another_programs_database_is_refused_and_not_touched(tmp_path: Path):
    path = tmp_path / "journal.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.commit()
    other.close()
    before = digest(path)

    with pytest.raises(NotADatabaseError) as raised:
        open_database(paths_for(path)).close()

    assert raised.value.message == f"{path} is an SQLite database, but not a reflect journal."
    assert raised.value.hint == "Point REFLECT_DB at your journal, or move this file away."
    assert digest(path) == before
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
    check.close()


def test_a_journal_from_a_newer_reflect_is_refused(tmp_path: Path):
    path = tmp_path / "journal.db"
    open_database(paths_for(path)).close()
    raw = sqlite3.connect(path)
    raw.execute(
        f"INSERT INTO {MIGRATION_TABLE} (name, applied_at) VALUES ('m999_future', '2030-01-01')"
    )
    raw.commit()
    raw.close()

    with pytest.raises(StorageError) as raised:
        open_database(paths_for(path)).close()

    assert raised.value.message == f"{path} was written by a newer version of reflect."
    assert raised.value.hint == "Upgrade reflect to open it (your data is unchanged)."


def test_an_encrypted_journal_without_a_passphrase_is_refused_by_name(tmp_path: Path):
    path = tmp_path / "journal.db"
    path.write_bytes(b"\x8a\x13" * 2048)  # what an encrypted file looks like: no SQLite header

    with pytest.raises(PassphraseRequiredError) as raised:
        open_database(paths_for(path)).close()

    assert raised.value.message == f"{path} is not a reflect database, or it is encrypted."
    assert raised.value.hint == (
        "If it is your encrypted journal, set REFLECT_PASSPHRASE or use the OS keyring "
        "(`reflect db encrypt --remember`)."
    )


def test_a_passphrase_given_for_a_plaintext_journal_is_not_used(tmp_path: Path):
    path = tmp_path / "journal.db"
    database = open_database(paths_for(path), passphrase="not needed")
    try:
        assert (database.passphrase, database.encrypted) == (None, False)
    finally:
        database.close()


def test_a_killed_conversions_copy_is_removed_when_the_journal_is_opened(tmp_path: Path):
    path = tmp_path / "journal.db"
    open_database(paths_for(path)).close()
    leftover = tmp_path / ".journal.db.x1y2.converting"
    leftover.write_bytes(b"a half-written decrypted copy")

    open_database(paths_for(path)).close()

    assert not leftover.exists()


def test_migration_scripts_split_into_whole_statements():
    sql = """
        CREATE TABLE a (x TEXT);
        CREATE TRIGGER t AFTER INSERT ON a BEGIN
            INSERT INTO a VALUES ('; not the end');
        END;

        CREATE INDEX i ON a (x);
    """
    assert _split_statements(sql) == [
        "CREATE TABLE a (x TEXT);",
        "CREATE TRIGGER t AFTER INSERT ON a BEGIN\n"
        "            INSERT INTO a VALUES ('; not the end');\n"
        "        END;",
        "CREATE INDEX i ON a (x);",
    ]
    assert _split_statements("") == []


def test_an_unfinished_statement_in_a_migration_is_an_error():
    with pytest.raises(ValueError) as raised:
        _split_statements("CREATE TABLE a (x TEXT);\nCREATE TABLE b (")
    assert str(raised.value) == "incomplete SQL statement in migration"
