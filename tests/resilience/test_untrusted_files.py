"""A data folder or config.yaml that another user could have changed is refused, like ssh's
StrictModes, and its `editor` is never run (issue #12, item 4).

The attack: REFLECT_HOME is an existing 0777 folder; another user writes config.yaml there with
`editor: 'sh -c "..."'`, and `reflect edit` would run that command as the journal's owner. The
other user is real (uid 65534, by fork + setuid) when the tests run as root, as CI does; the
journal's owner then obeys permission bits like anyone else (see resilience_support).
"""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path

import pytest
from resilience_support import Limits

OBEYING = Limits(obey_permissions=True)
OTHER_UID = 65534  # "nobody"


def as_other_user(folder: Path, action) -> None:
    """Run action() in a child process that has become another user, in folder (entered while
    still root: the test's temporary folders above it are private to root)."""
    if os.geteuid() != 0:
        pytest.skip("acting as another user needs root (CI runs as root)")
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(folder)
            os.setgroups([])
            os.setgid(OTHER_UID)
            os.setuid(OTHER_UID)
            action()
            code = 0
        except BaseException:
            code = 1
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the other user could not act"


def hostile_config(marker: Path) -> str:
    command = f"touch {shlex.quote(str(marker))}"
    return f"editor: {json.dumps(f'sh -c {shlex.quote(command)}')}\n"


@pytest.fixture
def entry_id(run_reflect, reflect_home: Path) -> str:
    assert run_reflect("note", "a note of mine").exit_code == 0
    listed = json.loads(run_reflect("list", "--json").stdout)
    # `list --json` is a versioned object since #17 (a bare list before): read either
    return (listed["entries"] if isinstance(listed, dict) else listed)[0]["id"]


def assert_refused(outcome, *words: str) -> None:
    assert outcome.exit_code == 1, (outcome.stdout, outcome.stderr)
    assert outcome.stderr.startswith("Error: "), outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert len(outcome.stderr.strip().splitlines()) <= 2, outcome.stderr
    for word in words:
        assert word in outcome.stderr, outcome.stderr


def test_another_user_writing_config_into_a_world_writable_data_folder_runs_nothing(
    run_reflect_limited, reflect_home, entry_id, tmp_path
):
    marker = tmp_path / "their-command-ran"
    reflect_home.chmod(0o777)
    config = reflect_home / "config.yaml"
    as_other_user(
        reflect_home,
        lambda: Path(config.name).write_text(hostile_config(marker), encoding="utf-8"),
    )
    assert config.stat().st_uid == OTHER_UID

    outcome = run_reflect_limited("edit", entry_id[:8], limits=OBEYING)

    assert_refused(outcome, str(reflect_home), "other users", "chmod 700")
    assert not marker.exists(), "another user's editor command ran as the journal's owner"


@pytest.mark.parametrize("command", [["list"], ["note", "more"], ["export"]], ids=" ".join)
def test_a_world_writable_data_folder_is_refused_by_every_command(
    run_reflect_limited, reflect_home, entry_id, command
):
    journal = reflect_home / "journal.db"
    before = journal.read_bytes()
    reflect_home.chmod(0o777)

    outcome = run_reflect_limited(*command, limits=OBEYING)

    assert_refused(outcome, "data folder", str(reflect_home), "chmod 700")
    assert journal.read_bytes() == before


def test_a_config_file_owned_by_another_user_is_refused_and_its_editor_not_run(
    run_reflect_limited, reflect_home, entry_id, tmp_path
):
    marker = tmp_path / "their-command-ran"
    config = reflect_home / "config.yaml"
    config.write_text(hostile_config(marker), encoding="utf-8")
    config.chmod(0o644)
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root (CI runs as root)")
    os.chown(config, OTHER_UID, OTHER_UID)

    outcome = run_reflect_limited("edit", entry_id[:8], limits=OBEYING)

    assert_refused(outcome, str(config), "belongs to another user")
    assert not marker.exists()


@pytest.mark.parametrize("mode", [0o666, 0o620, 0o602])
def test_a_config_file_others_can_write_is_refused(
    run_reflect_limited, reflect_home, entry_id, tmp_path, mode
):
    marker = tmp_path / "their-command-ran"
    config = reflect_home / "config.yaml"
    config.write_text(hostile_config(marker), encoding="utf-8")
    config.chmod(mode)

    outcome = run_reflect_limited("edit", entry_id[:8], limits=OBEYING)

    assert_refused(outcome, str(config), "chmod 600")
    assert not marker.exists()


def test_the_editor_of_a_private_config_of_ones_own_is_run(
    run_reflect_limited, reflect_home, entry_id, tmp_path
):
    """The control: the same config, private and one's own, is trusted (its editor runs)."""
    marker = tmp_path / "my-command-ran"
    config = reflect_home / "config.yaml"
    config.write_text(hostile_config(marker), encoding="utf-8")
    config.chmod(0o600)

    outcome = run_reflect_limited("edit", entry_id[:8], limits=OBEYING)

    assert marker.exists(), outcome.stderr
    assert "Traceback" not in outcome.stderr
