"""A journal written at schema version 1 (fixtures/journal-schema-v1.db, made by
make_schema_v1.py) opens with every row intact and gains every later migration."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from reflect.store.migrations import MIGRATIONS

FIXTURE = Path(__file__).with_name("fixtures") / "journal-schema-v1.db"
VERSION_1_TABLES = ("entry", "answer", "entry_tag", "therapy_session", "pack_snapshot")


def rows_of(path: Path) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in VERSION_1_TABLES
        }
    finally:
        connection.close()


@pytest.fixture
def version_1_journal(reflect_home: Path) -> Path:
    reflect_home.mkdir(mode=0o700)
    journal = reflect_home / "journal.db"
    shutil.copyfile(FIXTURE, journal)
    journal.chmod(0o600)
    return journal


def test_the_fixture_is_at_version_1_with_rows_in_every_table(tmp_path):
    copy = shutil.copyfile(FIXTURE, tmp_path / "copy.db")
    connection = sqlite3.connect(copy)
    applied = [row[0] for row in connection.execute("SELECT name FROM reflect_migration")]
    connection.close()

    assert applied == ["m001_initial"]
    assert all(rows_of(copy).values())


def test_a_version_1_journal_opens_with_every_row_intact(version_1_journal):
    from reflect.cli.access import open_journal

    before = rows_of(version_1_journal)

    with open_journal() as database:
        applied = [row[0] for row in database.query("SELECT name FROM reflect_migration")]
        harbour = database.query(
            "SELECT answer.entry_id FROM answer_fts JOIN answer ON answer.id = answer_fts.rowid "
            "WHERE answer_fts MATCH 'harbour'"
        )
        lighthouse = database.query(
            "SELECT rowid FROM answer_fts WHERE answer_fts MATCH ?", ("lighthouse",)
        )

    assert applied == [name for name, _ in MIGRATIONS]
    assert rows_of(version_1_journal) == before
    assert [row[0] for row in harbour] == ["0b5d3c9e-6f1a-4d2b-9a47-3e8c1f2a7b01"]
    assert len(lighthouse) == 1  # old notes are searchable too


def test_a_version_1_journal_passes_db_check_after_upgrading(cli, version_1_journal):
    assert cli("db", "path").exit_code == 0  # any command upgrades it

    outcome = cli("db", "check")

    assert outcome.exit_code == 0, outcome.output
    assert "4 entries" in outcome.stdout
