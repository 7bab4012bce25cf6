"""Encryption at rest: `reflect db encrypt|decrypt|rekey`, run as real processes on real files."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from privacy_support import (
    KEYED,
    PASSPHRASE,
    SECRET_WORD,
    example_invocations,
    fingerprint,
    folder_listing,
)


def test_encrypt_leaves_no_readable_trace(run_reflect, written_journal, stock_sqlite3):
    assert SECRET_WORD.encode() in written_journal.read_bytes()  # the test can see plaintext

    outcome = run_reflect("db", "encrypt", env=KEYED)

    assert outcome.exit_code == 0, outcome.stderr
    assert "Encrypted" in outcome.stderr and "12 entries" in outcome.stderr
    assert "stay plaintext" in outcome.stderr  # older backups and exports are not protected
    refused = stock_sqlite3(written_journal, "SELECT count(*) FROM entry")
    assert refused.returncode != 0
    assert "file is not a database" in refused.stderr
    assert SECRET_WORD.encode() not in written_journal.read_bytes()  # the FTS index neither
    assert folder_listing(written_journal.parent) == ["journal.db"]  # no WAL, SHM or copy
    assert stat.S_IMODE(written_journal.stat().st_mode) == 0o600
    check = run_reflect("db", "check", env=KEYED)
    assert check.exit_code == 0 and "12 entries" in check.stdout, check.stderr


def test_journal_commands_work_with_the_passphrase(
    run_reflect, encrypted_journal, tmp_path, monkeypatch
):
    assert run_reflect("db", "path", env=KEYED).exit_code == 0
    backup = run_reflect("db", "backup", str(tmp_path / "copy.db"), env=KEYED)
    assert backup.exit_code == 0, backup.stderr
    assert "encrypted with the same passphrase" in backup.stderr

    from reflect.cli.access import open_journal
    from reflect.store.entries import create_note

    monkeypatch.setenv("REFLECT_PASSPHRASE", PASSPHRASE)
    with open_journal() as database:
        assert database.encrypted
        create_note(database, "written to the encrypted journal")
        found = database.query_one(
            "SELECT count(*) FROM answer_fts WHERE answer_fts MATCH ?", (SECRET_WORD,)
        )
        total = database.query_one("SELECT count(*) FROM entry")
    assert (found[0], total[0]) == (1, 13)  # full-text search works inside the encrypted file


def test_wrong_passphrase_fails_cleanly_and_changes_nothing(run_reflect, encrypted_journal):
    before, files = fingerprint(encrypted_journal), folder_listing(encrypted_journal.parent)

    for command in (["db", "check"], ["db", "backup"], ["db", "decrypt"], ["db", "rekey"]):
        outcome = run_reflect(
            *command, env={"REFLECT_PASSPHRASE": "not it", "REFLECT_NEW_PASSPHRASE": "other"}
        )
        assert outcome.exit_code == 1, command
        assert outcome.stderr.startswith("Error: Wrong passphrase"), (command, outcome.stderr)
        assert len(outcome.stderr.strip().splitlines()) <= 2, outcome.stderr

    assert fingerprint(encrypted_journal) == before
    assert folder_listing(encrypted_journal.parent) == files


def test_an_encrypted_journal_without_a_passphrase_is_refused_by_name(
    run_reflect, encrypted_journal
):
    outcome = run_reflect("db", "check")

    assert outcome.exit_code == 1
    assert str(encrypted_journal) in outcome.stderr
    assert "REFLECT_PASSPHRASE" in outcome.stderr


def test_backups_of_an_encrypted_journal_stay_encrypted(
    run_reflect, encrypted_journal, tmp_path, stock_sqlite3
):
    copy = tmp_path / "backup.db"

    outcome = run_reflect("db", "backup", str(copy), env=KEYED)

    assert outcome.exit_code == 0, outcome.stderr
    assert "file is not a database" in stock_sqlite3(copy, "SELECT 1 FROM entry").stderr
    assert SECRET_WORD.encode() not in copy.read_bytes()
    from reflect.store.database import connect

    opened = connect(copy, passphrase=PASSPHRASE)
    assert opened.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert opened.execute("SELECT count(*) FROM entry").fetchone()[0] == 12
    opened.close()


def test_decrypt_gives_back_a_plain_journal_with_every_row(
    run_reflect, written_journal, stock_sqlite3
):
    def dump() -> list[tuple]:
        connection = sqlite3.connect(written_journal)
        tables = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'answer_fts%'"
            " AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        rows = [
            (table, *row)
            for (table,) in tables
            for row in sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
        ]
        connection.close()
        return rows

    before = dump()
    assert run_reflect("db", "encrypt", env=KEYED).exit_code == 0

    outcome = run_reflect("db", "decrypt", env=KEYED)

    assert outcome.exit_code == 0, outcome.stderr
    assert "readable by anyone" in outcome.stderr
    assert dump() == before
    assert stock_sqlite3(written_journal, "SELECT count(*) FROM entry").stdout.strip() == "12"
    assert folder_listing(written_journal.parent) == ["journal.db"]
    assert run_reflect("db", "check").exit_code == 0  # no passphrase needed any more


def test_rekey_changes_the_passphrase(run_reflect, encrypted_journal):
    outcome = run_reflect("db", "rekey", env={**KEYED, "REFLECT_NEW_PASSPHRASE": "a new one"})

    assert outcome.exit_code == 0, outcome.stderr
    assert run_reflect("db", "check", env={"REFLECT_PASSPHRASE": "a new one"}).exit_code == 0
    old = run_reflect("db", "check", env=KEYED)
    assert old.exit_code == 1 and "Wrong passphrase" in old.stderr
    assert folder_listing(encrypted_journal.parent) == ["journal.db"]


def test_encrypt_refuses_while_another_reflect_has_the_journal_open(
    cli, written_journal, monkeypatch
):
    from reflect.cli.access import open_journal
    from reflect.store import encryption

    monkeypatch.setattr(encryption, "CONVERSION_LOCK_TIMEOUT_SECONDS", 0.1)
    before = fingerprint(written_journal)
    with open_journal():
        outcome = cli("db", "encrypt", env=KEYED)

    assert outcome.exit_code == 1
    assert "Another reflect is using the journal" in outcome.stderr
    assert fingerprint(written_journal) == before


def test_encrypting_twice_or_decrypting_a_plain_journal_is_refused(cli, encrypted_journal):
    again = cli("db", "encrypt", env=KEYED)
    assert again.exit_code == 1 and "already encrypted" in again.stderr
    assert cli("db", "decrypt", env=KEYED).exit_code == 0
    plain = cli("db", "decrypt")
    assert plain.exit_code == 1 and "not encrypted" in plain.stderr


@pytest.mark.parametrize("passphrase", [None, ""], ids=["unset", "empty"])
def test_encrypt_without_a_passphrase_changes_nothing(run_reflect, written_journal, passphrase):
    before = fingerprint(written_journal)
    env = {} if passphrase is None else {"REFLECT_PASSPHRASE": passphrase}

    outcome = run_reflect("db", "encrypt", env=env)

    assert outcome.exit_code == 1
    assert "REFLECT_PASSPHRASE" in outcome.stderr
    assert fingerprint(written_journal) == before


CONVERSIONS = ("db encrypt", "db decrypt", "db rekey")  # different on purpose; tested above


@pytest.mark.parametrize(
    "argv", [case for case in example_invocations() if not case.id.startswith(CONVERSIONS)]
)
def test_every_command_behaves_the_same_on_an_encrypted_journal(
    cli, install_lived_in_journal, argv
):
    """Each command's help example, on the same journal plain and encrypted: same outcome."""
    outcomes = []
    for encrypted in (False, True):
        place = install_lived_in_journal(encrypted)
        outcome = cli(*argv, input="", env=KEYED if encrypted else None)
        outcomes.append((outcome.exit_code, outcome.stdout.replace(str(place), "<place>")))
        errors = outcome.stderr

    assert outcomes[1] == outcomes[0], errors
