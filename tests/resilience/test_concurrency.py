"""Two processes writing at the same time: every entry arrives, neither sees an error."""

from __future__ import annotations

import sqlite3

ENTRIES_EACH = 200


def test_two_writers_at_once_store_every_entry_without_errors(start_writer, reflect_home):
    # The journal exists before the race, as it would for a person with two terminals open.
    first = start_writer("notes", "0")
    assert first.communicate()[1] == ""

    writers = [start_writer("notes", str(ENTRIES_EACH), "--wait-for-go") for _ in range(2)]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready"
    for writer in writers:  # both are open and waiting: release them together
        writer.stdin.write("go\n")
        writer.stdin.flush()
    results = [writer.communicate() for writer in writers]

    for writer, (stdout, stderr) in zip(writers, results, strict=True):
        assert writer.returncode == 0, stderr
        assert stderr == ""
        assert stdout.count("ack ") == ENTRIES_EACH
    acknowledged = [
        line.split()[1]
        for stdout, _ in results
        for line in stdout.splitlines()
        if line.startswith("ack ")
    ]
    connection = sqlite3.connect(reflect_home / "journal.db")
    stored = [row[0] for row in connection.execute("SELECT id FROM entry")]
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    assert len(set(acknowledged)) == 2 * ENTRIES_EACH
    assert sorted(stored) == sorted(acknowledged)
