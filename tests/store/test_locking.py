"""Opening and closing the journal several times in one process never drops the locks SQLite
holds for a connection that is still open.

POSIX releases all of a process's fcntl locks on a file when any descriptor of that file is
closed. If reflect closed a descriptor of the journal while a connection was open, another
process could take the journal over and delete the write-ahead log under that connection.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reflect.cli.access import open_journal
from reflect.store.database import file_kind

TAKE_OVER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], timeout=0)
try:
    print(connection.execute("PRAGMA journal_mode = DELETE").fetchone()[0])
except sqlite3.OperationalError as error:
    print(error)
"""


def another_process_takes_over(journal: Path) -> str:
    """Leaving WAL mode needs every other connection gone: it succeeds only if nobody holds
    the journal open (or their locks were lost)."""
    return subprocess.run(
        [sys.executable, "-c", TAKE_OVER, str(journal)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_the_check_can_see_a_lost_lock(reflect_home):
    with open_journal() as database:
        database.query("SELECT count(*) FROM entry")
        database.path.read_bytes()  # an unrelated descriptor, opened and closed: locks are lost
        assert another_process_takes_over(database.path) == "delete"


def test_a_second_open_and_close_keeps_the_first_connection_locked(reflect_home):
    with open_journal() as first:
        first.query("SELECT count(*) FROM entry")
        with open_journal() as second:
            second.query("SELECT count(*) FROM entry")
        assert file_kind(first.path) == "sqlite"

        assert another_process_takes_over(first.path) == "database is locked"
