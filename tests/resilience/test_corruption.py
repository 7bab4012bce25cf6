"""A damaged journal: `reflect db check` says so plainly, other commands refuse, nothing is
overwritten."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

PAGE_SIZE = 4096
BTREE_HEADER_BYTES = 8


def damage(path: Path, *, first_page: int = 2) -> None:
    """Flip the b-tree page header of every page from first_page on, as a failing disk might.

    Page 1 (the file header and the table of tables) is left alone, so SQLite still recognises
    the file and the damage is only found when a table is read.
    """
    data = bytearray(path.read_bytes())
    for page_start in range((first_page - 1) * PAGE_SIZE, len(data), PAGE_SIZE):
        for offset in range(page_start, page_start + BTREE_HEADER_BYTES):
            data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged_journal(reflect_home: Path, tmp_path: Path) -> Path:
    from reflect.cli.access import open_journal
    from reflect.store.entries import create_note

    with open_journal() as database:
        for number in range(30):
            create_note(database, f"an entry worth keeping {number} " + "words " * 200)
    original = reflect_home / "journal.db"
    kept = shutil.copyfile(original, tmp_path / "undamaged-copy.db")
    damage(original)
    assert digest(original) != digest(kept)
    return original


def test_db_check_says_the_journal_is_damaged_and_names_the_backup_command(
    run_reflect, damaged_journal
):
    before = digest(damaged_journal)

    outcome = run_reflect("db", "check")

    assert outcome.exit_code == 1
    assert f"The journal {damaged_journal} is damaged" in outcome.stderr
    assert "reflect db backup" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert digest(damaged_journal) == before


@pytest.mark.parametrize(
    "command",
    [["db", "backup"], ["db", "path"], ["note", "a new note"], ["list"], ["search", "entry"]],
    ids=" ".join,
)
def test_other_commands_refuse_a_damaged_journal_without_changing_it(
    run_reflect, damaged_journal, tmp_path, command
):
    before = digest(damaged_journal)

    outcome = run_reflect(*command, cwd=tmp_path)

    assert outcome.exit_code == 1, outcome.output
    assert "is damaged" in outcome.stderr
    assert "reflect db check" in outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert digest(damaged_journal) == before
    assert not list((damaged_journal.parent / "backups").glob("*.db"))  # no damaged "backup"


def test_damage_deep_in_the_file_is_found_and_never_backed_up(run_reflect, reflect_home):
    """Only the last pages are damaged: the journal opens, but check and backup both see it."""
    from reflect.cli.access import open_journal
    from reflect.store.entries import create_note

    with open_journal() as database:
        for number in range(30):
            create_note(database, f"an entry worth keeping {number} " + "words " * 200)
    journal = reflect_home / "journal.db"
    pages = journal.stat().st_size // PAGE_SIZE
    damage(journal, first_page=pages - 2)
    before = digest(journal)

    check = run_reflect("db", "check")
    backup = run_reflect("db", "backup")

    assert check.exit_code == 1 and "is damaged" in check.stderr
    assert backup.exit_code == 1 and "is damaged" in backup.stderr, backup.output
    assert "Traceback" not in check.stderr + backup.stderr
    assert not list((reflect_home / "backups").iterdir())
    assert digest(journal) == before
