"""No space left: the write fails with a clear message and the journal stays intact."""

from __future__ import annotations

import hashlib
import sqlite3

from resilience_support import Limits


def test_a_full_disk_gives_a_clear_error_and_keeps_the_journal(run_reflect_limited, reflect_home):
    from reflect.cli.access import open_journal
    from reflect.store.entries import create_note

    with open_journal() as database:
        kept = {create_note(database, f"written before the disk filled up {n}") for n in range(5)}
    # RLIMIT_FSIZE makes any write past 256 KiB fail with EFBIG, as a full disk fails with
    # ENOSPC; the note below needs far more than that in the write-ahead log.
    limits = Limits(file_size=256 * 1024)
    journal = reflect_home / "journal.db"
    before = hashlib.sha256(journal.read_bytes()).hexdigest()

    outcome = run_reflect_limited("note", limits=limits, input=b"a long note " * 200_000)

    assert outcome.exit_code == 1, outcome.stderr
    assert outcome.stderr.startswith("Error: "), outcome.stderr
    assert "disk" in outcome.stderr and "Nothing was changed" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) <= 2
    assert hashlib.sha256(journal.read_bytes()).hexdigest() == before
    connection = sqlite3.connect(journal)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = {row[0] for row in connection.execute("SELECT id FROM entry")}
    connection.close()
    assert stored == kept  # every earlier entry, and no half-written new one


def test_encrypting_on_a_full_disk_changes_nothing(run_reflect_limited, reflect_home):
    from reflect.cli.access import open_journal
    from reflect.store.entries import create_note

    with open_journal() as database:
        for number in range(40):
            create_note(database, f"entry {number} " + "to be kept safe " * 200)
    journal = reflect_home / "journal.db"
    before = hashlib.sha256(journal.read_bytes()).hexdigest()
    files = sorted(path.name for path in reflect_home.iterdir())
    assert journal.stat().st_size > 4 * 64 * 1024

    outcome = run_reflect_limited(
        "db",
        "encrypt",
        env={"REFLECT_PASSPHRASE": "a passphrase"},
        limits=Limits(file_size=64 * 1024),  # room to open the journal, not to copy it
    )

    assert outcome.exit_code == 1, outcome.stderr
    assert outcome.stderr.startswith("Error: ") and "Traceback" not in outcome.stderr
    assert hashlib.sha256(journal.read_bytes()).hexdigest() == before
    assert sorted(path.name for path in reflect_home.iterdir()) == files  # no partial copy left
