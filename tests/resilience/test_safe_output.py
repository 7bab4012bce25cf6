"""`export -o`, `db backup DEST` and `packs new` never write over the journal, its companion
files, config.yaml or anything in the data folder; a FIFO or character device is written as a
stream, never replaced by a regular file (issue #12, item 1)."""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
from pathlib import Path

import pytest


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def home_with_journal(run_reflect, reflect_home: Path) -> Path:
    assert run_reflect("note", "a note worth keeping").exit_code == 0
    (reflect_home / "config.yaml").write_text("colour: never\n", encoding="utf-8")
    (reflect_home / "config.yaml").chmod(0o600)
    return reflect_home


def assert_refused(outcome, *words: str) -> None:
    assert outcome.exit_code == 1, (outcome.stdout, outcome.stderr)
    assert outcome.stderr.startswith("Error: "), outcome.stderr
    assert "Traceback" not in outcome.stderr
    for word in words:
        assert word in outcome.stderr, outcome.stderr


def fingerprints(home: Path) -> dict[str, str]:
    return {path.name: digest(path) for path in sorted(home.iterdir()) if path.is_file()}


PROTECTED = ["journal.db", "journal.db-wal", "journal.db-shm", "config.yaml"]


@pytest.mark.parametrize("name", PROTECTED)
@pytest.mark.parametrize("command", [["export", "-o"], ["db", "backup"]], ids=" ".join)
def test_an_output_onto_the_journal_or_its_settings_is_refused(
    run_reflect, home_with_journal, name, command
):
    before = fingerprints(home_with_journal)

    outcome = run_reflect(*command, str(home_with_journal / name))

    assert_refused(outcome, "will not write")
    after = fingerprints(home_with_journal)
    assert {key: after.get(key) for key in before} == before
    assert run_reflect("list").exit_code == 0  # the journal still opens and holds its note
    assert "a note worth keeping" in run_reflect("export").stdout


def test_a_link_to_the_journal_from_outside_is_refused(run_reflect, home_with_journal, tmp_path):
    link = tmp_path / "innocent.md"
    link.symlink_to(home_with_journal / "journal.db")
    before = digest(home_with_journal / "journal.db")

    outcome = run_reflect("export", "-o", str(link))

    assert_refused(outcome, "your journal", "will not write")
    assert digest(home_with_journal / "journal.db") == before
    assert link.is_symlink()


def test_a_new_file_inside_the_data_folder_is_refused(run_reflect, home_with_journal):
    target = home_with_journal / "export.md"

    outcome = run_reflect("export", "-o", str(target))

    assert_refused(outcome, "inside reflect's data folder")
    assert not target.exists()


def test_an_export_into_a_fifo_streams_into_it_and_the_fifo_stays(
    run_reflect, home_with_journal, tmp_path
):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = tmp_path / "received.md"
    with received.open("wb") as sink:
        reader = subprocess.Popen(["cat", str(fifo)], stdout=sink)
    try:
        outcome = run_reflect("export", "-o", str(fifo))
        assert outcome.exit_code == 0, outcome.stderr
        reader.wait(timeout=30)
    finally:
        if reader.poll() is None:
            reader.kill()
            reader.wait()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"
    assert "a note worth keeping" in received.read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["export", "-o"], ["db", "backup"]], ids=" ".join)
def test_an_output_onto_a_character_device_writes_into_it_and_the_device_stays(
    run_reflect, home_with_journal, tmp_path, command
):
    device = tmp_path / "null"
    try:  # a private stand-in for /dev/null (same device numbers): the real one is not risked
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("creating a device node needs CAP_MKNOD")

    outcome = run_reflect(*command, str(device))

    assert outcome.exit_code == 0, outcome.stderr
    mode = os.lstat(device).st_mode
    assert stat.S_ISCHR(mode), "the device was replaced by a regular file"
    assert os.lstat(device).st_rdev == os.makedev(1, 3)
