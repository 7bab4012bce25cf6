"""The temporary file an editor works on holds an entry's words only while it is needed (issue
#12, item 5): `reflect edit` stopped by SIGTERM or SIGHUP while the editor is open leaves no
file, and its bytes are overwritten (a hard link the editor made shows it); after a kill -9 the
next command keeps changed words as a private draft tagged `recovered` and shreds the file;
`reflect note` hit by SIGHUP after the editor saved keeps the note as such a draft. Plain and
encrypted journals alike.
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from privacy_support import KEYED, SECRET_WORD

from tests.conftest import reflect_command

NEW_WORD = "marmalade-heron"

# The editor: links the file it was given to a witness (to see its bytes after reflect is done
# with it), may save new words, may SIGHUP reflect, reports its pid and path, then waits.
EDITOR = """
import json, os, signal, sys, time
path, mode, folder = sys.argv[-1], sys.argv[1], sys.argv[2]
os.link(path, os.path.join(folder, "witness"))
if mode in ("save", "save-and-hangup"):
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("\\n# new words: {new} {secret}\\n")
        handle.flush()
        os.fsync(handle.fileno())
report = os.path.join(folder, "report.json")
with open(report + ".tmp", "w") as handle:
    json.dump({{"pid": os.getpid(), "path": path}}, handle)
os.replace(report + ".tmp", report)
if mode == "save-and-hangup":
    os.kill(os.getppid(), signal.SIGHUP)
time.sleep(120)
"""


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """editor(mode) sets EDITOR to the script above; returns the folder it reports into."""
    script = tmp_path / "editor.py"
    script.write_text(EDITOR.format(new=NEW_WORD, secret=SECRET_WORD), encoding="utf-8")
    folder = tmp_path / "editor-side"
    folder.mkdir()

    def use(mode: str) -> Path:
        command = [sys.executable, str(script), mode, str(folder)]
        monkeypatch.setenv("EDITOR", shlex.join(command))
        return folder

    return use


def wait_for_report(folder: Path, process: subprocess.Popen) -> dict:
    report = folder / "report.json"
    deadline = time.monotonic() + 60
    while not report.exists():
        assert process.poll() is None, "reflect ended before the editor opened"
        assert time.monotonic() < deadline, "the editor never opened"
        time.sleep(0.02)
    return json.loads(report.read_text())


def stop_editor(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def editor_files(home: Path) -> list[str]:
    return sorted(
        path.name for path in home.iterdir() if path.name.startswith((".reflect-", "edit-"))
    )


def entry_with_secret(run_reflect, env: dict[str, str]) -> str:
    found = json.loads(run_reflect("search", SECRET_WORD, "--json", env=env).stdout)
    return (found["entries"] if isinstance(found, dict) else found)[0]["id"]


def drafts(run_reflect, env: dict[str, str]) -> list[dict]:
    listed = json.loads(run_reflect("list", "--drafts", "--json", env=env).stdout)
    return listed["entries"] if isinstance(listed, dict) else listed


@pytest.fixture(params=["plain", "encrypted"])
def journal_and_key(request, journal_templates, reflect_home: Path) -> tuple[Path, dict]:
    name = "notes" if request.param == "plain" else "notes-encrypted"
    reflect_home.mkdir(mode=0o700, exist_ok=True)
    target = reflect_home / "journal.db"
    target.write_bytes(journal_templates[name].read_bytes())
    target.chmod(0o600)
    return target, (KEYED if request.param == "encrypted" else {})


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_edit_stopped_while_the_editor_is_open_leaves_no_file(
    run_reflect, journal_and_key, editor, stop
):
    journal, key = journal_and_key
    home = journal.parent
    entry = entry_with_secret(run_reflect, key)
    side = editor("wait")
    process = subprocess.Popen(
        [*reflect_command(), "edit", entry[:8]],
        env={**os.environ, **key},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    report = wait_for_report(side, process)
    try:
        assert SECRET_WORD.encode() in (side / "witness").read_bytes()  # it held the words
        process.send_signal(stop)
        _, stderr = process.communicate(timeout=60)
    finally:
        stop_editor(report["pid"])
        if process.poll() is None:
            process.kill()
            process.wait()

    assert process.returncode != 0
    assert b"Traceback" not in stderr
    assert not Path(report["path"]).exists()
    assert editor_files(home) == []
    assert SECRET_WORD.encode() not in (side / "witness").read_bytes(), "unlinked, not shredded"
    assert entry_with_secret(run_reflect, key) == entry  # the entry itself is unchanged


def test_edit_killed_with_9_leaves_a_file_the_next_command_keeps_as_a_draft_and_shreds(
    run_reflect, journal_and_key, editor
):
    journal, key = journal_and_key
    home = journal.parent
    entry = entry_with_secret(run_reflect, key)
    side = editor("save")
    process = subprocess.Popen(
        [*reflect_command(), "edit", entry[:8]],
        env={**os.environ, **key},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    report = wait_for_report(side, process)
    process.kill()
    process.wait()
    stop_editor(report["pid"])
    assert Path(report["path"]).exists()  # kill -9 gives reflect no chance: the file is there

    outcome = run_reflect("list", env=key)

    assert outcome.exit_code == 0, outcome.stderr
    assert not Path(report["path"]).exists()
    assert editor_files(home) == []
    assert SECRET_WORD.encode() not in (side / "witness").read_bytes()
    assert "draft" in outcome.stderr  # says where the words went
    kept = drafts(run_reflect, key)
    assert len(kept) == 1 and "recovered" in kept[0]["tags"], kept
    shown = run_reflect("show", kept[0]["id"][:8], env=key)
    assert NEW_WORD in shown.stdout, shown.stderr
    again = run_reflect("list", env=key).stderr
    assert "cut off" not in again and len(drafts(run_reflect, key)) == 1  # recovered once


def test_note_hung_up_after_the_editor_saved_keeps_the_words_as_a_draft(
    run_reflect, journal_and_key, editor
):
    journal, key = journal_and_key
    home = journal.parent
    side = editor("save-and-hangup")
    controller, terminal = pty.openpty()  # `reflect note` opens the editor on a terminal only
    try:
        process = subprocess.Popen(
            [*reflect_command(), "note"],
            env={**os.environ, **key},
            stdin=terminal,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        report = wait_for_report(side, process)
        try:
            _, stderr = process.communicate(timeout=60)
        finally:
            stop_editor(report["pid"])
            if process.poll() is None:
                process.kill()
                process.wait()
    finally:
        os.close(controller)
        os.close(terminal)

    assert b"Traceback" not in stderr
    assert not Path(report["path"]).exists()
    assert editor_files(home) == []
    assert SECRET_WORD.encode() not in (side / "witness").read_bytes()
    kept = drafts(run_reflect, key)
    assert len(kept) == 1 and "recovered" in kept[0]["tags"], kept
    shown = run_reflect("show", kept[0]["id"][:8], env=key)
    assert NEW_WORD in shown.stdout, shown.stderr
