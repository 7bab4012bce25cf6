"""kill -9 during `reflect db encrypt` and `db decrypt`: the journal is always either the old
file or the new one, complete, never something in between.

Each kill is aimed at the conversion itself: the test waits until the converted copy
(`.journal.db.*.converting`) exists, then kills after a seeded delay, and counts a kill as
mid-conversion only if that copy is still there afterwards (a finished conversion renames it
into place; the process is frozen with SIGSTOP before that check, so what the test sees is
where the kill lands). Half the kills hit an encryption, half a decryption, and the count of
mid-conversion kills is asserted.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reflect.store.database import connect, file_kind

TRIALS = 6
SEED = 22
ENTRIES = 200
PASSPHRASE = "kill me if you can"
# Measured: a conversion of this journal keeps its copy for at least about 0.35 s when
# encrypting (deriving the new key) and 0.08 s when decrypting; each kill comes within a
# seeded fraction of that.
LATEST_KILL_SECONDS = {"encrypt": 0.2, "decrypt": 0.04}
ATTEMPTS = 3  # a kill that comes too late (the copy already renamed) is tried again


@pytest.mark.slow
def test_kill_9_mid_conversion_leaves_a_whole_journal(reflect_home):
    from reflect.cli.access import open_journal
    from reflect.store.entries import create_note

    with open_journal() as database:
        for number in range(ENTRIES):
            create_note(database, f"entry {number} " + "worth keeping " * 50)
    journal = reflect_home / "journal.db"
    chooser = random.Random(SEED)
    mid_conversion_kills = {"encrypt": 0, "decrypt": 0}
    for trial in range(TRIALS):
        direction = "encrypt" if trial % 2 == 0 else "decrypt"
        for _ in range(ATTEMPTS):
            if direction != next_direction(journal):  # a late kill let it finish: go back
                assert convert(journal).wait() == 0
            if kill_mid_conversion(journal, chooser.uniform(0, LATEST_KILL_SECONDS[direction])):
                mid_conversion_kills[direction] += 1
                break
        assert_whole(journal)

    assert mid_conversion_kills == {"encrypt": TRIALS // 2, "decrypt": TRIALS // 2}
    assert convert(journal).wait() == 0  # one left to finish: it clears any half-made copy
    assert sorted(path.name for path in reflect_home.iterdir()) == ["journal.db"]
    assert_whole(journal)


def kill_mid_conversion(journal: Path, delay: float) -> bool:
    """Start a conversion, wait for its copy, freeze it `delay` later and kill it with
    SIGKILL. True if it was frozen before renaming its copy into place (mid-conversion): then
    the journal must be the old file, whole."""
    kind_before = file_kind(journal)
    stale = set(copies(journal.parent))
    converting = convert(journal)
    copy = wait_for_new_copy(journal.parent, stale, converting)
    time.sleep(delay)
    converting.send_signal(signal.SIGSTOP)  # frozen where it is: what we see now, it left
    mid_conversion = copy.exists()
    converting.send_signal(signal.SIGKILL)
    converting.wait()
    if mid_conversion:
        assert file_kind(journal) == kind_before, "a kill mid-conversion changed the journal"
    return mid_conversion


def next_direction(journal: Path) -> str:
    return "decrypt" if file_kind(journal) == "opaque" else "encrypt"


def copies(folder: Path) -> list[Path]:
    return list(folder.glob(".journal.db.*.converting"))


def wait_for_new_copy(
    folder: Path, stale: set[Path], converting: subprocess.Popen[bytes], timeout: float = 120
) -> Path:
    """The converted copy this conversion creates, as soon as it exists."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        fresh = [path for path in copies(folder) if path not in stale]
        if fresh:
            return fresh[0]
        if converting.poll() is not None:
            pytest.fail(f"the conversion ended (exit {converting.returncode}) before its copy")
        time.sleep(0.001)
    converting.kill()
    pytest.fail("the conversion never created its copy")


def assert_whole(journal: Path) -> None:
    encrypted = file_kind(journal) == "opaque"
    connection = connect(journal, passphrase=PASSPHRASE if encrypted else None)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM entry").fetchone()[0] == ENTRIES
    finally:
        connection.close()


def convert(journal: Path) -> subprocess.Popen[bytes]:
    """Encrypt the journal if it is plaintext, decrypt it if it is encrypted."""
    command = ["db", next_direction(journal)]
    return subprocess.Popen(
        [sys.executable, "-m", "reflect", *command],
        env={**os.environ, "REFLECT_PASSPHRASE": PASSPHRASE},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
