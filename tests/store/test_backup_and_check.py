"""`reflect db backup` and `reflect db check` at the store level: a backup is a complete,
private, self-contained copy under its final name only when it is good; a check reports damage
in words and never writes."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

from reflect.cli.access import open_journal
from reflect.core.maintenance import backup_database
from reflect.errors import StorageError
from reflect.store.database import Database
from reflect.store.encryption import convert_database
from reflect.store.entries import create_note
from reflect.store.maintenance import backup_to, check_database


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_holds_every_entry_in_one_private_file_of_its_own(journal: Database, tmp_path):
    for number in range(3):
        create_note(journal, f"Note number {number}")
    destination = tmp_path / "out" / "copy.db"
    destination.parent.mkdir()

    result = backup_to(journal, destination)

    assert result.path == destination
    assert result.entries == 3
    assert stat.S_IMODE(destination.stat().st_mode) == 0o600
    # Self-contained: a rollback journal, no -wal or -shm file that would have to travel with it.
    copy = sqlite3.connect(destination)
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    texts = {row[0] for row in copy.execute("SELECT value_text FROM answer")}
    copy.close()
    assert texts == {"Note number 0", "Note number 1", "Note number 2"}
    assert sorted(path.name for path in destination.parent.iterdir()) == ["copy.db"]


def test_a_backup_of_an_empty_journal_counts_no_entries(journal: Database, tmp_path):
    assert backup_to(journal, tmp_path / "empty.db").entries == 0


def test_a_backup_never_overwrites_a_file(journal: Database, tmp_path):
    destination = tmp_path / "old-backup.db"
    destination.write_bytes(b"last week's backup")

    with pytest.raises(StorageError) as raised:
        backup_to(journal, destination)

    assert raised.value.message == f"{destination} already exists; reflect will not overwrite it."
    assert raised.value.hint == "Choose another file name, or move the old backup away."
    assert destination.read_bytes() == b"last week's backup"


def test_a_backup_into_a_missing_folder_says_which_folder(journal: Database, tmp_path):
    destination = tmp_path / "no-such-folder" / "copy.db"

    with pytest.raises(StorageError) as raised:
        backup_to(journal, destination)

    assert raised.value.message == (
        f"Cannot write the backup: the folder {destination.parent} does not exist."
    )
    assert raised.value.hint is None


def test_a_partial_copy_left_by_an_interrupted_backup_is_replaced(journal: Database, tmp_path):
    create_note(journal, "Kept")
    destination = tmp_path / "out" / "copy.db"
    destination.parent.mkdir()
    (destination.parent / "copy.db.partial").write_bytes(b"half a backup from a crash")

    assert backup_to(journal, destination).entries == 1

    assert sorted(path.name for path in destination.parent.iterdir()) == ["copy.db"]


def damage_the_answer_table(path: Path, *, where: str) -> None:
    """Overwrite part of the answer table as a failing disk would: its root page (every read
    of it fails) or a few bytes of a leaf page (rows out of order: only a check finds it)."""
    raw = sqlite3.connect(path)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = raw.execute("PRAGMA page_size").fetchone()[0]
    pages = raw.execute(
        "SELECT pageno FROM dbstat WHERE name = 'answer' AND pagetype = ? ORDER BY pageno",
        ("internal" if where == "root" else "leaf",),
    ).fetchall()
    raw.close()
    page = pages[0][0] if where == "root" else pages[len(pages) // 2][0]
    with path.open("r+b") as handle:
        if where == "root":
            handle.seek((page - 1) * page_size)
            handle.write(b"\xff" * page_size)
        else:
            handle.seek((page - 1) * page_size + 8)
            handle.write(b"\x07" * 8)


def test_a_damaged_journal_gives_no_backup_under_the_final_name(
    journal: Database, reflect_home: Path, tmp_path
):
    for number in range(200):
        create_note(journal, f"Entry {number} " + "words " * 50)
    journal.close()
    damage_the_answer_table(reflect_home / "journal.db", where="leaf")
    destination = tmp_path / "out" / "copy.db"
    destination.parent.mkdir()

    damaged = open_journal()
    try:
        with pytest.raises(StorageError) as raised:
            backup_to(damaged, destination)
    finally:
        damaged.close()

    assert raised.value.message == (
        f"The journal {damaged.path} is damaged, so no backup was written."
    )
    assert raised.value.hint == "Run `reflect db check` for details; keep your older backups."
    assert list(destination.parent.iterdir()) == []


def test_a_driver_failure_during_a_backup_is_reported_for_the_destination(
    journal: Database, tmp_path
):
    destination = tmp_path / "out" / "copy.db"
    destination.parent.mkdir()

    class FailingConnection:
        def backup(self, target) -> None:
            raise sqlite3.OperationalError("database or disk is full")

    real = journal.connection
    journal.connection = FailingConnection()
    try:
        with pytest.raises(StorageError) as raised:
            backup_to(journal, destination)
    finally:
        journal.connection = real

    assert raised.value.message == (
        f"Cannot write to {destination}: the disk is full. Nothing was changed."
    )
    assert list(destination.parent.iterdir()) == []


def test_a_healthy_journal_checks_ok_with_its_entry_count_and_is_not_written(
    journal: Database, reflect_home: Path
):
    create_note(journal, "One")
    create_note(journal, "Two")
    journal.close()
    path = reflect_home / "journal.db"
    before = digest(path)

    result = check_database(path, passphrase=None)

    assert (result.path, result.ok, result.entries) == (path, True, 2)
    assert result.problems == []
    assert result.warnings == []
    assert digest(path) == before


@pytest.mark.parametrize("content", [None, b""], ids=["missing", "empty"])
def test_no_journal_yet_checks_ok_with_no_entries(tmp_path, content):
    path = tmp_path / "journal.db"
    if content is not None:
        path.write_bytes(content)
    result = check_database(path, passphrase=None)
    assert (result.ok, result.entries, result.problems) == (True, 0, [])


def test_a_broken_entry_link_is_named_by_table_and_row(journal: Database, reflect_home: Path):
    create_note(journal, "Answered")
    journal.close()
    path = reflect_home / "journal.db"
    raw = sqlite3.connect(path)
    raw.execute("UPDATE answer SET entry_id = 'gone'")
    raw.commit()
    raw.close()

    result = check_database(path, passphrase=None)

    assert result.ok is False
    assert result.problems[0].startswith("entry link broken in table answer (row ")
    assert result.entries == 1


def test_a_damaged_page_is_reported_as_damage(journal: Database, reflect_home: Path):
    for number in range(200):
        create_note(journal, f"Entry {number} " + "words " * 50)
    journal.close()
    path = reflect_home / "journal.db"
    damage_the_answer_table(path, where="root")

    result = check_database(path, passphrase=None)

    assert result.ok is False
    assert result.problems == [f"The database {path} is damaged."]
    assert result.entries == 0  # not counted once the file is known to be damaged


def test_rows_out_of_order_are_listed_as_sqlite_finds_them(journal: Database, reflect_home: Path):
    for number in range(200):
        create_note(journal, f"Entry {number} " + "words " * 50)
    journal.close()
    path = reflect_home / "journal.db"
    damage_the_answer_table(path, where="leaf")

    result = check_database(path, passphrase=None)

    assert result.ok is False
    assert "out of order" in result.problems[0]
    assert "ok" not in result.problems
    assert result.entries == 0


def test_a_file_that_is_not_a_database_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "journal.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"not really" * 100)

    result = check_database(path, passphrase=None)

    assert result.ok is False
    assert len(result.problems) == 1


def test_a_damaged_encrypted_journal_is_reported_in_words_not_as_an_sql_error(
    journal: Database, reflect_home: Path
):
    for number in range(50):
        create_note(journal, f"Entry {number} " + "words " * 50)
    journal.close()
    path = reflect_home / "journal.db"
    convert_database(path, current=None, new="correct horse")
    damaged = bytearray(path.read_bytes())
    for offset in range(5000, 6000):  # inside the second page: page 1 (the key check) stays good
        damaged[offset] ^= 0x5A
    path.write_bytes(bytes(damaged))

    result = check_database(path, passphrase="correct horse")

    assert result.ok is False
    assert result.problems == [
        f"Part of the encrypted journal {path} fails its integrity check: the file was changed "
        "or damaged on disk after it was written (the passphrase itself is right)."
    ]


@pytest.mark.parametrize("length", [250, 300])
def test_a_backup_name_too_long_for_the_file_system_is_refused_in_words(
    journal: Database, tmp_path, length
):
    folder = tmp_path / "backups-here"
    folder.mkdir()

    with pytest.raises(StorageError) as raised:
        backup_database(journal, folder / ("b" * length))

    assert "File name too long" in raised.value.message
    assert str(folder) in raised.value.message
    assert list(folder.iterdir()) == []
