"""A database path that holds something else is refused by name and left byte for byte as it
was; an empty file is simply initialised."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

CONTENTS = {
    "random-bytes": os.urandom(64 * 1024),
    "text-file": b"Dear diary,\nthis is a letter, not a database.\n" * 50,
    "short-binary": b"\x00\x01\x02",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def database_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "somewhere" / "journal.db"
    path.parent.mkdir()
    monkeypatch.setenv("REFLECT_DB", str(path))
    return path


@pytest.mark.parametrize("content", CONTENTS.values(), ids=CONTENTS.keys())
@pytest.mark.parametrize("passphrase", [None, "a guess"], ids=["no-passphrase", "passphrase"])
def test_something_else_at_the_database_path_is_refused_unchanged(
    cli, database_path, content, passphrase
):
    database_path.write_bytes(content)
    before = digest(database_path)
    env = {"REFLECT_PASSPHRASE": passphrase} if passphrase else {}

    outcome = cli("db", "path", env=env)

    assert outcome.exit_code == 1
    assert outcome.stderr.startswith(f"Error: {database_path} ") or (
        f"{database_path} could not be opened" in outcome.stderr
    ), outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert digest(database_path) == before
    assert sorted(path.name for path in database_path.parent.iterdir()) == ["journal.db"]


def test_a_foreign_sqlite_database_is_refused_unchanged(cli, database_path):
    connection = sqlite3.connect(database_path)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    before = digest(database_path)

    outcome = cli("note", "hello")

    assert outcome.exit_code == 1
    assert f"{database_path} is an SQLite database, but not a reflect journal" in outcome.stderr
    assert digest(database_path) == before


def test_an_empty_file_is_initialised(cli, database_path):
    database_path.touch()

    outcome = cli("db", "check")
    assert outcome.exit_code == 0, outcome.output
    assert cli("db", "path").exit_code == 0

    assert database_path.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_folder_at_the_database_path_is_refused_by_name(cli, database_path):
    database_path.mkdir()

    outcome = cli("db", "path")

    assert outcome.exit_code == 1
    assert f"{database_path} is a folder" in outcome.stderr
