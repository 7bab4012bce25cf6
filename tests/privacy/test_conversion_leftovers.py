"""A conversion cut short leaves no plaintext behind (issue #12, items 2 and 3).

2. `db decrypt` killed mid-way leaves `.journal.db.XXXX.converting`, a whole plaintext copy, beside
   the encrypted journal: the next command that opens the journal (any command, not only the next
   conversion) overwrites it and removes it. A hard link made beforehand shows the bytes were
   overwritten, not just unlinked.
3. `REFLECT_DB` a symbolic link: `db encrypt` encrypts the file it points to and keeps the link.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from privacy_support import KEYED, SECRET_WORD

from tests.conftest import reflect_command


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if ".converting" in path.name)


@pytest.fixture
def encrypted_with_plaintext_leftover(
    encrypted_journal: Path, journal_templates: dict[str, Path], tmp_path: Path
) -> tuple[Path, Path]:
    """An encrypted journal with the plaintext copy a killed `db decrypt` leaves beside it, and a
    hard link to that copy's bytes outside the data folder (the witness)."""
    leftover = encrypted_journal.with_name(".journal.db.k9x2m1ab.converting")
    shutil.copyfile(journal_templates["notes"], leftover)
    leftover.chmod(0o600)
    assert SECRET_WORD.encode() in leftover.read_bytes()
    witness = tmp_path / "witness"
    os.link(leftover, witness)
    return leftover, witness


@pytest.mark.parametrize(
    "command",
    [["note", "one more"], ["list"], ["db", "check"]],
    ids=" ".join,
)
def test_the_next_command_shreds_a_plaintext_copy_left_by_a_killed_decrypt(
    run_reflect, encrypted_with_plaintext_leftover, command
):
    leftover, witness = encrypted_with_plaintext_leftover

    outcome = run_reflect(*command, env=KEYED)

    assert outcome.exit_code == 0, outcome.stderr
    assert not leftover.exists()
    assert leftovers(leftover.parent) == []
    assert SECRET_WORD.encode() not in witness.read_bytes(), "unlinked, not overwritten"


def test_a_decrypt_killed_mid_way_leaves_nothing_after_the_next_command(
    run_reflect, encrypted_journal
):
    folder = encrypted_journal.parent
    environment = {**os.environ, **KEYED}
    landed = False
    for _ in range(5):  # the kill has to land while the copy is being written
        process = subprocess.Popen(
            [*reflect_command(), "db", "decrypt"],
            env=environment,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not leftovers(folder) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)
        process.send_signal(signal.SIGSTOP)
        landed = bool(leftovers(folder))
        process.kill()
        process.wait()
        if landed:
            break
        if run_reflect("db", "encrypt", env=KEYED).exit_code != 0:  # it finished: again
            break
    if not landed:
        pytest.skip("the kill never landed while the copy was on disk")
    assert leftovers(folder)

    outcome = run_reflect("list", env=KEYED)

    assert outcome.exit_code == 0, outcome.stderr
    assert leftovers(folder) == []


def test_encrypting_through_a_symlinked_reflect_db_encrypts_the_file_it_points_to(
    run_reflect, written_journal, tmp_path, stock_sqlite3
):
    real = tmp_path / "elsewhere" / "my-journal.db"
    real.parent.mkdir(mode=0o700)
    shutil.move(written_journal, real)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    linked = {**KEYED, "REFLECT_DB": str(link)}

    outcome = run_reflect("db", "encrypt", env=linked)

    assert outcome.exit_code == 0, outcome.stderr
    assert link.is_symlink() and Path(os.readlink(link)) == real, "the link was replaced"
    assert SECRET_WORD.encode() not in real.read_bytes(), "the journal it points to is plaintext"
    assert "file is not a database" in stock_sqlite3(real, "SELECT 1 FROM entry").stderr
    assert leftovers(real.parent) == [] and leftovers(tmp_path) == []
    listed = run_reflect("list", "--json", env=linked)
    assert listed.exit_code == 0, listed.stderr
    assert SECRET_WORD in run_reflect("export", env=linked).stdout
    assert run_reflect("list", env={"REFLECT_DB": str(link)}).exit_code == 1  # needs the key
