"""Read-only journal file or folder, and a data folder that cannot be written: clear errors
naming the path, no traceback, nothing changed.

CI runs as root, which ignores permission bits; the child then gives up that power (see
resilience_support), so these tests mean the same for root and for everyone else.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from resilience_support import Limits

OBEYING = Limits(obey_permissions=True)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def written_home(reflect_home: Path) -> Iterator[Path]:
    from reflect.cli.access import open_journal
    from reflect.store.entries import create_note

    with open_journal() as database:
        create_note(database, "already written")
    yield reflect_home
    for path in (reflect_home, *reflect_home.rglob("*")):  # let pytest clean up afterwards
        path.chmod(path.stat().st_mode | stat.S_IWUSR | stat.S_IXUSR)


def assert_clear_refusal(outcome, *names: str) -> None:
    assert outcome.exit_code == 1, outcome.stderr
    assert outcome.stderr.startswith("Error: ")
    assert "Traceback" not in outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) <= 2, outcome.stderr
    for name in names:
        assert name in outcome.stderr


@pytest.mark.parametrize("command", [["note", "one more"], ["db", "backup"]], ids=" ".join)
def test_a_read_only_journal_file_is_refused_by_name(run_reflect_limited, written_home, command):
    journal = written_home / "journal.db"
    journal.chmod(0o400)
    before = digest(journal)

    outcome = run_reflect_limited(*command, limits=OBEYING)

    assert_clear_refusal(outcome, str(journal), "read-only")
    assert digest(journal) == before


def test_a_read_only_data_folder_is_refused_by_name(run_reflect_limited, written_home):
    journal = written_home / "journal.db"
    before = digest(journal)
    written_home.chmod(0o500)

    outcome = run_reflect_limited("note", "one more", limits=OBEYING)

    assert_clear_refusal(outcome, str(written_home), "permission denied")
    assert digest(journal) == before


def test_a_data_folder_that_cannot_be_created_is_refused_by_name(
    run_reflect_limited, tmp_path, monkeypatch
):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    home = locked / "reflect"
    monkeypatch.setenv("REFLECT_HOME", str(home))
    try:
        outcome = run_reflect_limited("db", "path", limits=OBEYING)
    finally:
        locked.chmod(0o700)

    assert_clear_refusal(outcome, str(home), "permission denied")
    assert not home.exists()


def test_a_journal_moved_into_a_read_only_folder_is_refused_by_name(
    run_reflect_limited, written_home, tmp_path, monkeypatch
):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    moved = (written_home / "journal.db").rename(elsewhere / "journal.db")
    elsewhere.chmod(0o500)
    monkeypatch.setenv("REFLECT_DB", str(moved))
    try:
        outcome = run_reflect_limited("note", "one more", limits=OBEYING)
    finally:
        elsewhere.chmod(0o700)

    assert_clear_refusal(outcome, str(elsewhere))
