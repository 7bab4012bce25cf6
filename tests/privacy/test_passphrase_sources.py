"""Where the passphrase comes from: a hidden prompt (asked twice when set), or the OS keyring."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from privacy_support import KEYED, PASSPHRASE, fingerprint

from reflect.cli.access import KEYRING_SERVICE


def test_remember_keeps_the_passphrase_in_the_keyring_and_forget_removes_it(
    cli, written_journal, memory_keyring
):
    outcome = cli("db", "encrypt", "--remember", env=KEYED)
    assert outcome.exit_code == 0, outcome.stderr
    assert memory_keyring == {(KEYRING_SERVICE, str(written_journal)): PASSPHRASE}

    assert cli("db", "check").exit_code == 0  # no REFLECT_PASSPHRASE: the keyring answers

    decrypted = cli("db", "decrypt", "--forget")
    assert decrypted.exit_code == 0, decrypted.stderr
    assert memory_keyring == {}


def test_rekey_replaces_a_remembered_passphrase(cli, encrypted_journal, memory_keyring):
    memory_keyring[(KEYRING_SERVICE, str(encrypted_journal))] = PASSPHRASE

    outcome = cli("db", "rekey", env={"REFLECT_NEW_PASSPHRASE": "fresh"})

    assert outcome.exit_code == 0, outcome.stderr
    assert memory_keyring[(KEYRING_SERVICE, str(encrypted_journal))] == "fresh"
    assert cli("db", "check").exit_code == 0


def test_remember_without_a_keyring_changes_nothing(cli, written_journal):
    before = fingerprint(written_journal)  # conftest selects keyring's "fail" backend

    outcome = cli("db", "encrypt", "--remember", env=KEYED)

    assert outcome.exit_code == 1
    assert "No OS keyring" in outcome.stderr
    assert fingerprint(written_journal) == before


def spawn_reflect(*args: str, home: Path):
    import pexpect  # a test dependency: a missing one must fail, not skip

    environment = {key: value for key, value in os.environ.items() if key != "REFLECT_PASSPHRASE"}
    environment["REFLECT_HOME"] = str(home)
    return pexpect.spawn(
        sys.executable,
        ["-m", "reflect", *args],
        env=environment,
        encoding="utf-8",
        timeout=30,
    )


def test_passphrase_is_typed_twice_hidden_and_then_asked_for(written_journal, reflect_home):
    encrypting = spawn_reflect("db", "encrypt", home=reflect_home)
    encrypting.expect("New passphrase: ")
    encrypting.sendline("typed at the prompt")
    encrypting.expect("again: ")
    encrypting.sendline("typed at the prompt")
    encrypting.expect("Encrypted")
    transcript = encrypting.before + encrypting.read()
    encrypting.wait()
    assert encrypting.exitstatus == 0
    assert "typed at the prompt" not in transcript  # never echoed

    checking = spawn_reflect("db", "check", home=reflect_home)
    checking.expect("Passphrase for journal.db: ")
    checking.sendline("typed at the prompt")
    checking.expect("passed the integrity check")
    checking.wait()
    assert checking.exitstatus == 0


def test_two_different_passphrases_change_nothing(written_journal, reflect_home):
    before = fingerprint(written_journal)
    encrypting = spawn_reflect("db", "encrypt", home=reflect_home)
    encrypting.expect("New passphrase: ")
    encrypting.sendline("one thing")
    encrypting.expect("again: ")
    encrypting.sendline("another thing")
    encrypting.expect("different")
    encrypting.wait()

    assert encrypting.exitstatus == 1
    assert fingerprint(written_journal) == before
