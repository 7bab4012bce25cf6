"""`db check` and `db backup` at the store level on encrypted journals, with warnings and broken
links, and a backup folder nothing can be created in (tests/MUTATION.md: mutants of
reflect/store/maintenance.py that survived)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from reflect.errors import StorageError, WrongPassphraseError
from reflect.paths import DataPaths
from reflect.store.database import Database, connect, file_kind, open_database
from reflect.store.encryption import convert_database
from reflect.store.entries import create_note
from reflect.store.maintenance import backup_to, check_database
from tests.store.test_backup_and_check import damage_the_answer_table

PASSPHRASE = "river stone"


def _paths(home: Path) -> DataPaths:
    return DataPaths(home, home / "journal.db", home / "config.yaml", home / "packs")


@pytest.fixture
def encrypted(journal: Database, reflect_home: Path) -> Path:
    for number in range(3):
        create_note(journal, f"Private thought {number}")
    journal.close()
    path = reflect_home / "journal.db"
    convert_database(path, current=None, new=PASSPHRASE)
    return path


def test_an_encrypted_journal_checks_ok_with_its_passphrase(encrypted: Path):
    result = check_database(encrypted, passphrase=PASSPHRASE)
    assert (result.path, result.ok, result.entries, result.problems) == (
        encrypted, True, 3, []
    )  # fmt: skip
    with pytest.raises(WrongPassphraseError):
        check_database(encrypted, passphrase="another")


def test_a_plain_journal_checks_ok_even_when_a_passphrase_is_set(
    journal: Database, reflect_home: Path
):
    create_note(journal, "One")
    journal.close()
    path = reflect_home / "journal.db"
    result = check_database(path, passphrase=PASSPHRASE)
    assert (result.ok, result.entries, result.problems) == (True, 1, [])


def test_a_backup_of_an_encrypted_journal_is_encrypted_the_same_way(
    encrypted: Path, reflect_home: Path, tmp_path: Path
):
    database = open_database(_paths(reflect_home), passphrase=PASSPHRASE)
    try:
        result = backup_to(database, tmp_path / "copy.db")
    finally:
        database.close()
    copy = tmp_path / "copy.db"
    assert (result.path, result.entries) == (copy, 3)
    assert file_kind(copy) == "opaque" and b"Private thought" not in copy.read_bytes()
    connection = connect(copy, passphrase=PASSPHRASE)
    try:
        assert connection.execute("SELECT count(*) FROM answer").fetchone()[0] == 3
    finally:
        connection.close()


def test_check_names_the_table_and_row_of_a_broken_link(journal: Database, reflect_home: Path):
    create_note(journal, "Answered")
    (answer_row,) = journal.query("SELECT rowid FROM answer")
    journal.close()
    path = reflect_home / "journal.db"
    raw = sqlite3.connect(path)
    raw.execute("UPDATE answer SET entry_id = 'gone'")
    raw.commit()
    raw.close()
    result = check_database(path, passphrase=None)
    assert result.problems == [f"entry link broken in table answer (row {answer_row[0]})"]
    assert result.warnings == []


def test_check_passes_on_the_dates_out_of_range_as_warnings(journal: Database, reflect_home):
    entry = create_note(journal, "Long ago")
    with journal.transaction() as cursor:
        cursor.execute("UPDATE entry SET created_at = '1850-01-02T09:00:00+00:00'")
    journal.close()
    result = check_database(reflect_home / "journal.db", passphrase=None)
    assert result.ok is True
    assert [warning.split(" is outside")[0] for warning in result.warnings] == [
        f"entry {entry[:8]}: its date (1850-01-02)"
    ]


def test_a_damaged_journal_has_problems_and_no_warnings(journal: Database, reflect_home: Path):
    for number in range(60):
        create_note(journal, f"Entry {number} " + "words " * 50)
    journal.close()
    path = reflect_home / "journal.db"
    damage_the_answer_table(path, where="root")
    result = check_database(path, passphrase=None)
    assert result.ok is False and result.problems and result.warnings == []


def test_no_journal_yet_checks_ok_for_its_path(tmp_path: Path):
    path = tmp_path / "journal.db"
    result = check_database(path, passphrase=None)
    assert (result.path, result.ok) == (path, True)


@pytest.mark.skipif(sys.platform != "linux", reason="/proc is Linux's")
def test_a_backup_where_no_file_can_be_made_says_why(journal: Database):
    # /proc is a folder where not even root can create a file.
    destination = Path("/proc/reflect-backup.db")
    with pytest.raises(StorageError) as raised:
        backup_to(journal, destination)
    assert raised.value.message == (
        f"Cannot write the backup to {destination}: No such file or directory."
    )


def test_a_damaged_encrypted_journal_is_a_problem_not_a_crash(encrypted: Path):
    # SQLCipher reports damage with its own driver's errors, which check must catch too.
    size = encrypted.stat().st_size
    with encrypted.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\x00" * 4096)
    result = check_database(encrypted, passphrase=PASSPHRASE)
    assert result.ok is False
    (problem,) = result.problems
    assert problem == (
        f"Part of the encrypted journal {encrypted} fails its integrity check: the file was "
        "changed or damaged on disk after it was written (the passphrase itself is right)."
    )
