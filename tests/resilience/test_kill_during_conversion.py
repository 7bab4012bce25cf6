"""kill -9 during `reflect db encrypt`: the journal is always either the old plaintext file or
the new encrypted one, complete, never something in between."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from reflect.store.database import connect, file_kind

TRIALS = 5
PASSPHRASE = "kill me if you can"


@pytest.mark.slow
def test_kill_9_during_encryption_leaves_a_whole_journal(reflect_home):
    from reflect.core.access import open_journal
    from reflect.store.entries import create_note

    with open_journal() as database:
        for number in range(200):
            create_note(database, f"entry {number} " + "worth keeping " * 50)
    journal = reflect_home / "journal.db"
    chooser = random.Random()
    for _ in range(TRIALS):
        converting = convert(journal)
        time.sleep(chooser.uniform(0.2, 1.5))  # from start-up to well into the copy
        converting.send_signal(signal.SIGKILL)
        converting.wait()

        kind = file_kind(journal)
        connection = connect(journal, passphrase=PASSPHRASE if kind == "opaque" else None)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert connection.execute("SELECT count(*) FROM entry").fetchone()[0] == 200
        finally:
            connection.close()

    assert convert(journal).wait() == 0  # one left to finish: it clears any half-made copy
    assert sorted(path.name for path in reflect_home.iterdir()) == ["journal.db"]


def convert(journal) -> subprocess.Popen[bytes]:
    """Encrypt the journal if it is plaintext, decrypt it if it is encrypted."""
    command = ["db", "decrypt"] if file_kind(journal) == "opaque" else ["db", "encrypt"]
    return subprocess.Popen(
        [sys.executable, "-m", "reflect", *command],
        env={**os.environ, "REFLECT_PASSPHRASE": PASSPHRASE},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
