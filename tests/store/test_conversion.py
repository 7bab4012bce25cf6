"""Encrypt, rekey and decrypt at the store level (in-process, so mutation testing sees them):
every row arrives, the new file opens only the new way, is private and in WAL mode, and no
copy, WAL or shared-memory file of the old journal is left beside it."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from reflect.errors import StorageError, WrongPassphraseError
from reflect.store import encryption
from reflect.store.database import Database, connect, conversion_leftovers, file_kind
from reflect.store.encryption import (
    _new_sibling,
    _row_counts,
    _verify,
    companion_files,
    convert_database,
)
from reflect.store.entries import create_note
from tests.store.test_backup_and_check import damage_the_answer_table


@pytest.fixture
def journal_path(journal: Database, reflect_home: Path) -> Path:
    for number in range(3):
        create_note(journal, f"Private thought {number}")
    journal.close()
    return reflect_home / "journal.db"


def notes(path: Path, passphrase: str | None) -> set[str]:
    connection = connect(path, passphrase=passphrase)
    try:
        return {row[0] for row in connection.execute("SELECT value_text FROM answer")}
    finally:
        connection.close()


def beside(path: Path) -> list[str]:
    return sorted(item.name for item in path.parent.iterdir())


def test_encrypting_keeps_every_row_and_only_the_passphrase_opens_it(journal_path: Path):
    result = convert_database(journal_path, current=None, new="river stone")

    assert (result.path, result.entries, result.encrypted) == (journal_path, 3, True)
    assert file_kind(journal_path) == "opaque"
    assert b"Private thought" not in journal_path.read_bytes()
    assert notes(journal_path, "river stone") == {f"Private thought {n}" for n in range(3)}
    with pytest.raises(WrongPassphraseError):
        connect(journal_path, passphrase="another")
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o600
    connection = connect(journal_path, passphrase="river stone")
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()
    assert beside(journal_path) == ["journal.db"]


def test_rekeying_and_decrypting_give_back_the_same_rows(journal_path: Path):
    convert_database(journal_path, current=None, new="first")

    rekeyed = convert_database(journal_path, current="first", new="second")
    assert (rekeyed.entries, rekeyed.encrypted) == (3, True)
    with pytest.raises(WrongPassphraseError):
        connect(journal_path, passphrase="first")

    decrypted = convert_database(journal_path, current="second", new=None)
    assert (decrypted.entries, decrypted.encrypted) == (3, False)
    assert file_kind(journal_path) == "sqlite"
    assert notes(journal_path, None) == {f"Private thought {n}" for n in range(3)}
    assert beside(journal_path) == ["journal.db"]


def test_a_wrong_current_passphrase_changes_nothing(journal_path: Path):
    convert_database(journal_path, current=None, new="right")
    before = journal_path.read_bytes()

    with pytest.raises(WrongPassphraseError):
        convert_database(journal_path, current="wrong", new=None)

    assert journal_path.read_bytes() == before
    assert beside(journal_path) == ["journal.db"]


def test_a_journal_that_is_not_what_the_conversion_expects_is_left_alone(journal_path: Path):
    # Asked to decrypt (a current passphrase) a plaintext file: it changed since reflect looked.
    with pytest.raises(StorageError) as raised:
        convert_database(journal_path, current="a passphrase", new=None)
    assert raised.value.message == (
        f"{journal_path} changed while reflect was converting it; nothing was done."
    )
    assert file_kind(journal_path) == "sqlite"


def test_there_is_no_journal_to_convert(tmp_path: Path):
    missing = tmp_path / "journal.db"
    with pytest.raises(StorageError) as raised:
        convert_database(missing, current=None, new="x")
    assert raised.value.message == f"There is no journal at {missing} yet."


def test_leftover_files_of_the_old_journal_and_of_a_killed_conversion_are_removed(
    journal_path: Path,
):
    for leftover in companion_files(journal_path):
        leftover.write_bytes(b"stale plaintext pages")
    killed_copy = journal_path.parent / ".journal.db.abc123.converting"
    killed_copy.write_bytes(b"half a decrypted copy")

    convert_database(journal_path, current=None, new="x")

    assert beside(journal_path) == ["journal.db"]


def test_companion_files_are_the_wal_its_index_and_the_rollback_journal(tmp_path: Path):
    path = tmp_path / "journal.db"
    assert companion_files(path) == [
        tmp_path / "journal.db-wal",
        tmp_path / "journal.db-shm",
        tmp_path / "journal.db-journal",
    ]


def test_row_counts_cover_every_real_table_but_not_the_search_index_shadow(journal_path: Path):
    connection = sqlite3.connect(journal_path)
    counts = _row_counts(connection, "main")
    connection.close()
    assert counts["entry"] == 3
    assert counts["answer"] == 3
    assert "answer_fts" not in counts  # the virtual table itself
    assert not any(name.startswith("sqlite_") for name in counts)


def test_a_copy_missing_rows_is_refused_before_it_replaces_the_journal(journal_path: Path):
    connection = sqlite3.connect(journal_path)
    counts = _row_counts(connection, "main")
    connection.close()

    with pytest.raises(StorageError) as raised:
        _verify(journal_path, None, {**counts, "entry": counts["entry"] + 1})

    assert raised.value.message == (
        "The converted copy does not hold every row; your journal was not changed."
    )
    assert raised.value.hint == "Try again; if it keeps failing, report a bug."
    _verify(journal_path, None, counts)  # the true counts pass


def test_a_damaged_copy_is_refused_before_it_replaces_the_journal(
    journal: Database, reflect_home: Path
):
    for number in range(200):
        create_note(journal, f"Entry {number} " + "words " * 50)
    journal.close()
    path = reflect_home / "journal.db"
    connection = sqlite3.connect(path)
    counts = _row_counts(connection, "main")
    connection.close()
    damage_the_answer_table(path, where="leaf")

    with pytest.raises(StorageError) as raised:
        _verify(path, None, counts)

    assert raised.value.message == (
        "The converted copy failed its integrity check; your journal was not changed."
    )
    assert raised.value.hint == "Run `reflect db check`, then try again."


def test_a_passphrase_with_quotes_and_backslashes_works_both_ways(journal_path: Path):
    passphrase = 'it\'s a "quoted" \\ phrase; --'
    convert_database(journal_path, current=None, new=passphrase)
    assert notes(journal_path, passphrase) == {f"Private thought {n}" for n in range(3)}
    convert_database(journal_path, current=passphrase, new=None)
    assert file_kind(journal_path) == "sqlite"


def test_the_converted_copy_is_a_private_hidden_file_beside_the_journal(journal_path: Path):
    killed = journal_path.parent / ".journal.db.old.converting"
    killed.write_bytes(b"left by a killed conversion")

    sibling = _new_sibling(journal_path)

    assert sibling.parent == journal_path.parent
    assert sibling.name.startswith(".journal.db.")
    assert sibling.name.endswith(".converting")
    assert sibling.read_bytes() == b""
    assert stat.S_IMODE(sibling.stat().st_mode) == 0o600
    assert not killed.exists()
    assert conversion_leftovers(journal_path) == [sibling]


def test_no_room_for_the_converted_copy_is_reported_with_the_folder(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
):
    def full(**_options: object) -> tuple[int, str]:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(encryption.tempfile, "mkstemp", full)

    with pytest.raises(StorageError) as raised:
        convert_database(journal_path, current=None, new="x")

    assert raised.value.message == (
        f"Cannot write a converted copy in {journal_path.parent}: No space left on device."
    )
    assert raised.value.hint == "Make the folder writable and free some space, then try again."
    assert file_kind(journal_path) == "sqlite"


def test_a_copy_that_fails_its_check_is_shredded_and_the_journal_kept(
    journal_path: Path, monkeypatch: pytest.MonkeyPatch
):
    before = journal_path.read_bytes()

    def refuse(converted: Path, passphrase: str | None, expected: dict[str, int]) -> None:
        assert converted.stat().st_size > 0  # the copy was written
        raise StorageError("The converted copy failed its integrity check.")

    monkeypatch.setattr(encryption, "_verify", refuse)

    with pytest.raises(StorageError):
        convert_database(journal_path, current=None, new="x")

    assert journal_path.read_bytes() == before
    assert beside(journal_path) == ["journal.db"]
