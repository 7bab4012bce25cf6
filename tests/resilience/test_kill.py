"""kill -9 at random moments while answers are being saved: nothing acknowledged is ever lost."""

from __future__ import annotations

import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

TRIALS = 50


def journal_state(path: Path) -> tuple[str, set[tuple[str, str]]]:
    """Read the journal with the stock sqlite3 module, as an independent witness."""
    connection = sqlite3.connect(path)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
        answers = set(connection.execute("SELECT entry_id, question_id FROM answer").fetchall())
    finally:
        connection.close()
    return integrity, answers


@pytest.mark.slow
def test_kill_9_while_writing_loses_no_acknowledged_answer(start_writer, reflect_home):
    seed = random.randrange(2**32)
    chooser = random.Random(seed)
    acknowledged: set[tuple[str, str]] = set()
    killed_mid_write = 0
    for trial in range(TRIALS):
        writer = start_writer("answers", "100000")
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        time.sleep(chooser.uniform(0.0, 0.15))  # the random moment is the point of the test
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate()
        assert writer.returncode == -signal.SIGKILL
        acks = {
            (fields[1], fields[2])
            for fields in (line.split() for line in output.splitlines())
            if fields[0] == "ack" and len(fields) == 4  # a complete acknowledgement line
        }
        acknowledged |= acks
        killed_mid_write += bool(acks)

        integrity, stored = journal_state(reflect_home / "journal.db")
        context = f"trial {trial}, seed {seed}"
        assert integrity == "ok", context
        assert acknowledged <= stored, f"{context}: lost {sorted(acknowledged - stored)[:5]}"
    assert killed_mid_write >= TRIALS // 2, "the kills should mostly land while writing"
