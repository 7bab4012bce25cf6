"""`reflect db backup DEST` while another process writes: the copy passes integrity_check and
holds every entry committed before the backup began."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

WRITER = Path(__file__).parents[1] / "resilience" / "journal_writer.py"


def test_backup_during_writes_is_consistent_and_complete(run_reflect, reflect_home, tmp_path):
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), "notes", "100000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    acknowledged: list[str] = []  # entry ids, in commit order; a thread keeps the pipe drained
    fifty_written = threading.Event()

    def collect() -> None:
        for line in writer.stdout:
            if line.startswith("ack "):
                acknowledged.append(line.split()[1])
                if len(acknowledged) == 50:
                    fifty_written.set()

    reader = threading.Thread(target=collect, daemon=True)
    reader.start()
    try:
        assert fifty_written.wait(timeout=60), writer.stderr.read()
        committed_before = set(acknowledged)
        destination = tmp_path / "backup.db"

        outcome = run_reflect("db", "backup", str(destination))

        written_during = len(acknowledged) - len(committed_before)
    finally:
        writer.kill()
        reader.join()  # the pipe reaches its end once the writer is gone
        writer.communicate()

    assert outcome.exit_code == 0, outcome.stderr
    assert written_during > 0  # the writer really was writing while the backup ran
    copy = sqlite3.connect(destination)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    in_copy = {row[0] for row in copy.execute("SELECT id FROM entry")}
    copy.close()
    assert committed_before <= in_copy
